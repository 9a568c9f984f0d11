/** Means, differences and proportions with confidence intervals (mathjs for the sums, Student-t for small samples). */
import { mean as mMean, std as mStd } from "mathjs";
import { normalQuantile, tQuantile, tTestP } from "./distributions";

export interface MeanCI {
  n: number;
  mean: number;
  sd: number;
  lower: number;
  upper: number;
  /** Two-sided p-value against a mean of 0 (for differences). */
  p: number;
}

const finite = (x: readonly number[]) => x.filter((v) => Number.isFinite(v));

export function meanCI(values: readonly number[], level = 0.95): MeanCI {
  const x = finite(values);
  const n = x.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, lower: Number.NaN, upper: Number.NaN, p: Number.NaN };
  const m = mMean(x) as number;
  if (n === 1) return { n, mean: m, sd: Number.NaN, lower: Number.NaN, upper: Number.NaN, p: Number.NaN };
  const sd = mStd(x) as unknown as number;
  const se = sd / Math.sqrt(n);
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * se;
  const p = se > 0 ? tTestP(m / se, n - 1) : m === 0 ? 1 : 0;
  return { n, mean: m, sd, lower: m - half, upper: m + half, p };
}

/** Paired difference treated − control over the same patients (pairs with a missing value are dropped). */
export function pairedDifference(treated: readonly number[], control: readonly number[], level = 0.95): MeanCI {
  const d: number[] = [];
  for (let i = 0; i < Math.min(treated.length, control.length); i++) {
    const v = treated[i]! - control[i]!;
    if (Number.isFinite(v)) d.push(v);
  }
  return meanCI(d, level);
}

/** Difference of means a − b of two independent samples, Welch's t-interval (unequal variances); `sd` is its standard error. */
export function unpairedDifference(a: readonly number[], b: readonly number[], level = 0.95): MeanCI {
  const x = meanCI(a);
  const y = meanCI(b);
  const n = x.n + y.n;
  const m = x.mean - y.mean;
  const va = x.sd ** 2 / x.n;
  const vb = y.sd ** 2 / y.n;
  const se = Math.sqrt(va + vb);
  if (!(x.n > 1 && y.n > 1 && se > 0))
    return { n, mean: m, sd: Number.NaN, lower: m, upper: m, p: m === 0 ? 1 : Number.NaN };
  const df = (va + vb) ** 2 / (va ** 2 / (x.n - 1) + vb ** 2 / (y.n - 1));
  const half = tQuantile(1 - (1 - level) / 2, df) * se;
  return { n, mean: m, sd: se, lower: m - half, upper: m + half, p: tTestP(m / se, df) };
}

export interface Proportion {
  k: number;
  n: number;
  rate: number;
  lower: number;
  upper: number;
}

/** Wilson score interval: honest coverage for small n and rates near 0 or 1. */
export function wilson(k: number, n: number, level = 0.95): Proportion {
  if (n === 0) return { k, n, rate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { k, n, rate: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
