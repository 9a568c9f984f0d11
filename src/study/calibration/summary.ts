/**
 * Posterior summaries and the rows of posterior.csv and generations.csv, as plain arrays of cells
 * (the caller turns them into text).
 */
import type { AbcState, GenerationRecord, Particle } from "./abc-smc";
import { weightedMoments } from "./linalg";
import { priorQuantile } from "./priors";
import { effectiveSampleSize, weightedMean, weightedQuantile } from "./weighted";

export type Cell = string | number;

export interface ParameterSummary {
  name: string;
  mean: number;
  median: number;
  /** 5 % and 95 % weighted quantiles: the 90 % credible interval. */
  lower: number;
  upper: number;
  /** The prior's own 90 % interval. */
  priorLower: number;
  priorUpper: number;
  /**
   * Prior interval width / posterior interval width, both measured in the prior's transformed
   * space (log for log-uniform priors). Near 1 the data say little about this parameter.
   */
  narrowing: number;
}

export interface PosteriorSummary {
  parameters: ParameterSummary[];
  /** Weighted correlations of the parameters in transformed space; a strong one flags a ridge. */
  correlations: number[][];
  ess: number;
  particles: number;
}

/** Weighted medians, means and 90 % credible intervals of each parameter, in natural units. */
export function summarisePosterior(state: AbcState): PosteriorSummary {
  const pop = state.population;
  if (pop.length === 0)
    throw new Error("no finished generation yet: the budget ended before generation 0 had its particles");
  const w = pop.map((p) => p.weight);
  const parameters = state.config.priors.map(({ name, prior }, i): ParameterSummary => {
    const v = pop.map((p) => p.values[i]!);
    const t = pop.map((p) => p.t[i]!);
    const width = weightedQuantile(t, w, 0.95) - weightedQuantile(t, w, 0.05);
    const priorLower = priorQuantile(prior, 0.05);
    const priorUpper = priorQuantile(prior, 0.95);
    const priorWidth = "loguniform" in prior ? Math.log(priorUpper / priorLower) : priorUpper - priorLower;
    return {
      name,
      mean: weightedMean(v, w),
      median: weightedQuantile(v, w, 0.5),
      lower: weightedQuantile(v, w, 0.05),
      upper: weightedQuantile(v, w, 0.95),
      priorLower,
      priorUpper,
      narrowing: width > 0 ? priorWidth / width : Infinity,
    };
  });
  const { cov } = weightedMoments(
    pop.map((p) => p.t),
    w,
  );
  const correlations = cov.map((row, a) => row.map((c, b) => (a === b ? 1 : c / Math.sqrt(cov[a]![a]! * cov[b]![b]!))));
  return { parameters, correlations, ess: effectiveSampleSize(w), particles: pop.length };
}

/** Posterior medians as a `parameters` block (key → value) that a scenario or `run --set` can load. */
export function medianParameters(summary: PosteriorSummary): Record<string, number> {
  return Object.fromEntries(summary.parameters.map((p) => [p.name, p.median]));
}

/** posterior.csv: header, then one row per particle (particle, weight, each parameter, distance). */
export function posteriorRows(state: AbcState, population: readonly Particle[] = state.population): Cell[][] {
  const header: Cell[] = ["particle", "weight", ...state.config.priors.map((p) => p.name), "distance"];
  return [header, ...population.map((p, i): Cell[] => [i, p.weight, ...p.values, p.distance])];
}

/**
 * generations.csv: header, then one row per finished generation; generation 0's tolerance is "inf".
 * Wall times (seconds per generation) are measured by the caller and, when given, add a column.
 */
export function generationRows(history: readonly GenerationRecord[], wallSeconds?: readonly number[]): Cell[][] {
  const header: Cell[] = ["generation", "tolerance", "acceptance_rate", "runs", "ess"];
  if (wallSeconds) header.push("wall_s");
  const rows = history.map((g, i): Cell[] => {
    const row: Cell[] = [g.generation, g.tolerance ?? "inf", g.acceptanceRate, g.runs, g.ess];
    if (wallSeconds) row.push(wallSeconds[i] ?? "");
    return row;
  });
  return [header, ...rows];
}
