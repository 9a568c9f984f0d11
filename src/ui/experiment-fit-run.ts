/**
 * Runs a *Fit to data* on the page's Web Workers: the calibration driver of src/study (the same
 * rounds, candidates and acceptance as `npx hepatosim calibrate`), each round's runs on the
 * experiment runner, histories keyed by run id so the finish order changes nothing.
 */
import type { Readouts } from "../model/metrics/readouts";
import { initialState } from "../study/calibration/abc-smc";
import { type CalibrationProgress, driveCalibration, type RoundHistories } from "../study/calibration/rounds";
import type { PageFit } from "./experiment-fit";
import { type BatchProgress, runPlan } from "./experiment-runner";

export interface FitOutcome extends CalibrationProgress {
  cancelled: boolean;
  workers: number;
  wallTimeS: number;
}

export async function runFit(
  fit: PageFit,
  workerCount: number,
  signal: AbortSignal,
  onRound: (p: CalibrationProgress) => void,
  onProgress: (runsBefore: number, round: BatchProgress) => void,
): Promise<FitOutcome> {
  const t0 = performance.now();
  const s = fit.setup;
  let workers = 1;
  // Simulator runs finished in earlier rounds, for the progress bar.
  let spent = 0;
  // Simulator runs finished in earlier rounds, for the progress bar.
  const result = await driveCalibration(
    s,
    initialState(s.options),
    async (groups) => {
      if (signal.aborted) return null;
      const histories = new Map<string, Readouts[]>();
      const outcome = await runPlan(
        { runs: groups.flatMap((g) => g.specs) },
        workerCount,
        signal,
        (p) => onProgress(spent, p),
        (spec, history) => histories.set(spec.runId, history),
      );
      workers = Math.max(workers, outcome.workers);
      if (outcome.cancelled) return null;
      spent += groups.reduce((n, g) => n + g.specs.length, 0);
      return groups.map((g) => g.specs.map((spec) => histories.get(spec.runId) ?? null)) as RoundHistories;
    },
    onRound,
    () => performance.now(),
  );
  return { ...result, workers, wallTimeS: (performance.now() - t0) / 1000 };
}
