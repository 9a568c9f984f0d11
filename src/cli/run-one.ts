/** One run on a worker: load the scenario, step it a day at a time (so progress and Ctrl-C stay responsive), collect the daily rows. */
import type { Readouts } from "../model/metrics/readouts";
import type { LoadResult } from "../sim/api";
import type { RunSpec } from "../study/plan";
import type { SimWorker } from "./pool";

export interface RunOutcome {
  load: Omit<LoadResult, "metrics" | "scenario">;
  history: Readouts[];
  wallTimeS: number;
}

/** Thrown when a run is abandoned because the batch was interrupted. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "Interrupted";
  }
}

export async function executeRun(
  worker: SimWorker,
  spec: RunSpec,
  threads: number,
  onSteps: (steps: number, totalSteps: number) => void,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const t0 = performance.now();
  return worker.use(async (api) => {
    await api.setThreads(threads);
    const { metrics: _m, scenario: _s, ...load } = await api.load(spec.doc, { stageFrom: spec.stageDoc });
    let done = load.totalSteps === 0;
    let steps = 0;
    while (!done) {
      if (signal.aborted) throw new Interrupted();
      const r = await api.step(load.stepsPerDay);
      onSteps(r.step - steps, load.totalSteps);
      steps = r.step;
      done = r.done;
    }
    const history = await api.history();
    return { load, history, wallTimeS: (performance.now() - t0) / 1000 };
  });
}
