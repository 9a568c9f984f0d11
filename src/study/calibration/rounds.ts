/**
 * One round of a calibration between the sampler and the simulator, shared by `hepatosim calibrate`
 * and the page: the runs of each candidate (its datasets × seeds, as scenario documents), the model
 * values and distances read from their histories, the candidates the sampler kept, and an async
 * driver that runs rounds until the sampler stops (the page's loop; the CLI adds files and shards).
 * Results are keyed by candidate index, never by finish order. Pure (no node:, no DOM).
 */
import type { Readouts } from "../../model/metrics/readouts";
import { resolvedDoc, type RunSpec } from "../plan";
import { type AbcState, acceptGeneration, type Batch, proposals } from "./abc-smc";
import { normalisedDistance } from "./distance";
import { type CandidateRun, candidateModelValues, candidateRuns } from "./problem";
import { replicateSeed } from "./rng";
import type { CalibrationSetup } from "./setup";

/** One candidate's runs: what to simulate (specs, one worker in order) and how to read them (runs). */
export interface CandidateGroup {
  runs: CandidateRun[];
  specs: RunSpec[];
}

/** A history per run of each candidate (null for a failed run). */
export type RoundHistories = (Readouts[] | null)[][];

export function roundGroups(s: CalibrationSetup, batch: Batch): CandidateGroup[] {
  return batch.candidates.map((c) => {
    const seeds = Array.from({ length: s.seedsPerParticle }, (_, k) => replicateSeed(c.seed, k));
    const runs = candidateRuns(s.datasets, s.names, c.values, seeds, s.lattice);
    const specs = runs.map(
      (r, j): RunSpec => ({
        index: j,
        runId: `g${batch.generation}-r${batch.round}-c${c.index}-${r.dataset}-s${r.seed}${r.arm === "model" ? "" : `-${r.arm}`}`,
        seed: r.seed,
        group: `c${c.index}`,
        doc: resolvedDoc(r.doc).doc,
        labels: {},
      }),
    );
    return { runs, specs };
  });
}

/** Model values at the fit points and the distance of one candidate from its runs' histories. */
export function candidateResult(
  s: CalibrationSetup,
  group: CandidateGroup,
  histories: readonly (readonly Readouts[] | null)[],
): { values: number[]; distance: number } {
  const values = candidateModelValues(s.datasets, s.points, group.runs, histories);
  const distance = normalisedDistance(
    s.points.map((p) => p.observed),
    values,
  );
  return { values, distance };
}

/** The candidates acceptGeneration keeps from this round, in candidate order. */
export function keptCandidates(before: AbcState, batch: Batch, distances: readonly number[]): number[] {
  const room = before.config.particles - before.accepted.length;
  return batch.candidates
    .map((_, i) => i)
    .filter((i) => Number.isFinite(distances[i]!) && (before.tolerance === null || distances[i]! <= before.tolerance))
    .slice(0, room);
}

/** What a driver knows after each round. */
export interface CalibrationProgress {
  state: AbcState;
  /** Model values of the last finished generation's particles (fit.csv), once there is one. */
  populationValues: number[][] | null;
  /** Wall time of each finished generation, seconds. */
  wallSeconds: number[];
  /** True when this round finished a generation. */
  newGeneration: boolean;
}

/**
 * Runs rounds until the sampler stops or `simulate` returns null (cancelled). `simulate` runs the
 * groups (in any order, on any number of workers) and returns their histories by group index.
 */
export async function driveCalibration(
  s: CalibrationSetup,
  start: AbcState,
  simulate: (groups: CandidateGroup[], batch: Batch) => Promise<RoundHistories | null>,
  onRound: (p: CalibrationProgress) => void,
  now: () => number,
): Promise<CalibrationProgress & { cancelled: boolean }> {
  let state = start;
  let acceptedValues: number[][] = [];
  let populationValues: number[][] | null = null;
  const wallSeconds: number[] = [];
  let generationStart = now();
  while (!state.done) {
    const batch = proposals(state);
    const groups = roundGroups(s, batch);
    const histories = await simulate(groups, batch);
    if (!histories) return { state, populationValues, wallSeconds, newGeneration: false, cancelled: true };
    const results = groups.map((g, i) => candidateResult(s, g, histories[i]!));
    const distances = results.map((r) => r.distance);
    const before = state;
    state = acceptGeneration(state, batch, distances);
    acceptedValues.push(...keptCandidates(before, batch, distances).map((i) => results[i]!.values));
    const newGeneration = state.history.length > before.history.length;
    if (newGeneration) {
      const t = now();
      wallSeconds.push((t - generationStart) / 1000);
      generationStart = t;
      populationValues = acceptedValues;
      acceptedValues = [];
    }
    onRound({ state, populationValues, wallSeconds: [...wallSeconds], newGeneration });
  }
  return { state, populationValues, wallSeconds, newGeneration: false, cancelled: false };
}
