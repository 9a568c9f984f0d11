/**
 * checkInvariants passes healthy runs and catches each kind of deliberately corrupted state, naming
 * the rule, array, site, value, step and seed; withInvariantChecks stops a run with that report.
 */
import { describe, expect, it } from "vitest";
import type { Simulation } from "../../src/model/simulation";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { FieldIndex } from "../../src/model/fields/registry";
import { checkInvariants, InvariantError, type Violation, withInvariantChecks } from "../../src/model/invariants";
import { Cell, HscState, KupState, MscState, Vessel } from "../../src/model/lattice/codes";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";

const SEED = 4242;
const treated: ScenarioInput = {
  preset: "early-cirrhosis-bm-msc-portal-vein",
  seed: SEED,
  days: 3,
  lattice: { width: 40, height: 36 },
  disease: { stage: "F1" },
  therapy: { infusions: [{ day: 0, source: "bone-marrow", route: "portal-vein", dose_cells_per_kg: 1e6 }] },
  parameters: { "injury.generation_max_weeks": 2 },
};

function ran(doc: ScenarioInput = treated, steps = 30): Simulation {
  const sim = createSimulation(resolveScenario(doc, presetLookup));
  sim.step(steps);
  return sim;
}

/** First site holding `cell` (and, if given, on `vessel`). */
function siteOf(sim: Simulation, cell: number, vessel?: number): number {
  const t = sim.state.tissue;
  for (let k = 0; k < t.size; k++) if (t.cell[k] === cell && (vessel === undefined || t.vessel[k] === vessel)) return k;
  throw new Error(`no cell ${cell} on the lattice`);
}

const xy = (sim: Simulation, k: number) => ({
  x: k % sim.state.tissue.width,
  y: Math.floor(k / sim.state.tissue.width),
});

function expectViolation(sim: Simulation, array: string, site: number | null, value: string | RegExp): Violation {
  const v = checkInvariants(sim);
  expect(v, "a violation").not.toBeNull();
  expect(v!.array).toBe(array);
  expect(v!.site).toEqual(site === null ? null : xy(sim, site));
  if (typeof value === "string") expect(v!.value).toBe(value);
  else expect(v!.value).toMatch(value);
  expect(v!.seed).toBe(SEED);
  expect(v!.step).toBe(sim.state.step);
  expect(v!.scenario.seed).toBe(SEED);
  return v!;
}

describe("checkInvariants", () => {
  it("passes a treated run after stage generation, and every shipped code path it took", () => {
    const sim = ran();
    expect(sim.metrics().msc_simulated).toBeGreaterThan(0);
    expect(checkInvariants(sim)).toBeNull();
  });

  const corruptions: [string, (sim: Simulation) => [array: string, site: number | null, value: string | RegExp]][] = [
    [
      "NaN in a field",
      (sim) => {
        sim.state.tissue.fields[FieldIndex.tgfb]![77] = Number.NaN;
        return ["fields.tgfb", 77, "NaN"];
      },
    ],
    [
      "a negative concentration",
      (sim) => {
        sim.state.tissue.fields[FieldIndex.oxygen]![5] = -1e-6;
        return ["fields.oxygen", 5, String(Math.fround(-1e-6))];
      },
    ],
    [
      "an infinite concentration",
      (sim) => {
        sim.state.tissue.fields[FieldIndex.hgf]![0] = Number.POSITIVE_INFINITY;
        return ["fields.hgf", 0, "Infinity"];
      },
    ],
    [
      "collagen above 1",
      (sim) => {
        sim.state.tissue.collagen[300] = 1.5;
        return ["collagen", 300, "1.5"];
      },
    ],
    [
      "a negative cross-link",
      (sim) => {
        sim.state.tissue.crosslink[301] = -0.25;
        return ["crosslink", 301, "-0.25"];
      },
    ],
    [
      "damage above 1 on a hepatocyte",
      (sim) => {
        const k = siteOf(sim, Cell.hepatocyte);
        sim.state.tissue.damage[k] = 2;
        return ["damage", k, "2"];
      },
    ],
    [
      "damage left on an empty site",
      (sim) => {
        const k = siteOf(sim, Cell.empty);
        sim.state.tissue.damage[k] = 0.5;
        return ["damage", k, "0.5"];
      },
    ],
    [
      "an unknown cell code",
      (sim) => {
        sim.state.tissue.cell[12] = 9;
        return ["cell", 12, "9"];
      },
    ],
    [
      "an unknown vessel code",
      (sim) => {
        sim.state.tissue.vessel[13] = 7;
        return ["vessel", 13, "7"];
      },
    ],
    [
      "a stellate cell in a state it does not have",
      (sim) => {
        const k = siteOf(sim, Cell.stellate);
        sim.state.tissue.state[k] = HscState.activated + 1;
        return ["state", k, "2"];
      },
    ],
    [
      "a Kupffer cell in a state it does not have",
      (sim) => {
        const k = siteOf(sim, Cell.kupffer);
        sim.state.tissue.state[k] = KupState.m2 + 1;
        return ["state", k, "3"];
      },
    ],
    [
      "an empty site with a state",
      (sim) => {
        const k = siteOf(sim, Cell.empty);
        sim.state.tissue.state[k] = 1;
        return ["state", k, "1"];
      },
    ],
    [
      "an MSC of an infusion that does not exist",
      (sim) => {
        const k = siteOf(sim, Cell.msc);
        sim.state.tissue.state[k] = (3 << 2) | MscState.engrafted;
        return ["state", k, "13 (infusion 3)"];
      },
    ],
    [
      "a hepatocyte on a sinusoid (two agents on one site)",
      (sim) => {
        const k = siteOf(sim, Cell.kupffer, Vessel.sinusoid);
        sim.state.tissue.cell[k] = Cell.hepatocyte;
        sim.state.tissue.state[k] = 0;
        return ["vessel", k, "1 (cell hepatocyte)"];
      },
    ],
    [
      "a Kupffer cell on the parenchyma",
      (sim) => {
        const k = siteOf(sim, Cell.hepatocyte);
        sim.state.tissue.cell[k] = Cell.kupffer;
        sim.state.tissue.damage[k] = 0;
        return ["vessel", k, "0 (cell kupffer)"];
      },
    ],
    [
      "a stellate cell in a central vein",
      (sim) => {
        const k = siteOf(sim, Cell.empty, Vessel.centralVein);
        sim.state.tissue.cell[k] = Cell.stellate;
        return ["vessel", k, "3 (cell stellate)"];
      },
    ],
    [
      "a NaN blood level",
      (sim) => {
        sim.state.blood[2] = Number.NaN;
        return ["blood[2]", null, "NaN"];
      },
    ],
    [
      "a negative counter",
      (sim) => {
        sim.state.counters.hepatocyteDeathsToday = -1;
        return ["counters.hepatocyteDeathsToday", null, "-1"];
      },
    ],
    [
      "a missing daily row",
      (sim) => {
        sim.history().pop();
        return ["history", null, String(sim.history().length)];
      },
    ],
  ];
  for (const [name, corrupt] of corruptions) {
    it(`catches ${name}`, () => {
      const sim = ran();
      const [array, site, value] = corrupt(sim);
      expectViolation(sim, array, site, value);
    });
  }

  it("catches read-outs that no longer match the lattice (a stale count)", () => {
    const sim = ran();
    const before = sim.metrics();
    const k = siteOf(sim, Cell.msc);
    // Removed behind the cached read-outs' back: the counts disagree with the arrays.
    sim.state.tissue.cell[k] = Cell.empty;
    sim.state.tissue.state[k] = 0;
    expect(sim.metrics()).toBe(before);
    const v = expectViolation(sim, "readouts.msc_simulated", null, String(before.msc_simulated));
    expect(v.rule).toContain(`(${before.msc_simulated - 1})`);
  });
});

describe("withInvariantChecks", () => {
  it("runs a clean scenario to the end, checking on the given cadence", () => {
    const raw = createSimulation(resolveScenario(treated, presetLookup));
    const checkedAt: number[] = [];
    const spy = new Proxy(raw, {
      get(target, key, receiver) {
        if (key !== "metrics") return Reflect.get(target, key, receiver);
        return () => {
          checkedAt.push(target.state.step);
          return target.metrics();
        };
      },
    });
    const sim = withInvariantChecks(spy, 24);
    expect(sim.step(5)).toBe(5);
    expect(sim.step(1000)).toBe(raw.totalSteps - 5);
    expect(sim.done()).toBe(true);
    // Checked at creation, then every 24 steps from day 0 (each check reads the metrics once).
    expect(checkedAt.filter((s, i) => checkedAt.indexOf(s) === i)).toEqual([0, 24, 48, 72]);
    expect(sim.history()).toHaveLength(4);
  });

  it("stops at the first check after a corruption, with step, site, value and seed in the message", () => {
    const raw = createSimulation(resolveScenario(treated, presetLookup));
    const sim = withInvariantChecks(raw, 6);
    sim.step(10);
    raw.state.tissue.collagen[2 * 40 + 7] = 3;
    let error: unknown;
    try {
      sim.step(10);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvariantError);
    // 10 + 2 steps: the next multiple of 6. Nothing clamps collagen back to 1: degradation only lowers it a little.
    expect(raw.state.step).toBe(12);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^invariant broken at step 12 \(day 0\.5, clock \d+\), seed 4242: collagen outside \[0, 1\] at site \(7, 2\): collagen = 2\.9\d*\. Reproduce: createSimulation\(resolveScenario\(\{/,
    );
    expect(message).toContain('"seed":4242');
    expect(message).toContain('"preset":"early-cirrhosis-bm-msc-portal-vein"');
  });

  it("refuses a cadence that is not a whole number ≥ 1", () => {
    const sim = ran(treated, 0);
    for (const every of [0, -1, 1.5, Number.NaN]) expect(() => withInvariantChecks(sim, every)).toThrow(/everySteps/);
  });
});
