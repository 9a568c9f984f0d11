/**
 * Prebuilt stages (issue 20, item 3): a stage file made by the build script (generate, encode,
 * gzip) and read back as the page does (gunzip, decode) starts a run with the same numbers as
 * generating the stage — the state hash at day 0 and after two days, and the read-outs — for a
 * disease stage and for healthy tissue (whose fields the prebuilt path does not warm up), for the
 * preset and for another therapy sharing its stage. Small lattices, so it fits CI.
 */
import { describe, expect, it, vi } from "vitest";
import { stageFileBytes, generateStageOf } from "../../src/cli/stages-build";
import { stateHash } from "../../src/model/hash";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { createSimulation, type GeneratedStage, type Simulation } from "../../src/model/simulation";
import { gunzipped, prebuiltKey, presetStages, stageFileName } from "../../src/sim/prebuilt-stages";
import { decodeStage } from "../../src/sim/stage-file";

const resolve = (doc: ScenarioInput) => resolveScenario(doc, presetLookup);
const small = (preset: string, extra: ScenarioInput = {}) =>
  resolve({ preset, seed: 3, lattice: { width: 40, height: 40 }, days: 3, ...extra });

function trace(sim: Simulation): { hashes: string[]; rows: unknown } {
  const hashes = [stateHash(sim.state)];
  sim.step(2 * sim.state.derived.stepsPerDay);
  hashes.push(stateHash(sim.state));
  return { hashes, rows: sim.history() };
}

async function roundTrip(bytes: Uint8Array): Promise<{ key: string; stage: GeneratedStage }> {
  return decodeStage(await gunzipped(bytes));
}

describe("prebuilt stages", () => {
  for (const preset of ["fibrosis-f3-untreated", "healthy"]) {
    it(`a built ${preset} stage file starts the same run as generating it`, async () => {
      const s = small(preset);
      const bytes = stageFileBytes("v-test", s);
      const { key, stage } = await roundTrip(bytes);
      expect(key).toBe(prebuiltKey("v-test", s));
      const generated = trace(createSimulation(s));
      const prebuilt = trace(createSimulation(s, { stages: { get: () => stage, put: () => undefined } }));
      console.log(
        `[prebuilt] ${preset} 40²: ${stage.generationSteps} generation steps, ${(bytes.length / 1024).toFixed(0)} KiB gzip; hashes ${generated.hashes.join(" → ")}`,
      );
      expect(prebuilt.hashes).toEqual(generated.hashes);
      expect(prebuilt.rows).toEqual(generated.rows);
    });
  }

  it("serves every scenario of the same stage, whatever its therapy, and no other", () => {
    const untreated = small("fibrosis-f3-untreated");
    const treated = small("fibrosis-f3-bm-msc-iv");
    const stage = generateStageOf(untreated);
    expect(stageFileName("v", treated)).toBe(stageFileName("v", untreated));
    const generated = trace(createSimulation(treated));
    const prebuilt = trace(createSimulation(treated, { stages: { get: () => stage, put: () => undefined } }));
    expect(prebuilt.hashes).toEqual(generated.hashes);
    // Another seed, lattice or model build is another file.
    expect(stageFileName("v", small("fibrosis-f3-untreated", { seed: 4 }))).not.toBe(stageFileName("v", untreated));
    expect(stageFileName("w", untreated)).not.toBe(stageFileName("v", untreated));
  });

  it("refuses a damaged file", async () => {
    const bytes = await gunzipped(stageFileBytes("v", small("healthy")));
    const damaged = bytes.slice();
    damaged[damaged.length >> 1]! ^= 1;
    expect(() => decodeStage(damaged)).toThrow(/checksum/);
    expect(() => decodeStage(bytes.subarray(0, bytes.length - 8))).toThrow(/bytes, expected/);
  });

  it("lists one stage per distinct tissue among the presets, the default preset's first", () => {
    const stages = presetStages();
    expect(stages[0]!.presets).toContain("early-cirrhosis-bm-msc-iv");
    // The early-cirrhosis therapies share one stage with their untreated twin.
    expect(stages[0]!.presets).toContain("early-cirrhosis-untreated");
    const names = stages.flatMap((s) => s.presets);
    expect(new Set(names).size).toBe(names.length);
    expect(stages.length).toBeLessThan(names.length);
  });

  it("the page's api starts from a prebuilt stage and reports it; without one it generates", async () => {
    const doc = { preset: "fibrosis-f3-bm-msc-iv", seed: 3, lattice: { width: 40, height: 40 }, days: 3 };
    const s = resolve(doc);
    const stage = generateStageOf(s);
    const load = async (prebuilt: boolean) => {
      vi.resetModules();
      const { createSimApi } = await import("../../src/sim/api");
      const api = createSimApi({ prebuilt: async () => (prebuilt ? stage : undefined) });
      await api.setStageBase("http://127.0.0.1/stages/");
      let progress = 0;
      const r = await api.load(doc, {}, () => progress++);
      await api.step(r.stepsPerDay);
      return { prebuilt: r.prebuilt, progress, hash: await api.hash() };
    };
    const fromFile = await load(true);
    const made = await load(false);
    expect(fromFile.prebuilt).toBe(true);
    expect(fromFile.progress).toBe(0);
    expect(made.prebuilt).toBe(false);
    expect(made.progress).toBeGreaterThan(0);
    expect(fromFile.hash).toBe(made.hash);
  });

  it("loads a split view's other pane only from a prebuilt stage, never generating one", async () => {
    const untreated = { preset: "fibrosis-f3-untreated", seed: 3, lattice: { width: 40, height: 40 }, days: 3 };
    const treated = { ...untreated, preset: "fibrosis-f3-bm-msc-iv" };
    const stage = generateStageOf(resolve(untreated));
    // Each pane is its own worker: a fresh module instance (its own memory of stages) per api.
    const api = async (file: GeneratedStage | undefined) => {
      vi.resetModules();
      const { createSimApi } = await import("../../src/sim/api");
      const made = createSimApi({ prebuilt: async () => file });
      await made.setStageBase("http://127.0.0.1/stages/");
      return made;
    };
    const first = await api(stage);
    const other = await api(stage);
    const a = await first.load(untreated);
    const b = await other.loadPrebuilt(treated);
    expect(b?.prebuilt).toBe(true);
    // The panes' tissue is the same: the same stage key, and the same day-0 state under the same scenario.
    expect(b?.stageKey).toBe(a.stageKey);
    expect((await other.loadPrebuilt(untreated))?.regenerated).toBe(true);
    expect(await other.hash()).toBe(await first.hash());
    const without = await api(undefined);
    expect(await without.loadPrebuilt(treated)).toBeNull();
    await expect(without.hash()).rejects.toThrow(/no simulation loaded/);
  });
});
