/** Issue 7: one lattice split over K threads gives bit-identical state to one thread, for K = 1, 2, 4. */
import { describe, expect, it, vi } from "vitest";
import { FIELD_ROW_PAD, fieldPitch, setFieldPitch } from "../../src/model/fields/layout";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { plainFieldSet } from "../../src/model/fields/solver";
import { stateHash } from "../../src/model/hash";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { encodeSnapshot, restoreSnapshot, takeSnapshot } from "../../src/model/snapshot";
import { createParallelFromSnapshot, createParallelSimulation } from "../../src/sim/parallel/coordinator";
import { spawnNodeStrip } from "../../src/sim/parallel/node-spawn";

// Every disease stage generated in this thread, by its number of steps: a stage served by an
// in-process cache is not counted, so a test can tell that generation ran.
const generated = vi.hoisted(() => ({ steps: [] as number[] }));
vi.mock("../../src/model/disease/stage-generator", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/model/disease/stage-generator")>();
  return {
    ...real,
    generateStage: (...args: Parameters<typeof real.generateStage>) => {
      const result = real.generateStage(...args);
      generated.steps.push(result.steps);
      return result;
    },
  };
});

/**
 * The simulation's modules loaded afresh (no stage cached by an earlier run of this file), with the
 * number of stage generations so far: a run created through them must generate its stage.
 */
async function freshModules() {
  vi.resetModules();
  const [engine, solver, hash, coordinator] = await Promise.all([
    import("../../src/model/simulation"),
    import("../../src/model/fields/solver"),
    import("../../src/model/hash"),
    import("../../src/sim/parallel/coordinator"),
  ]);
  return { ...engine, ...solver, ...hash, ...coordinator, generatedBefore: generated.steps.length };
}

/** Asserts that exactly one stage generation of more than zero steps ran since `before`. */
function expectGeneratedOnce(before: number): void {
  expect(generated.steps.length).toBe(before + 1);
  expect(generated.steps.at(-1)).toBeGreaterThan(0);
}

// An MSC preset on 96², with portal-vein delivery so MSCs move, divide and differentiate in the tissue.
const scenario = resolveScenario(
  {
    preset: "early-cirrhosis-bm-msc-portal-vein",
    seed: 11,
    lattice: { width: 96, height: 96 },
    disease: { stage: "F2" },
    species: "rat",
    therapy: {
      infusions: [{ day: 0, source: "bone-marrow", route: "portal-vein", dose_cells_per_kg: 4e6 }],
    },
  },
  presetLookup,
);

describe("partitioned lattice", () => {
  it("gives identical state hashes and read-outs with 1, 2 and 4 workers after 200 steps (and during stage generation)", async () => {
    const serial = createSimulation(scenario);
    // One thread sweeps its fields in place too, in its own WebAssembly memory; the same run with
    // the fields moved back into plain arrays (copied into the kernels' memory each step) agrees.
    expect(serial.state.fieldSet.backend.kind).toBe("in-place");
    const copied = createSimulation(scenario);
    const t = copied.state.tissue;
    copied.state.fieldSet = plainFieldSet(
      t.fields.map((f) => f.slice()),
      t.width,
      t.height,
    );
    t.fields = copied.state.fieldSet.arrays;
    expect(copied.state.fieldSet.backend.kind).toBe("copied");
    serial.step(200);
    copied.step(200);
    const expected = stateHash(serial.state);
    expect(stateHash(copied.state)).toBe(expected);
    expect(serial.metrics().msc_simulated).toBeGreaterThan(0);
    for (const k of [1, 2, 4]) {
      // Fresh modules: each K generates the F2 stage itself, on its strips.
      const fresh = await freshModules();
      const sim = await fresh.createParallelSimulation(scenario, k, spawnNodeStrip);
      try {
        expectGeneratedOnce(fresh.generatedBefore);
        // The fields live in one shared WebAssembly memory, swept in place by every thread.
        expect(sim.state.fieldSet.backend.kind).toBe("in-place");
        sim.step(200);
        console.log(`K = ${k}: ${stateHash(sim.state)} (one thread: ${expected})`);
        expect(stateHash(sim.state)).toBe(expected);
        expect(sim.history()).toEqual(serial.history());
      } finally {
        sim.close();
      }
    }
  }, 600_000);

  it("gives the same bits with padded field rows (forced on 128²) on 1 and 2 threads, and the same snapshot file", async () => {
    // Runs pad field rows only from 1024 wide (fields/layout fieldPitch); force it on a small lattice.
    expect(fieldPitch(128)).toBe(128);
    expect(fieldPitch(1024)).toBe(1024 + FIELD_ROW_PAD);
    const serial = createSimulation(scenario);
    const start = takeSnapshot(serial);
    setFieldPitch(start.tissue, 128 + FIELD_ROW_PAD);
    const padded = restoreSnapshot(start);
    expect(padded.state.tissue.pitch).toBe(128 + FIELD_ROW_PAD);
    expect(padded.state.fieldSet.backend.kind).toBe("in-place");
    serial.step(200);
    padded.step(200);
    const expected = stateHash(serial.state);
    expect(stateHash(padded.state)).toBe(expected);
    expect(padded.history()).toEqual(serial.history());
    expect(encodeSnapshot(takeSnapshot(padded))).toEqual(encodeSnapshot(takeSnapshot(serial)));
    const parallel = await createParallelFromSnapshot(start, 2, spawnNodeStrip);
    try {
      expect(parallel.state.tissue.pitch).toBe(128 + FIELD_ROW_PAD);
      parallel.step(200);
      expect(stateHash(parallel.state)).toBe(expected);
      expect(parallel.history()).toEqual(serial.history());
    } finally {
      parallel.close();
    }
  }, 600_000);

  it("regenerates the disease stage identically in parallel (no stage cache involved)", async () => {
    const fresh = resolveScenario(
      { preset: "chronic-injury-f1", seed: 23, lattice: { width: 64, height: 48 }, days: 2 },
      presetLookup,
    );
    const one = await freshModules();
    let progress = 0;
    const serial = one.createSimulation(fresh, { onProgress: () => progress++ });
    expectGeneratedOnce(one.generatedBefore);
    expect(progress).toBeGreaterThan(0);
    const two = await freshModules();
    const parallel = await two.createParallelSimulation(fresh, 2, spawnNodeStrip);
    try {
      expectGeneratedOnce(two.generatedBefore);
      expect(parallel.state.baseline.generationSteps).toBe(serial.state.baseline.generationSteps);
      expect(stateHash(parallel.state)).toBe(stateHash(serial.state));
    } finally {
      parallel.close();
    }
  }, 300_000);

  it("with several field sub-steps (field phases chained across the sub-step boundary) and 3 strips", async () => {
    const sub = resolveScenario(
      {
        preset: "early-cirrhosis-bm-msc-portal-vein",
        seed: 4,
        lattice: { width: 64, height: 64 },
        days: 2,
        disease: { stage: "F1" },
        parameters: { "simulation.field_substeps": 3 },
      },
      presetLookup,
    );
    const serial = createSimulation(sub);
    serial.step(30);
    const parallel = await createParallelSimulation(sub, 3, spawnNodeStrip);
    try {
      parallel.step(30);
      expect(stateHash(parallel.state)).toBe(stateHash(serial.state));
    } finally {
      parallel.close();
    }
  }, 300_000);
});
