/** The few dense linear-algebra steps of the perturbation kernel: weighted covariance, Cholesky, Gaussian log density. */

/** Weighted mean and covariance (weights sum to 1) of points in rows. */
export function weightedMoments(
  points: readonly (readonly number[])[],
  weights: readonly number[],
): { mean: number[]; cov: number[][] } {
  const d = points[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  points.forEach((p, i) => {
    for (let a = 0; a < d; a++) mean[a]! += weights[i]! * p[a]!;
  });
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  points.forEach((p, i) => {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) cov[a]![b]! += weights[i]! * (p[a]! - mean[a]!) * (p[b]! - mean[b]!);
    }
  });
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[b]![a] = cov[a]![b]!;
  return { mean, cov };
}

/** Lower-triangular L with L·Lᵀ = m, or null when m is not positive definite. */
export function cholesky(m: readonly (readonly number[])[]): number[][] | null {
  const d = m.length;
  const l = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}

/** log N(x | mu, L·Lᵀ) for a Cholesky factor L. */
export function logNormalDensity(
  x: readonly number[],
  mu: readonly number[],
  l: readonly (readonly number[])[],
): number {
  const d = x.length;
  // Solve L·y = x − mu by forward substitution; the Mahalanobis term is |y|².
  const y = new Array<number>(d);
  let maha = 0;
  let logDet = 0;
  for (let i = 0; i < d; i++) {
    let s = x[i]! - mu[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
    maha += y[i]! * y[i]!;
    logDet += Math.log(l[i]![i]!);
  }
  return -0.5 * maha - logDet - 0.5 * d * Math.log(2 * Math.PI);
}

/** mu + L·n: a multivariate normal draw from standard normals n. */
export function applyCholesky(
  mu: readonly number[],
  l: readonly (readonly number[])[],
  n: readonly number[],
): number[] {
  return mu.map((m, i) => {
    let s = m;
    for (let k = 0; k <= i; k++) s += l[i]![k]! * n[k]!;
    return s;
  });
}

/** log Σ exp(v), stable for large magnitudes. */
export function logSumExp(v: readonly number[]): number {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const x of v) s += Math.exp(x - max);
  return max + Math.log(s);
}
