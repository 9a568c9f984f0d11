/**
 * Partial rank correlation coefficients (Marino et al. 2008, J Theor Biol 254:178): rank-transform
 * inputs and output, remove the linear effect of the other inputs from both by least squares
 * (mathjs), correlate the residuals. The standard sensitivity measure for agent-based models.
 */
import { lusolve } from "mathjs";
import { tTestP } from "./distributions";
import { ranks } from "./ranks";

export interface PrccResult {
  parameter: string;
  prcc: number;
  /** Two-sided p-value, t-test with n − 2 − (k − 1) degrees of freedom. */
  p: number;
}

function residuals(y: readonly number[], predictors: readonly (readonly number[])[]): number[] {
  const n = y.length;
  const k = predictors.length + 1;
  const row = (i: number) => [1, ...predictors.map((c) => c[i]!)];
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const x = row(i);
    for (let a = 0; a < k; a++) {
      xty[a]! += x[a]! * y[i]!;
      for (let b = 0; b < k; b++) xtx[a]![b]! += x[a]! * x[b]!;
    }
  }
  const beta = (lusolve(xtx, xty) as number[][]).map((v) => v[0]!);
  return y.map((v, i) => v - row(i).reduce((a, x, j) => a + x * beta[j]!, 0));
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN;
}

/** `inputs[j]` holds parameter j over the n samples; `output` the read-out for the same samples. */
export function prcc(
  names: readonly string[],
  inputs: readonly (readonly number[])[],
  output: readonly number[],
): PrccResult[] {
  const keep = output
    .map((_, i) => i)
    .filter((i) => Number.isFinite(output[i]!) && inputs.every((c) => Number.isFinite(c[i]!)));
  const rankedInputs = inputs.map((c) => ranks(keep.map((i) => c[i]!)));
  const rankedOutput = ranks(keep.map((i) => output[i]!));
  const n = keep.length;
  const k = inputs.length;
  const df = n - 2 - (k - 1);
  return names.map((parameter, j) => {
    const others = rankedInputs.filter((_, m) => m !== j);
    if (df < 1) return { parameter, prcc: Number.NaN, p: Number.NaN };
    const r = correlation(residuals(rankedInputs[j]!, others), residuals(rankedOutput, others));
    const t = r * Math.sqrt(df / Math.max(1e-300, 1 - r * r));
    return { parameter, prcc: r, p: Number.isFinite(r) ? tTestP(t, df) : Number.NaN };
  });
}
