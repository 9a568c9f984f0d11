/** Statistics of weighted samples (importance weights that sum to 1). */

/**
 * Weighted q-quantile: the smallest value whose cumulative weight reaches q (the inverse of the
 * weighted empirical CDF). Ties in value are ordered by index, so the result is deterministic.
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  let total = 0;
  for (const w of weights) total += w;
  let cum = 0;
  for (const i of order) {
    cum += weights[i]! / total;
    // A small allowance so that rounding in the sum never skips the last sample.
    if (cum >= q - 1e-12) return values[i]!;
  }
  return values[order[order.length - 1]!]!;
}

/** Kish's effective sample size, 1 / Σ w² for weights normalised to 1. */
export function effectiveSampleSize(weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let s = 0;
  for (const w of weights) s += (w / total) ** 2;
  return s > 0 ? 1 / s : 0;
}

/** Weighted mean. */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let s = 0;
  let total = 0;
  values.forEach((v, i) => {
    s += weights[i]! * v;
    total += weights[i]!;
  });
  return s / total;
}
