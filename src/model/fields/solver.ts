/**
 * Implicit diffusion–decay on a 2-D lattice: locally one-dimensional backward Euler (an x-sweep
 * over rows, then a y-sweep over columns), Thomas algorithm with coefficients precomputed once,
 * decay split evenly across the two sweeps, no-flux boundaries. Unconditionally stable and, for
 * non-negative input, non-negative (the inverse of each M-matrix is non-negative).
 * This is BioFVM's 2-D scheme; the y-sweep walks row by row so memory is read contiguously.
 *
 * Units: D in µm²/h, decay in 1/h, dx in µm, dt in h (internal units).
 */

export type FieldArray = Float32Array | Float64Array;

/** Thomas coefficients for one axis: forward factor 1/(b_i + r c'_{i-1}) and back-substitution c'_i. */
export interface AxisCoefficients {
  n: number;
  r: number;
  inv: Float64Array;
  cPrime: Float64Array;
}

export interface DiffusionOperator {
  width: number;
  height: number;
  x: AxisCoefficients;
  y: AxisCoefficients;
}

function axisCoefficients(n: number, r: number, decayHalf: number): AxisCoefficients {
  const inv = new Float64Array(n);
  const cPrime = new Float64Array(n);
  if (n === 1) {
    inv[0] = 1 / (1 + decayHalf);
    return { n, r, inv, cPrime };
  }
  let prevC = 0;
  for (let i = 0; i < n; i++) {
    const edge = i === 0 || i === n - 1;
    const b = 1 + (edge ? r : 2 * r) + decayHalf;
    const denom = b + r * prevC;
    inv[i] = 1 / denom;
    prevC = i < n - 1 ? -r / denom : 0;
    cPrime[i] = prevC;
  }
  return { n, r, inv, cPrime };
}

export function makeDiffusionOperator(width: number, height: number, diffusion: number, decay: number, dx: number, dt: number): DiffusionOperator {
  if (!(diffusion >= 0 && decay >= 0 && dx > 0 && dt > 0)) throw new Error(`diffusion operator: bad D=${diffusion} decay=${decay} dx=${dx} dt=${dt}`);
  const r = (diffusion * dt) / (dx * dx);
  const decayHalf = (decay * dt) / 2;
  return { width, height, x: axisCoefficients(width, r, decayHalf), y: axisCoefficients(height, r, decayHalf) };
}

/** x-sweep of one row, in place. */
function sweepRow(f: FieldArray, base: number, ax: AxisCoefficients): void {
  const { n, r, inv, cPrime } = ax;
  let prev = f[base]! * inv[0]!;
  f[base] = prev;
  for (let i = 1; i < n; i++) {
    prev = (f[base + i]! + r * prev) * inv[i]!;
    f[base + i] = prev;
  }
  let next = f[base + n - 1]!;
  for (let i = n - 2; i >= 0; i--) {
    next = f[base + i]! - cPrime[i]! * next;
    f[base + i] = next;
  }
}

/** y-sweep forward elimination of row j over columns [x0, x1). */
function forwardRowY(f: FieldArray, j: number, w: number, ay: AxisCoefficients, x0: number, x1: number): void {
  const s = ay.inv[j]!;
  const row = j * w;
  if (j === 0) {
    for (let x = x0; x < x1; x++) f[x] = f[x]! * s;
    return;
  }
  const r = ay.r;
  const prev = row - w;
  for (let x = x0; x < x1; x++) f[row + x] = (f[row + x]! + r * f[prev + x]!) * s;
}

/** y-sweep back substitution of row j over columns [x0, x1). */
function backRowY(f: FieldArray, j: number, w: number, ay: AxisCoefficients, x0: number, x1: number): void {
  const c = ay.cPrime[j]!;
  const row = j * w;
  const next = row + w;
  for (let x = x0; x < x1; x++) f[row + x] = f[row + x]! - c * f[next + x]!;
}

/** The x-sweeps of rows [y0, y1): the row-strip half of a partitioned step. */
export function diffuseRows(f: FieldArray, op: DiffusionOperator, y0: number, y1: number): void {
  for (let j = y0; j < y1; j++) sweepRow(f, j * op.width, op.x);
}

/** The y-sweep of columns [x0, x1): the column-block half of a partitioned step. */
export function diffuseColumns(f: FieldArray, op: DiffusionOperator, x0: number, x1: number): void {
  const { width: w, height: h, y } = op;
  for (let j = 0; j < h; j++) forwardRowY(f, j, w, y, x0, x1);
  for (let j = h - 2; j >= 0; j--) backRowY(f, j, w, y, x0, x1);
}

/**
 * One full diffusion–decay step in place. The x-sweep of each row is fused with the y-forward
 * elimination of the same row (two passes over memory instead of three); the arithmetic per
 * element is identical to diffuseRows + diffuseColumns, so partitioned runs give the same bits.
 */
export function diffuse(f: FieldArray, op: DiffusionOperator): void {
  const { width: w, height: h, x, y } = op;
  for (let j = 0; j < h; j++) {
    sweepRow(f, j * w, x);
    forwardRowY(f, j, w, y, 0, w);
  }
  for (let j = h - 2; j >= 0; j--) backRowY(f, j, w, y, 0, w);
}

/**
 * Point-wise implicit source/sink: dc/dt = P − L·c over dt, i.e. c ← (c + dt·P) / (1 + dt·L).
 * Exact steady state, unconditionally stable, keeps c ≥ 0 for P, L ≥ 0.
 */
export function applySourceSink(c: number, production: number, loss: number, dt: number): number {
  return (c + dt * production) / (1 + dt * loss);
}
