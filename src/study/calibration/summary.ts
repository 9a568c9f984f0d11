/**
 * Posterior summaries and the rows of posterior.csv and generations.csv, as plain arrays of cells
 * (the caller turns them into text).
 */
import type { AbcState, GenerationRecord, Particle } from "./abc-smc";
import { effectiveSampleSize, weightedMean, weightedQuantile } from "./weighted";

export type Cell = string | number;

export interface ParameterSummary {
  name: string;
  mean: number;
  median: number;
  /** 5 % and 95 % weighted quantiles: the 90 % credible interval. */
  lower: number;
  upper: number;
}

export interface PosteriorSummary {
  parameters: ParameterSummary[];
  ess: number;
  particles: number;
}

/** Weighted medians, means and 90 % credible intervals of each parameter, in natural units. */
export function summarisePosterior(state: AbcState): PosteriorSummary {
  const pop = state.population;
  const w = pop.map((p) => p.weight);
  const parameters = state.config.priors.map((prior, i) => {
    const v = pop.map((p) => p.values[i]!);
    return {
      name: prior.name,
      mean: weightedMean(v, w),
      median: weightedQuantile(v, w, 0.5),
      lower: weightedQuantile(v, w, 0.05),
      upper: weightedQuantile(v, w, 0.95),
    };
  });
  return { parameters, ess: effectiveSampleSize(w), particles: pop.length };
}

/** posterior.csv: header, then one row per particle (particle, weight, each parameter, distance). */
export function posteriorRows(state: AbcState, population: readonly Particle[] = state.population): Cell[][] {
  const header: Cell[] = ["particle", "weight", ...state.config.priors.map((p) => p.name), "distance"];
  return [header, ...population.map((p, i): Cell[] => [i, p.weight, ...p.values, p.distance])];
}

/** generations.csv: header, then one row per finished generation; generation 0's tolerance is "inf". */
export function generationRows(history: readonly GenerationRecord[]): Cell[][] {
  const header: Cell[] = ["generation", "tolerance", "acceptance_rate", "runs", "ess"];
  return [header, ...history.map((g): Cell[] => [g.generation, g.tolerance ?? "inf", g.acceptanceRate, g.runs, g.ess])];
}
