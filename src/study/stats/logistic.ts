/**
 * Multivariable logistic regression by iteratively reweighted least squares (mathjs for the linear
 * algebra). Predictors are standardised, so each odds ratio is per standard deviation and the
 * coefficients compare across features; a small ridge term keeps them finite when a feature
 * separates the classes perfectly (reported as `separated`).
 */
import { inv, lusolve } from "mathjs";
import { normalCdf } from "./distributions";

export interface LogisticTerm {
  name: string;
  /** Log-odds per standard deviation of the feature (NaN if the feature was constant). */
  coefficient: number;
  se: number;
  z: number;
  p: number;
  oddsRatioPerSd: number;
}

export interface LogisticFit {
  intercept: number;
  terms: LogisticTerm[];
  iterations: number;
  converged: boolean;
  /** Fitted probabilities reach 0 or 1: the data separate perfectly and the estimates are ridge-limited. */
  separated: boolean;
  n: number;
}

const RIDGE = 1e-3;

/** `rows[i][j]` is feature j of case i; `y[i]` is 1 for a responder. Rows with a missing value are dropped. */
export function fitLogistic(
  names: readonly string[],
  rows: readonly (readonly number[])[],
  y: readonly boolean[],
  maxIterations = 100,
): LogisticFit {
  const keep = rows.map((_, i) => i).filter((i) => rows[i]!.every((v) => Number.isFinite(v)));
  const n = keep.length;
  const means = names.map((_, j) => keep.reduce((a, i) => a + rows[i]![j]!, 0) / Math.max(1, n));
  const sds = names.map((_, j) =>
    Math.sqrt(keep.reduce((a, i) => a + (rows[i]![j]! - means[j]!) ** 2, 0) / Math.max(1, n - 1)),
  );
  const used = names.map((_, j) => j).filter((j) => sds[j]! > 0);
  const X = keep.map((i) => [1, ...used.map((j) => (rows[i]![j]! - means[j]!) / sds[j]!)]);
  const t = keep.map((i) => (y[i] ? 1 : 0));
  const k = used.length + 1;
  let beta = new Array<number>(k).fill(0);
  let converged = false;
  let iterations = 0;
  let info: number[][] = [];
  for (; iterations < maxIterations && n > 0; iterations++) {
    const hess = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const grad = new Array<number>(k).fill(0);
    for (let r = 0; r < n; r++) {
      const x = X[r]!;
      let eta = 0;
      for (let a = 0; a < k; a++) eta += x[a]! * beta[a]!;
      const p = 1 / (1 + Math.exp(-eta));
      const w = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < k; a++) {
        grad[a]! += x[a]! * (t[r]! - p);
        for (let b = 0; b < k; b++) hess[a]![b]! += w * x[a]! * x[b]!;
      }
    }
    for (let a = 1; a < k; a++) {
      hess[a]![a]! += RIDGE;
      grad[a]! -= RIDGE * beta[a]!;
    }
    info = hess;
    const step = (lusolve(hess, grad) as number[][]).map((v) => v[0]!);
    beta = beta.map((b, a) => b + step[a]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) {
      converged = true;
      iterations++;
      break;
    }
  }
  const cov = n > 0 ? (inv(info) as number[][]) : [];
  let separated = false;
  for (const x of X) {
    const eta = x.reduce((a, v, j) => a + v * beta[j]!, 0);
    if (Math.abs(eta) > 15) separated = true;
  }
  const terms: LogisticTerm[] = names.map((name, j) => {
    const pos = used.indexOf(j);
    if (pos < 0)
      return {
        name,
        coefficient: Number.NaN,
        se: Number.NaN,
        z: Number.NaN,
        p: Number.NaN,
        oddsRatioPerSd: Number.NaN,
      };
    const coefficient = beta[pos + 1]!;
    const se = Math.sqrt(cov[pos + 1]![pos + 1]!);
    const z = coefficient / se;
    return { name, coefficient, se, z, p: 2 * (1 - normalCdf(Math.abs(z))), oddsRatioPerSd: Math.exp(coefficient) };
  });
  return { intercept: beta[0] ?? Number.NaN, terms, iterations, converged, separated, n };
}
