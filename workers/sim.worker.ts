/**
 * The simulation worker: exposes src/sim/api through comlink (browser Web Worker). Frames and
 * snapshots are fresh copies made for the page, so their buffers are transferred, not cloned again.
 */
import * as Comlink from "comlink";
import { createSimApi } from "../src/sim/api";
import { spawnWebStrip } from "../src/sim/parallel/web-spawn";

// Strip threads are nested Web Workers; they need shared memory (a cross-origin isolated page).
const api = createSimApi({ spawn: spawnWebStrip });

Comlink.expose({
  ...api,
  async frame(fieldIndices: number[] = []) {
    const f = await api.frame(fieldIndices);
    const buffers = [f.cell, f.state, f.vessel, f.damage, f.collagen, f.crosslink, ...Object.values(f.fields)].map((a) => a.buffer as ArrayBuffer);
    return Comlink.transfer(f, buffers);
  },
  async snapshot() {
    const bytes = await api.snapshot();
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
} satisfies typeof api);
