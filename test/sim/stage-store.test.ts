/**
 * The stage store (issue 3: "cached as snapshots so a scenario at F3 starts quickly", across page
 * loads): a stored day-0 run gives the same numbers as generating it, is keyed by model build and
 * the whole scenario, and a damaged or failing store only costs the generation.
 */
import { describe, expect, it, vi } from "vitest";
import { stateHash } from "../../src/model/hash";
import { presetLookup } from "../../src/model/params/presets";
import { PARAMETERS } from "../../src/model/params/registry";
import { resolveScenario } from "../../src/model/params/scenario";
import { createSimulation } from "../../src/model/simulation";
import type { StageStore } from "../../src/sim/api";
import { stageKey } from "../../src/sim/stage-store";

const doc = { preset: "fibrosis-f3-bm-msc-iv", seed: 9, lattice: { width: 48, height: 48 }, days: 4 };

class MapStore implements StageStore {
  readonly map = new Map<string, Uint8Array>();
  gets = 0;
  async get(key: string) {
    this.gets++;
    return this.map.get(key);
  }
  async put(key: string, bytes: Uint8Array) {
    this.map.set(key, bytes.slice());
  }
  async delete(key: string) {
    this.map.delete(key);
  }
}

/**
 * A page load: a new api over freshly loaded modules, so no in-process stage cache from an earlier
 * run in this file can serve the stage; a stage not from the store must then report progress.
 */
async function pageLoad(options?: Parameters<typeof import("../../src/sim/api").createSimApi>[0]) {
  vi.resetModules();
  const { createSimApi } = await import("../../src/sim/api");
  return createSimApi(options);
}

async function runToEnd(api: Awaited<ReturnType<typeof pageLoad>>, input: unknown) {
  let progressCalls = 0;
  const load = await api.load(input, {}, () => progressCalls++);
  await api.step(4 * load.stepsPerDay);
  return { load, progressCalls, hash: await api.hash(), rows: await api.history() };
}

describe("stage store", () => {
  it("restores a stored F3 day 0 instead of generating it, with identical numbers", async () => {
    const stages = new MapStore();
    const first = await runToEnd(await pageLoad({ store: { stages, modelVersion: "v1" } }), doc);
    expect(first.load.fromStore).toBe(false);
    expect(first.progressCalls).toBeGreaterThan(0);
    expect(stages.map.size).toBe(1);
    expect([...stages.map.keys()][0]!.startsWith("v1\n")).toBe(true);

    const again = await runToEnd(await pageLoad({ store: { stages, modelVersion: "v1" } }), doc);
    console.log(
      `generated ${first.load.generation.weeks.toFixed(1)} weeks (CPA ${first.load.generation.cpaPercent.toFixed(1)} %); from the store: ${again.load.fromStore}`,
    );
    expect(again.load.fromStore).toBe(true);
    expect(again.progressCalls).toBe(0);
    expect(again.load.generation).toEqual(first.load.generation);
    expect(again.hash).toBe(first.hash);
    expect(again.rows).toEqual(first.rows);

    // Without any store: generated again, the same numbers again.
    const unstored = await runToEnd(await pageLoad(), doc);
    expect(unstored.progressCalls).toBeGreaterThan(0);
    expect(unstored.hash).toBe(first.hash);
  }, 120_000);

  it("misses on another model build, another seed or another therapy", async () => {
    const stages = new MapStore();
    await runToEnd(await pageLoad({ store: { stages, modelVersion: "v1" } }), doc);
    expect((await (await pageLoad({ store: { stages, modelVersion: "v2" } })).load(doc)).fromStore).toBe(false);
    expect(
      (await (await pageLoad({ store: { stages, modelVersion: "v1" } })).load({ ...doc, seed: 10 })).fromStore,
    ).toBe(false);
    expect(
      (await (await pageLoad({ store: { stages, modelVersion: "v1" } })).load({ ...doc, therapy: { infusions: [] } }))
        .fromStore,
    ).toBe(false);
    expect((await (await pageLoad({ store: { stages, modelVersion: "v1" } })).load(doc)).fromStore).toBe(true);
  }, 120_000);

  it("a damaged entry is dropped and the stage generated; a failing store is ignored", async () => {
    const stages = new MapStore();
    const good = await runToEnd(await pageLoad({ store: { stages, modelVersion: "v1" } }), doc);
    expect(good.progressCalls).toBeGreaterThan(0);
    const [key, bytes] = [...stages.map][0]!;
    const damaged = bytes.slice();
    damaged[damaged.length >> 1]! ^= 0xff;
    stages.map.set(key, damaged);
    const healed = await runToEnd(await pageLoad({ store: { stages, modelVersion: "v1" } }), doc);
    expect(healed.load.fromStore).toBe(false);
    expect(healed.progressCalls).toBeGreaterThan(0);
    expect(healed.hash).toBe(good.hash);
    expect(stages.map.get(key)).toEqual(bytes);

    const failing: StageStore = {
      get: () => Promise.reject(new Error("quota")),
      put: () => Promise.reject(new Error("quota")),
      delete: () => Promise.reject(new Error("quota")),
    };
    const anyway = await runToEnd(await pageLoad({ store: { stages: failing, modelVersion: "v1" } }), doc);
    expect(anyway.load.fromStore).toBe(false);
    expect(anyway.progressCalls).toBeGreaterThan(0);
    expect(anyway.hash).toBe(good.hash);
  }, 120_000);
});

describe("stage key", () => {
  it("keys a withdrawal stage by species when the species ages its scar: a human stage is not a rat's", () => {
    const base = { preset: "injury-withdrawal-f2", seed: 5, lattice: { width: 32, height: 32 }, days: 1 };
    const key = (species: string) => stageKey(resolveScenario({ ...base, species }, presetLookup));
    expect(key("human")).not.toBe(key("rat"));
    expect(key("mouse")).toBe(key("rat")); // same clock, same generated tissue
    const day0 = (species: string) =>
      stateHash(createSimulation(resolveScenario({ ...base, species }, presetLookup)).state);
    expect(day0("human")).not.toBe(day0("rat"));
  });

  it("leaves out the MSCs' own parameters, which cannot shape a stage: changing all of them gives the same day-0 tissue", () => {
    const base = { preset: "chronic-injury-f2", seed: 5, lattice: { width: 32, height: 32 }, days: 1 };
    // Every msc.* parameter moved to the end of its range farther from its default.
    const moved = Object.fromEntries(
      PARAMETERS.filter((p) => p.key.startsWith("msc.")).map((p) => [
        p.key,
        p.max - p.default >= p.default - p.min ? p.max : p.min,
      ]),
    );
    expect(Object.keys(moved).length).toBeGreaterThan(10);
    const a = resolveScenario(base, presetLookup);
    const b = resolveScenario({ ...base, parameters: moved }, presetLookup);
    expect(stageKey(b)).toBe(stageKey(a));
    const generated = (s: typeof a) => {
      const sim = createSimulation(s);
      expect(sim.state.baseline.generationSteps).toBeGreaterThan(0);
      return stateHash(sim.state);
    };
    expect(generated(b)).toBe(generated(a));
  });
});
