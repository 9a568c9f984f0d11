/**
 * Implicit diffusion–decay on a 2-D lattice: locally one-dimensional backward Euler (an x-sweep
 * over rows, then a y-sweep over columns), Thomas algorithm with coefficients precomputed once,
 * decay split evenly across the two sweeps, no-flux boundaries. Unconditionally stable and, for
 * non-negative input, non-negative (the inverse of each M-matrix is non-negative).
 * This is BioFVM's 2-D scheme.
 *
 * Each line is solved in double precision and the field is rounded to its storage type once per
 * sweep. Rounding the forward-eliminated intermediates to float32 as well (solving in place) biases
 * near-uniform fields by ~1 ulp per step, the same way at every site: the total drifted by up to
 * 4e-4 over 1,000 steps. With one rounding per sweep a lost update is an update that sums to zero.
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

/**
 * Double-precision intermediates of the line solves, grown on demand so that a warm step allocates
 * nothing. One per module instance, i.e. per worker; the solver never re-enters itself.
 */
let scratch = new Float64Array(0);
function scratchOf(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length);
  return scratch;
}

/** Rows solved together: four independent recurrences keep the FPU busy instead of waiting on one. */
const ROW_GROUP = 4;

/** x-sweep of four rows starting at `b0`; forward values interleaved in d[4i + k]. */
function sweepRowGroup(f: FieldArray, b0: number, ax: AxisCoefficients, d: Float64Array): void {
  const { n, r, inv, cPrime } = ax;
  const b1 = b0 + n;
  const b2 = b1 + n;
  const b3 = b2 + n;
  const inv0 = inv[0]!;
  let p0 = f[b0]! * inv0;
  let p1 = f[b1]! * inv0;
  let p2 = f[b2]! * inv0;
  let p3 = f[b3]! * inv0;
  d[0] = p0;
  d[1] = p1;
  d[2] = p2;
  d[3] = p3;
  for (let i = 1; i < n; i++) {
    const s = inv[i]!;
    p0 = (f[b0 + i]! + r * p0) * s;
    p1 = (f[b1 + i]! + r * p1) * s;
    p2 = (f[b2 + i]! + r * p2) * s;
    p3 = (f[b3 + i]! + r * p3) * s;
    const q = i << 2;
    d[q] = p0;
    d[q + 1] = p1;
    d[q + 2] = p2;
    d[q + 3] = p3;
  }
  const last = n - 1;
  f[b0 + last] = p0;
  f[b1 + last] = p1;
  f[b2 + last] = p2;
  f[b3 + last] = p3;
  for (let i = n - 2; i >= 0; i--) {
    const c = cPrime[i]!;
    const q = i << 2;
    p0 = d[q]! - c * p0;
    p1 = d[q + 1]! - c * p1;
    p2 = d[q + 2]! - c * p2;
    p3 = d[q + 3]! - c * p3;
    f[b0 + i] = p0;
    f[b1 + i] = p1;
    f[b2 + i] = p2;
    f[b3 + i] = p3;
  }
}

/** x-sweep of one row starting at `base`. Same arithmetic per element as sweepRowGroup. */
function sweepRow(f: FieldArray, base: number, ax: AxisCoefficients, d: Float64Array): void {
  const { n, r, inv, cPrime } = ax;
  let p = f[base]! * inv[0]!;
  d[0] = p;
  for (let i = 1; i < n; i++) {
    p = (f[base + i]! + r * p) * inv[i]!;
    d[i] = p;
  }
  f[base + n - 1] = p;
  for (let i = n - 2; i >= 0; i--) {
    p = d[i]! - cPrime[i]! * p;
    f[base + i] = p;
  }
}

/** Columns per y-sweep block: the block's double intermediates (height × block × 8 bytes) stay in L2. */
function columnBlock(height: number): number {
  return Math.max(8, Math.min(256, (32768 / height) & ~7));
}

/** y-sweep of columns [x0, x1), one block of columns at a time; d holds the block row by row. */
function sweepColumnBlock(f: FieldArray, w: number, ay: AxisCoefficients, x0: number, x1: number, d: Float64Array): void {
  const { n: h, r, inv, cPrime } = ay;
  const nb = x1 - x0;
  const inv0 = inv[0]!;
  for (let k = 0; k < nb; k++) d[k] = f[x0 + k]! * inv0;
  let dPrev = 0;
  for (let j = 1; j < h; j++) {
    const s = inv[j]!;
    const row = j * w + x0;
    const dRow = dPrev + nb;
    for (let k = 0; k < nb; k++) d[dRow + k] = (f[row + k]! + r * d[dPrev + k]!) * s;
    dPrev = dRow;
  }
  // dPrev now indexes the last row, whose forward value is already the solution.
  const lastRow = (h - 1) * w + x0;
  for (let k = 0; k < nb; k++) f[lastRow + k] = d[dPrev + k]!;
  for (let j = h - 2; j >= 0; j--) {
    const c = cPrime[j]!;
    const row = j * w + x0;
    const dRow = dPrev - nb;
    for (let k = 0; k < nb; k++) {
      const v = d[dRow + k]! - c * d[dPrev + k]!;
      d[dRow + k] = v;
      f[row + k] = v;
    }
    dPrev = dRow;
  }
}

/** The x-sweeps of rows [y0, y1): the row-strip half of a partitioned step. */
export function diffuseRows(f: FieldArray, op: DiffusionOperator, y0: number, y1: number): void {
  const w = op.width;
  const d = scratchOf(ROW_GROUP * w);
  let j = y0;
  for (; j + ROW_GROUP <= y1; j += ROW_GROUP) sweepRowGroup(f, j * w, op.x, d);
  for (; j < y1; j++) sweepRow(f, j * w, op.x, d);
}

/** The y-sweep of columns [x0, x1): the column-block half of a partitioned step. */
export function diffuseColumns(f: FieldArray, op: DiffusionOperator, x0: number, x1: number): void {
  const { width: w, height: h } = op;
  const block = columnBlock(h);
  const d = scratchOf(block * h);
  for (let xb = x0; xb < x1; xb += block) sweepColumnBlock(f, w, op.y, xb, Math.min(x1, xb + block), d);
}

/**
 * One full diffusion–decay step in place: every row, then every column. Each line's arithmetic does
 * not depend on how rows and columns are grouped, so strip- and block-partitioned runs give the same bits.
 */
export function diffuse(f: FieldArray, op: DiffusionOperator): void {
  diffuseRows(f, op, 0, op.height);
  diffuseColumns(f, op, 0, op.width);
}

/**
 * Point-wise implicit source/sink: dc/dt = P − L·c over dt, i.e. c ← (c + dt·P) / (1 + dt·L).
 * Exact steady state, unconditionally stable, keeps c ≥ 0 for P, L ≥ 0.
 */
export function applySourceSink(c: number, production: number, loss: number, dt: number): number {
  return (c + dt * production) / (1 + dt * loss);
}
