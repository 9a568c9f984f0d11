/** Species clocks (docs/model.md, Species): each factor scales exactly its declared parameters, and nothing else. */
import { describe, expect, it } from "vitest";
import { stateHash } from "../../src/model/hash";
import { compileParams } from "../../src/model/params/compiled";
import { presetLookup } from "../../src/model/params/presets";
import { PARAMETERS, type ParamKey } from "../../src/model/params/registry";
import { resolveScenario } from "../../src/model/params/scenario";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { CLOCK_FACTORS, CLOCKED, CLOCKS } from "../../src/model/params/species-clock";
import { Vessel } from "../../src/model/lattice/codes";
import { createSimulation } from "../../src/model/simulation";
import type { GenerationProgress } from "../../src/model/disease/stage-generator";

const scenario = (doc: ScenarioInput) => resolveScenario(doc, presetLookup);
const human = CLOCK_FACTORS.human!;

describe("species clocks", () => {
  it("mouse and rat run on the registry's values; every human factor is a declared parameter", () => {
    const rat = compileParams(scenario({ species: "rat" }));
    expect(compileParams(scenario({ species: "mouse" }))).toEqual(rat);
    for (const p of PARAMETERS) expect(rat[p.key]).toBe(p.default * p.toInternal);
    for (const clock of CLOCKS) {
      expect(PARAMETERS.map((p) => p.key)).toContain(human[clock]);
      expect(CLOCKED[clock].length).toBeGreaterThan(0);
    }
  });

  it("each human factor divides the rates and multiplies the durations of its own process, and touches nothing else", () => {
    const listed = new Set(CLOCKS.flatMap((c) => CLOCKED[c].map((x) => x.key)));
    expect(listed.size).toBe(CLOCKS.reduce((n, c) => n + CLOCKED[c].length, 0)); // no parameter on two clocks
    for (const clock of CLOCKS) {
      // Only this clock runs slower (× 2.5); the others are set to 1.
      const parameters: Record<string, number> = Object.fromEntries(CLOCKS.map((c) => [human[c], 1]));
      parameters[human[clock]] = 2.5;
      const rat = compileParams(scenario({ species: "rat", parameters }));
      const slow = compileParams(scenario({ species: "human", parameters }));
      const own = new Map(CLOCKED[clock].map((x) => [x.key, x.kind]));
      for (const p of PARAMETERS) {
        const key = p.key as ParamKey;
        const kind = own.get(key);
        if (kind === "rate") expect(slow[key], key).toBeCloseTo(rat[key] / 2.5, 12);
        else if (kind === "duration") expect(slow[key], key).toBeCloseTo(rat[key] * 2.5, 12);
        else expect(slow[key], `${key} is on no ${clock} clock`).toBe(rat[key]);
      }
    }
  });

  it("generates a human stage on the reference clock: the rat's day-0 tissue, its stained scar aged", () => {
    const doc: ScenarioInput = { seed: 3, lattice: { width: 32, height: 32 }, disease: { stage: "F2" } };
    const day0 = (species: "rat" | "human", scarAge?: number) =>
      createSimulation(
        scenario({ ...doc, species, parameters: scarAge === undefined ? {} : { "species.human.scar_age": scarAge } }),
      );
    const rat = day0("rat");
    const man = day0("human");
    expect(man.state.baseline.generationSteps).toBe(rat.state.baseline.generationSteps);
    // With no scar age the human day-0 tissue is the rat's, bit for bit: ageing is the only difference.
    expect(stateHash(day0("human", 0).state)).toBe(stateHash(rat.state));
    // With it, the collagen is the rat's and only stained, not yet fully cross-linked scar gains cross-links.
    const r = rat.state.tissue;
    const h = man.state.tissue;
    expect(h.collagen).toEqual(r.collagen);
    const threshold = rat.state.scenario.parameters["collagen.scar_threshold"]!;
    let aged = 0;
    for (let k = 0; k < r.size; k++) {
      const wall = r.vessel[k] === Vessel.centralVein || r.vessel[k] === Vessel.portalTract;
      if (wall || r.collagen[k]! < threshold) expect(h.crosslink[k], `site ${k}`).toBe(r.crosslink[k]);
      else {
        expect(h.crosslink[k]!).toBeGreaterThanOrEqual(r.crosslink[k]!);
        if (h.crosslink[k]! > r.crosslink[k]!) aged++;
      }
    }
    expect(aged).toBeGreaterThan(0);
    // From day 0 on, the human clock runs.
    const twin = day0("human", 0);
    rat.step(48);
    twin.step(48);
    expect(stateHash(twin.state)).not.toBe(stateHash(rat.state));
  });

  it("settles a stage under the run's own injury on the species' clock, collagen held", () => {
    const injury = { type: "toxic" as const, intensity: 0.15, start_day: 0, end_day: 2 };
    const doc: ScenarioInput = {
      seed: 3,
      days: 2,
      lattice: { width: 32, height: 32 },
      disease: { stage: "F2", injury },
    };
    const day0 = (species: "rat" | "human") => createSimulation(scenario({ ...doc, species }));
    const rat = day0("rat");
    const man = day0("human");
    expect(man.state.baseline.generationSteps).toBe(rat.state.baseline.generationSteps);
    expect(man.metrics().cpa_percent).toBe(rat.metrics().cpa_percent);
    expect(stateHash(man.state)).not.toBe(stateHash(rat.state));
  });

  it("reports the settle's weeks after the target, so a long settle does not look stalled", () => {
    const injury = { type: "toxic" as const, intensity: 0.15, start_day: 0, end_day: 2 };
    const doc: ScenarioInput = {
      seed: 3,
      days: 2,
      species: "human",
      lattice: { width: 32, height: 32 },
      disease: { stage: "F2", injury },
      parameters: { "injury.settle_weeks": 2 },
    };
    const reports: GenerationProgress[] = [];
    const sim = createSimulation(scenario(doc), { onProgress: (p) => reports.push(p) });
    const settling = reports.filter((p) => p.settle);
    const generating = reports.filter((p) => !p.settle);
    expect(generating.length).toBeGreaterThan(0);
    expect(reports.indexOf(settling[0]!)).toBe(generating.length); // the settle comes after the generation
    expect(settling.map((p) => p.settle!.weeks)).toEqual(
      [...settling.map((p) => p.settle!.weeks)].sort((a, b) => a - b),
    );
    expect(settling.at(-1)).toMatchObject({ fraction: 1, settle: { weeks: 2, of: 2 } });
    expect(settling.every((p) => p.cpaPercent === sim.metrics().cpa_percent)).toBe(true); // collagen held
    // No settle without a continuing injury on day 0 (a withdrawal).
    const withdrawal: GenerationProgress[] = [];
    createSimulation(scenario({ ...doc, disease: { stage: "F2", injury: { ...injury, intensity: 0 } } }), {
      onProgress: (p) => withdrawal.push(p),
    });
    expect(withdrawal.some((p) => p.settle)).toBe(false);
  });
});
