/**
 * The worker API on strip threads (what the page's simulation worker does with nested Web Workers):
 * the same numbers as one thread, through a mid-run therapy change, a thread-count change and a
 * snapshot restore.
 */
import { describe, expect, it } from "vitest";
import { ownTissueFields } from "../../src/model/fields/field-set";
import { fieldPitch, setFieldPitch } from "../../src/model/fields/layout";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { FIELDS } from "../../src/model/fields/registry";
import { stateHash } from "../../src/model/hash";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { createSimApi } from "../../src/sim/api";
import { spawnNodeStrip } from "../../src/sim/parallel/node-spawn";

const doc = {
  preset: "early-cirrhosis-bm-msc-portal-vein",
  seed: 5,
  lattice: { width: 64, height: 64 },
  days: 10,
  disease: { stage: "F2" },
  species: "rat",
  therapy: {
    infusions: [{ day: 0, source: "bone-marrow", route: "portal-vein", dose_cells_per_kg: 4e6 }],
  },
};
const changed = {
  ...doc,
  therapy: {
    ...doc.therapy,
    infusions: [
      ...doc.therapy.infusions,
      { day: 3, source: "umbilical-cord", route: "portal-vein", dose_cells_per_kg: 4e6 },
    ],
  },
};

/** Load, 48 steps, a therapy change that keeps the tissue, 48 more steps; the hash and the daily rows. */
async function script(api: ReturnType<typeof createSimApi>) {
  const first = await api.load(doc);
  await api.step(48);
  const kept = await api.load(changed, { keepTissue: true });
  await api.step(48);
  return { regenerated: [first.regenerated, kept.regenerated], hash: await api.hash(), rows: await api.history() };
}

describe("simulation API on strip threads", () => {
  it("gives the one-thread numbers on 2 threads, through a mid-run therapy change", async () => {
    const one = createSimApi({ spawn: spawnNodeStrip });
    const two = createSimApi({ spawn: spawnNodeStrip });
    expect(await two.setThreads(2)).toEqual({ requested: 2, active: 1, limitedBy: "" });
    const a = await script(one);
    const b = await script(two);
    expect(await two.threads()).toEqual({ requested: 2, active: 2, limitedBy: "" });
    console.log(`1 thread ${a.hash}, 2 threads ${b.hash}`);
    expect(a.regenerated).toEqual([true, false]);
    expect(b.regenerated).toEqual([true, false]);
    expect(b.hash).toBe(a.hash);
    expect(b.rows).toEqual(a.rows);
    await two.setThreads(1);
  }, 300_000);

  it("changes thread count mid-run and restores snapshots onto threads, without changing a bit", async () => {
    const ref = createSimApi();
    await ref.load(doc);
    await ref.step(30);
    const snap = await ref.snapshot();
    await ref.step(30);

    const api = createSimApi({ spawn: spawnNodeStrip });
    await api.load(doc);
    await api.step(10);
    expect((await api.setThreads(4)).active).toBe(4);
    await api.step(20);
    expect(await api.snapshot()).toEqual(snap);
    await api.setThreads(2);
    await api.restore(snap);
    expect((await api.threads()).active).toBe(2);
    await api.step(30);
    expect(await api.hash()).toBe(await ref.hash());
    await api.setThreads(1);
    expect((await api.threads()).active).toBe(1);
  }, 300_000);

  it("on a 1024-wide lattice (padded field rows) gives the numbers and frames of an unpadded twin, on 1 and 2 threads", async () => {
    const wide = { preset: "healthy", seed: 3, lattice: { width: 1024, height: 32 }, days: 2 };
    expect(fieldPitch(1024)).toBeGreaterThan(1024);
    const twin = createSimulation(resolveScenario(wide, presetLookup));
    expect(twin.state.tissue.pitch).toBe(fieldPitch(1024));
    setFieldPitch(twin.state.tissue, 1024); // the same run with unpadded field rows
    twin.state.fieldSet = ownTissueFields(twin.state.tissue); // the fields now are new arrays: a new set sweeps them
    twin.step(24);
    const all = FIELDS.map((_, i) => i);
    for (const threads of [1, 2]) {
      const api = createSimApi({ spawn: spawnNodeStrip });
      await api.setThreads(threads);
      await api.load(wide);
      await api.step(24);
      expect((await api.threads()).active).toBe(threads);
      expect(await api.hash()).toBe(stateHash(twin.state));
      const frame = await api.frame(all);
      for (const i of all) expect(frame.fields[i]).toEqual(twin.state.tissue.fields[i]);
      await api.setThreads(1);
    }
  }, 300_000);

  it("says why it stays on one thread: no way to start threads; a bad count is refused", async () => {
    const api = createSimApi();
    await api.setThreads(2);
    await api.load(doc);
    expect(await api.threads()).toEqual({ requested: 2, active: 1, limitedBy: "no-spawner" });
    await expect(api.setThreads(0)).rejects.toThrow(/threads: 0 is not allowed; allowed: 1 … 8/);
    await expect(api.setThreads(2.5)).rejects.toThrow(/allowed: 1 … 8/);
  });
});
