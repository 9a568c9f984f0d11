/** The stage store's memory tier: a disease stage generated once per process and scenario, the same bits, and gone when cleared. */
import { describe, expect, it } from "vitest";
import { stateHash } from "../../src/model/hash";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { createSimulation } from "../../src/model/simulation";
import { clearMemoryStages, createCachedSimulation } from "../../src/sim/stage-store";

const scenario = resolveScenario(
  { preset: "chronic-injury-f1", seed: 5, lattice: { width: 32, height: 32 }, days: 1 },
  presetLookup,
);

/** A run of `scenario` made by `create`, with the number of generation progress reports it made. */
function made(create: typeof createSimulation) {
  let reports = 0;
  const sim = create(scenario, { onProgress: () => reports++ });
  sim.step(12);
  return { reports, hash: stateHash(sim.state), steps: sim.state.baseline.generationSteps };
}

describe("stage memory tier", () => {
  it("generates once, then serves the same stage; cleared, generates again; the model alone never caches", () => {
    clearMemoryStages();
    const first = made(createCachedSimulation);
    expect(first.steps).toBeGreaterThan(0);
    expect(first.reports).toBeGreaterThan(0);
    const again = made(createCachedSimulation);
    expect(again.reports).toBe(0);
    expect(again).toEqual({ ...first, reports: 0 });
    clearMemoryStages();
    expect(made(createCachedSimulation).reports).toBeGreaterThan(0);
    const plain = made(createSimulation);
    expect(plain.reports).toBeGreaterThan(0);
    expect(plain.hash).toBe(first.hash);
  }, 120_000);
});
