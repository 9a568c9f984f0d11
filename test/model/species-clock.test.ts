/** Species clocks (docs/model.md, Species): each factor scales exactly its declared parameters, and nothing else. */
import { describe, expect, it } from "vitest";
import { stateHash } from "../../src/model/hash";
import { compileParams } from "../../src/model/params/compiled";
import { presetLookup } from "../../src/model/params/presets";
import { PARAMETERS, type ParamKey } from "../../src/model/params/registry";
import { resolveScenario } from "../../src/model/params/scenario";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { CLOCK_FACTORS, CLOCKED, CLOCKS } from "../../src/model/params/species-clock";
import { createSimulation } from "../../src/model/simulation";

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

  it("generates a human stage on the reference clock: the same day-0 tissue as the rat's", () => {
    const doc: ScenarioInput = { seed: 3, lattice: { width: 32, height: 32 }, disease: { stage: "F2" } };
    const day0 = (species: "rat" | "human") => createSimulation(scenario({ ...doc, species }));
    const rat = day0("rat");
    const man = day0("human");
    expect(man.state.baseline.generationSteps).toBe(rat.state.baseline.generationSteps);
    expect(stateHash(man.state)).toBe(stateHash(rat.state));
    // From day 0 on, the human clock runs.
    rat.step(48);
    man.step(48);
    expect(stateHash(man.state)).not.toBe(stateHash(rat.state));
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
});
