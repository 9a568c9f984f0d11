/**
 * A simulation whose lattice is split into K strips, one per thread, on shared memory. The calling
 * thread is strip 0 and the coordinator; K − 1 helper threads (Node worker_threads or Web Workers,
 * supplied by `spawn`) run the other strips. Same seed → the same bits as the one-thread engine,
 * whatever K: every phase writes only its own sites and the random draws are keyed by site.
 */
import type { Scenario } from "../../model/params/scenario-schema";
import type { SimState } from "../../model/sim-state";
import { finishSimulation, initialState, type Simulation, type Stepper, wrapSimulation } from "../../model/simulation";
import { restoreSnapshot, type Snapshot } from "../../model/snapshot";
import { Command, CTRL, fail, MAX_PARTIES } from "./barrier";
import { publishScalars, type SharedBuffers, shareState } from "./shared";
import { memoryStages } from "../stage-store";
import { runStripStep, stripRole } from "./strip";

/** What a helper thread needs to build its view of the shared simulation. */
export interface StripInit {
  scenario: Scenario;
  buffers: SharedBuffers;
  me: number;
  parties: number;
  profileCount: number;
  amplification: number;
}

/** Starts one helper thread for `init`; resolves when it is ready. `terminate` stops it. */
export type SpawnStrip = (init: StripInit) => Promise<{ terminate(): void }>;

export interface ParallelSimulation extends Simulation {
  readonly workers: number;
  /** Stops the helper threads; the simulation cannot step afterwards. */
  close(): void;
}

export async function createParallelSimulation(
  scenario: Scenario,
  workers: number,
  spawn: SpawnStrip,
): Promise<ParallelSimulation> {
  const state = initialState(scenario);
  const { stepper, close, parties } = await startStrips(state, workers, spawn);
  let sim: Simulation;
  try {
    sim = finishSimulation(state, stepper, { stages: memoryStages });
  } catch (e) {
    close();
    throw e;
  }
  return Object.assign(sim, { workers: parties, close });
}

/** A parallel simulation that continues from a snapshot (e.g. a prebuilt disease stage). */
export async function createParallelFromSnapshot(
  snap: Snapshot,
  workers: number,
  spawn: SpawnStrip,
): Promise<ParallelSimulation> {
  const restored = restoreSnapshot(snap);
  const { stepper, close, parties } = await startStrips(restored.state, workers, spawn);
  const sim = wrapSimulation(restored.state, restored.history(), stepper);
  return Object.assign(sim, { workers: parties, close });
}

/** Moves the state onto shared memory, starts the helper threads and returns the stepper. */
async function startStrips(
  state: SimState,
  workers: number,
  spawn: SpawnStrip,
): Promise<{ stepper: Stepper; close: () => void; parties: number }> {
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_PARTIES)
    throw new Error(`workers: ${workers} is not allowed; allowed: 1 … ${MAX_PARTIES}`);
  const scenario = state.scenario;
  const parties = Math.min(workers, state.tissue.height, state.tissue.width);
  const buffers = shareState(state, parties);
  const ctrl = new Int32Array(buffers.ctrl);
  const scalars = new Float64Array(buffers.scalars);
  publishScalars(scalars, state);
  const helpers: { terminate(): void }[] = [];
  try {
    for (let me = 1; me < parties; me++)
      helpers.push(
        await spawn({
          scenario,
          buffers,
          me,
          parties,
          profileCount: state.mscProfiles.length,
          amplification: state.amplification,
        }),
      );
  } catch (e) {
    fail(ctrl);
    for (const h of helpers) h.terminate();
    throw e;
  }
  const role = stripRole(0, parties, state.tissue.width, state.tissue.height, ctrl, scalars);
  let closed = false;
  const stepper: Stepper = {
    canReconfigure: false,
    step(sim: SimState, generating: boolean) {
      if (closed) throw new Error("parallel simulation is closed");
      if (parties === 1) return runStripStep(sim, role, generating);
      publishScalars(scalars, sim);
      Atomics.store(ctrl, CTRL.generating, generating ? 1 : 0);
      Atomics.store(ctrl, CTRL.cmd, Command.step);
      Atomics.add(ctrl, CTRL.seq, 1);
      Atomics.notify(ctrl, CTRL.seq);
      try {
        runStripStep(sim, role, generating);
      } catch (e) {
        fail(ctrl);
        throw e;
      }
    },
  };
  const close = () => {
    if (closed) return;
    closed = true;
    Atomics.store(ctrl, CTRL.cmd, Command.exit);
    Atomics.add(ctrl, CTRL.seq, 1);
    Atomics.notify(ctrl, CTRL.seq);
    for (const h of helpers) h.terminate();
  };
  return { stepper, close, parties };
}
