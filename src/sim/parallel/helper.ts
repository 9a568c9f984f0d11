/** The body of a helper strip thread, independent of the thread API (Node or browser). */
import { buildDerived } from "../../model/engine";
import { plainFieldSet } from "../../model/fields/field-set";
import { allocateTissue } from "../../model/lattice/state";
import { seedToUint32 } from "../../model/rng/counter";
import type { SimState } from "../../model/sim-state";
import { CTRL, fail } from "./barrier";
import type { StripInit } from "./coordinator";
import { attachShared, loadScalars, readProfiles } from "./shared";
import { serveStrips, stripRole } from "./strip";

/** Builds this thread's view of the shared simulation. Call `run` to serve steps (it blocks). */
export function prepareStrip(init: StripInit): { run(): void } {
  const { scenario, buffers, me, parties } = init;
  const derived = buildDerived(scenario);
  const sim: SimState = {
    scenario,
    seed: seedToUint32(scenario.seed),
    tissue: allocateTissue(scenario.lattice.width, scenario.lattice.height),
    fieldSet: plainFieldSet([], scenario.lattice.width, scenario.lattice.height), // attachShared sets the shared one
    clock: 0,
    step: 0,
    counters: { hepatocyteDeathsTotal: 0, hepatocyteDeathsToday: 0, hepatocyteDeathsLastDay: 0, hepatocyteDivisionsTotal: 0, mscDeliveredReal: 0, mscDeliveredSimulated: 0, mscDifferentiatedSimulated: 0 },
    baseline: { hepatocytes: 0, sinusoids: 0, generationSteps: 0, generationCpaPercent: 0 },
    mscProfiles: readProfiles(buffers, init.profileCount),
    pending: [],
    systemicByInfusion: [],
    amplification: init.amplification,
    blood: [0, 0, 0, 0, 0],
    injury: { type: "none", intensity: 0 },
    generationIntensity: 1,
    derived,
  };
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
