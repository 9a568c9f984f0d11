/**
 * The simulation worker: exposes src/sim/api through comlink (browser Web Worker). Frames and
 * snapshots are fresh copies made for the page, so their buffers are transferred, not cloned again.
 */

import { MODEL_VERSION } from "virtual:hepatosim-model-version";
import * as Comlink from "comlink";
import { createSimApi } from "../src/sim/api";
import { spawnWebStrip } from "../src/sim/parallel/web-spawn";
import { fetchPrebuiltStage } from "../src/sim/prebuilt-stages";
import { indexedDbStageStore } from "../src/sim/stage-store";

// Strip threads are nested Web Workers; they need shared memory (a cross-origin isolated page).
// Generated disease stages are kept in IndexedDB, keyed by this model build.
const stages = indexedDbStageStore(MODEL_VERSION);
// Presets start from the site's prebuilt stages (stages/, made by the build) when there is one for this build.
const api = createSimApi({
  spawn: spawnWebStrip,
  store: stages ? { stages, modelVersion: MODEL_VERSION } : undefined,
  prebuilt: (scenario, base) => fetchPrebuiltStage(base, MODEL_VERSION, scenario),
});

Comlink.expose({
  ...api,
  async frame(fieldIndices: number[] = []) {
    const f = await api.frame(fieldIndices);
    const buffers = [f.cell, f.state, f.vessel, f.damage, f.collagen, f.crosslink, ...Object.values(f.fields)].map(
      (a) => a.buffer as ArrayBuffer,
    );
    return Comlink.transfer(f, buffers);
  },
  async snapshot() {
    const bytes = await api.snapshot();
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
} satisfies typeof api);
