/**
 * The scheme's line solves in JavaScript, in groups of lines solved side by side: Float64Array
 * fields, and Float32Array fields when WebAssembly is unavailable. Every solve is the arithmetic of
 * sweepLine, grouped so that the FPU is not waiting on one chain.
 */
import { type AxisCoefficients, type DiffusionOperator, type FieldArray, pitchOf } from "./scheme";

/**
 * Double-precision intermediates of the line solves, grown on demand so that a warm step allocates
 * nothing. Each FieldSet (a thread's) keeps its own; a sweep never re-enters itself.
 */
export class LineScratch {
  private values = new Float64Array(0);

  /** At least `length` values (contents undefined). */
  of(length: number): Float64Array {
    if (this.values.length < length) this.values = new Float64Array(length);
    return this.values;
  }
}

/** Rows solved side by side in JS; the y-sweep takes 8 adjacent columns (32 bytes of each row's cache line). */
const JS_ROW_GROUP = 4;
const JS_COLUMN_GROUP = 8;

/** x-sweep of four rows `pitch` apart starting at `b0`; forward values interleaved in d[4i + k]. */
function sweepRowGroup(f: FieldArray, b0: number, pitch: number, ax: AxisCoefficients, d: Float64Array): void {
  const { n, r, inv, cPrime } = ax;
  const b1 = b0 + pitch;
  const b2 = b1 + pitch;
  const b3 = b2 + pitch;
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

/** One line of n values at f[start + k·stride]; the arithmetic of the group kernels, one line at a time. */
function sweepLine(f: FieldArray, start: number, stride: number, ax: AxisCoefficients, d: Float64Array): void {
  const { n, r, inv, cPrime } = ax;
  let p = f[start]! * inv[0]!;
  d[0] = p;
  let k = start;
  for (let i = 1; i < n; i++) {
    k += stride;
    p = (f[k]! + r * p) * inv[i]!;
    d[i] = p;
  }
  f[k] = p;
  for (let i = n - 2; i >= 0; i--) {
    k -= stride;
    p = d[i]! - cPrime[i]! * p;
    f[k] = p;
  }
}

/** y-sweep of the 8 adjacent columns starting at x; forward values interleaved in d[8j + k]. */
function sweepColumnGroup(f: FieldArray, w: number, ay: AxisCoefficients, x: number, d: Float64Array): void {
  const { n: h, r, inv, cPrime } = ay;
  const inv0 = inv[0]!;
  let p0 = f[x]! * inv0;
  let p1 = f[x + 1]! * inv0;
  let p2 = f[x + 2]! * inv0;
  let p3 = f[x + 3]! * inv0;
  let p4 = f[x + 4]! * inv0;
  let p5 = f[x + 5]! * inv0;
  let p6 = f[x + 6]! * inv0;
  let p7 = f[x + 7]! * inv0;
  d[0] = p0;
  d[1] = p1;
  d[2] = p2;
  d[3] = p3;
  d[4] = p4;
  d[5] = p5;
  d[6] = p6;
  d[7] = p7;
  let k = x;
  for (let j = 1; j < h; j++) {
    k += w;
    const s = inv[j]!;
    p0 = (f[k]! + r * p0) * s;
    p1 = (f[k + 1]! + r * p1) * s;
    p2 = (f[k + 2]! + r * p2) * s;
    p3 = (f[k + 3]! + r * p3) * s;
    p4 = (f[k + 4]! + r * p4) * s;
    p5 = (f[k + 5]! + r * p5) * s;
    p6 = (f[k + 6]! + r * p6) * s;
    p7 = (f[k + 7]! + r * p7) * s;
    const q = j << 3;
    d[q] = p0;
    d[q + 1] = p1;
    d[q + 2] = p2;
    d[q + 3] = p3;
    d[q + 4] = p4;
    d[q + 5] = p5;
    d[q + 6] = p6;
    d[q + 7] = p7;
  }
  f[k] = p0;
  f[k + 1] = p1;
  f[k + 2] = p2;
  f[k + 3] = p3;
  f[k + 4] = p4;
  f[k + 5] = p5;
  f[k + 6] = p6;
  f[k + 7] = p7;
  for (let j = h - 2; j >= 0; j--) {
    k -= w;
    const c = cPrime[j]!;
    const q = j << 3;
    p0 = d[q]! - c * p0;
    p1 = d[q + 1]! - c * p1;
    p2 = d[q + 2]! - c * p2;
    p3 = d[q + 3]! - c * p3;
    p4 = d[q + 4]! - c * p4;
    p5 = d[q + 5]! - c * p5;
    p6 = d[q + 6]! - c * p6;
    p7 = d[q + 7]! - c * p7;
    f[k] = p0;
    f[k + 1] = p1;
    f[k + 2] = p2;
    f[k + 3] = p3;
    f[k + 4] = p4;
    f[k + 5] = p5;
    f[k + 6] = p6;
    f[k + 7] = p7;
  }
}

export function jsRows(f: FieldArray, op: DiffusionOperator, y0: number, y1: number, scratch: LineScratch): void {
  const pitch = pitchOf(f, op);
  const d = scratch.of(JS_ROW_GROUP * op.width);
  let j = y0;
  for (; j + JS_ROW_GROUP <= y1; j += JS_ROW_GROUP) sweepRowGroup(f, j * pitch, pitch, op.x, d);
  for (; j < y1; j++) sweepLine(f, j * pitch, 1, op.x, d);
}

export function jsColumns(f: FieldArray, op: DiffusionOperator, x0: number, x1: number, scratch: LineScratch): void {
  const pitch = pitchOf(f, op);
  const d = scratch.of(JS_COLUMN_GROUP * op.height);
  let i = x0;
  for (; i + JS_COLUMN_GROUP <= x1; i += JS_COLUMN_GROUP) sweepColumnGroup(f, pitch, op.y, i, d);
  for (; i < x1; i++) sweepLine(f, i, pitch, op.y, d);
}

/** Bytes of line scratch the JS path keeps for a width × height lattice. */
export function jsWorkingBytes(width: number, height: number): number {
  return 8 * Math.max(JS_ROW_GROUP * width, JS_COLUMN_GROUP * height);
}
