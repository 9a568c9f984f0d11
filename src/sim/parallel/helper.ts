/** The body of a helper strip thread, independent of the thread API (Node or browser). */
import { allocateTissue } from "../../model/lattice/state";
import { newSimState } from "../../model/simulation";
import { CTRL, fail } from "./barrier";
import type { StripInit } from "./coordinator";
import { attachShared, loadScalars, readProfiles } from "./shared";
import { serveStrips, stripRole } from "./strip";

/** Builds this thread's view of the shared simulation. Call `run` to serve steps (it blocks). */
export function prepareStrip(init: StripInit): { run(): void } {
  const { scenario, buffers, me, parties } = init;
  const sim = newSimState(scenario, allocateTissue(scenario.lattice.width, scenario.lattice.height));
  sim.mscProfiles = readProfiles(buffers, init.profileCount);
  sim.amplification = init.amplification;
  attachShared(sim, buffers, me);
  const ctrl = new Int32Array(buffers.ctrl);
  const scalars = new Float64Array(buffers.scalars);
  loadScalars(scalars, sim);
  const role = stripRole(me, parties, sim.tissue.width, sim.tissue.height, ctrl, scalars);
  return {
    run() {
      try {
        serveStrips(sim, role);
      } catch (e) {
        if (!Atomics.load(ctrl, CTRL.error)) fail(ctrl);
        throw e;
      }
    },
  };
}
