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
 * Speed: lines are solved in groups (4–16 independent recurrences side by side, so the FPU is not
 * waiting on one chain; a y-sweep group reads whole cache lines), and Float32Array fields go through
 * WebAssembly kernels built below (f64x2 SIMD where available), which V8 compiles without the
 * per-element map, bounds and overflow checks of typed-array JS: ≈2.5× the JS line groups, ≈4× the
 * plain in-place step (`npm run bench`). Every path does the same IEEE double operations in the same
 * order (wasm never fuses multiply-adds), so all give the same bits; test/numerics checks each
 * against a plain oracle.
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

// ---------------------------------------------------------------------------------------------
// JavaScript line groups: Float64Array fields, and Float32Array when WebAssembly is unavailable.
// ---------------------------------------------------------------------------------------------

/**
 * Double-precision intermediates of the line solves, grown on demand so that a warm step allocates
 * nothing. One per module instance, i.e. per worker; the solver never re-enters itself.
 */
let scratch = new Float64Array(0);
function scratchOf(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length);
  return scratch;
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

/**
 * Row length of field f on op's lattice: f holds height rows of `pitch` ≥ width values, the first
 * width of which are the lattice (lattice/state fieldPitch pads some widths).
 */
function pitchOf(f: FieldArray, op: DiffusionOperator): number {
  const pitch = f.length / op.height;
  if (!(Number.isInteger(pitch) && pitch >= op.width)) throw new Error(`solver: a field of ${f.length} values does not fit a ${op.width} × ${op.height} lattice`);
  return pitch;
}

function jsRows(f: FieldArray, op: DiffusionOperator, y0: number, y1: number): void {
  const pitch = pitchOf(f, op);
  const d = scratchOf(JS_ROW_GROUP * op.width);
  let j = y0;
  for (; j + JS_ROW_GROUP <= y1; j += JS_ROW_GROUP) sweepRowGroup(f, j * pitch, pitch, op.x, d);
  for (; j < y1; j++) sweepLine(f, j * pitch, 1, op.x, d);
}

function jsColumns(f: FieldArray, op: DiffusionOperator, x0: number, x1: number): void {
  const pitch = pitchOf(f, op);
  const d = scratchOf(JS_COLUMN_GROUP * op.height);
  let i = x0;
  for (; i + JS_COLUMN_GROUP <= x1; i += JS_COLUMN_GROUP) sweepColumnGroup(f, pitch, op.y, i, d);
  for (; i < x1; i++) sweepLine(f, i, pitch, op.y, d);
}

// ---------------------------------------------------------------------------------------------
// WebAssembly line groups for Float32Array fields. The module (≈3 kB) is assembled here from a
// few opcodes rather than shipped as a binary, so the kernels stay readable and reviewable.
// With 128-bit SIMD, two lines share a register (f64x2); where SIMD is missing the same kernels
// are built with one line per register.
// ---------------------------------------------------------------------------------------------

type Bytes = number[];

function leb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: Bytes[]): Bytes => [...leb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...leb(body.length), ...body];
const name = (s: string): Bytes => vec([...s].map((c) => [c.charCodeAt(0)]));

const T_I32 = 0x7f;
const T_F64 = 0x7c;
const T_V128 = 0x7b;
const get = (i: number): Bytes => [0x20, ...leb(i)];
const set = (i: number): Bytes => [0x21, ...leb(i)];
const tee = (i: number): Bytes => [0x22, ...leb(i)];
const i32 = (v: number): Bytes => [0x41, ...sleb(v)];
/** memarg: log2 alignment, offset. */
const mem = (align: number, offset: number): Bytes => [align, ...leb(offset)];
const f32Load = (offset: number): Bytes => [0x2a, ...mem(2, offset)];
const f64Load = (offset: number): Bytes => [0x2b, ...mem(3, offset)];
const f32Store = (offset: number): Bytes => [0x38, ...mem(2, offset)];
const f64Store = (offset: number): Bytes => [0x39, ...mem(3, offset)];
const simd = (op: number, ...immediates: number[]): Bytes => [0xfd, ...leb(op), ...immediates];
const v128Load = (offset: number): Bytes => simd(0x00, ...mem(4, offset));
const v128Store = (offset: number): Bytes => simd(0x0b, ...mem(4, offset));
const v128Load32Zero = (offset: number): Bytes => simd(0x5c, ...mem(2, offset));
const v128Load64Zero = (offset: number): Bytes => simd(0x5d, ...mem(3, offset));
const v128Load32Lane = (offset: number, lane: number): Bytes => [...simd(0x56, ...mem(2, offset)), lane];
const v128Store32Lane = (offset: number, lane: number): Bytes => [...simd(0x5a, ...mem(2, offset)), lane];
const v128Store64Lane = (offset: number, lane: number): Bytes => [...simd(0x5b, ...mem(3, offset)), lane];
const F64X2_SPLAT = simd(0x14);
const I32_ADD = [0x6a];
const I32_SUB = [0x6b];
const I32_SHL = [0x74];
const I32_GE_S = [0x4e];
const I32_LT_S = [0x48];
const F32_DEMOTE_F64 = [0xb6];
const F64_PROMOTE_F32 = [0xbb];
/** f64 and f64x2 arithmetic: the same IEEE double operation per lane. */
const ARITH = {
  1: { add: [0xa0], sub: [0xa1], mul: [0xa2], promote: F64_PROMOTE_F32, demote: F32_DEMOTE_F64, type: T_F64 },
  2: { add: simd(0xf0), sub: simd(0xf1), mul: simd(0xf2), promote: simd(0x5f), demote: simd(0x5e), type: T_V128 },
} as const;
/** block { loop { if (exit) break; body; continue } } */
const whileNot = (exit: Bytes, body: Bytes): Bytes => [0x02, 0x40, 0x03, 0x40, ...exit, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];

/**
 * A kernel solving `lines` lines of n float32 values side by side, `lanes` (1 or 2) lines per
 * register, with the arithmetic of sweepLine. Signature (base, stride, n, inv, cPrime, r, d), in
 * bytes: "rows" lines start `stride` apart with adjacent elements; "columns" lines are adjacent with
 * elements `stride` apart. d holds the forward values interleaved: d[lines·i + line].
 */
function lineGroupKernel(lines: number, lanes: 1 | 2, mode: "rows" | "columns"): Bytes {
  const A = ARITH[lanes];
  const rows = mode === "rows";
  const vectors = lines / lanes;
  const [base, stride, n, inv, cp, r, d] = [0, 1, 2, 3, 4, 5, 6];
  let local = 7;
  const rowStart = [base];
  if (rows) for (let k = 1; k < lines; k++) rowStart.push(local++);
  const i = local++; // element: byte offset in the row ("rows") or index ("columns")
  const end = local++;
  const ip = local++;
  const dp = local++;
  const i32Locals = local - 7;
  const p = Array.from({ length: vectors }, () => local++);
  const s = local++; // coefficient of the current element (splat with SIMD)
  const rv = local++; // r (splat with SIMD)
  const tmp = local++;
  const vecLocals = local - 7 - i32Locals;
  const step = rows ? 4 : 1;
  /** Address of element i of line k (element 0 when atI is false); columns use memarg offsets. */
  const lineAt = (k: number, atI: boolean): Bytes => (atI ? [...get(rowStart[k]!), ...get(i), ...I32_ADD] : get(rowStart[k]!));
  const load = (v: number, atI: boolean): Bytes => {
    if (!rows) return lanes === 1 ? [...get(base), ...f32Load(4 * v), ...A.promote] : [...get(base), ...v128Load64Zero(8 * v), ...A.promote];
    if (lanes === 1) return [...lineAt(v, atI), ...f32Load(0), ...A.promote];
    return [...lineAt(2 * v + 1, atI), ...lineAt(2 * v, atI), ...v128Load32Zero(0), ...v128Load32Lane(0, 1), ...A.promote];
  };
  /** Stores p[v], rounded to float32, at element i (or at the address `at` gives for a line). */
  const store = (v: number, at: (k: number) => Bytes): Bytes => {
    if (!rows) return lanes === 1 ? [...get(base), ...get(p[v]!), ...A.demote, ...f32Store(4 * v)] : [...get(base), ...get(p[v]!), ...A.demote, ...v128Store64Lane(8 * v, 0)];
    if (lanes === 1) return [...at(v), ...get(p[v]!), ...A.demote, ...f32Store(0)];
    return [...get(p[v]!), ...A.demote, ...set(tmp), ...at(2 * v), ...get(tmp), ...v128Store32Lane(0, 0), ...at(2 * v + 1), ...get(tmp), ...v128Store32Lane(0, 1)];
  };
  const loadD = (v: number): Bytes => (lanes === 1 ? f64Load(8 * v) : v128Load(16 * v));
  const storeD = (v: number): Bytes => (lanes === 1 ? f64Store(8 * v) : v128Store(16 * v));
  const coefficient = (ptr: number): Bytes => [...get(ptr), ...f64Load(0), ...(lanes === 2 ? F64X2_SPLAT : []), ...set(s)];

  const code: Bytes = [];
  for (let k = 1; k < rowStart.length; k++) code.push(...get(rowStart[k - 1]!), ...get(stride), ...I32_ADD, ...set(rowStart[k]!));
  code.push(...get(r), ...(lanes === 2 ? F64X2_SPLAT : []), ...set(rv), ...coefficient(inv));
  for (let v = 0; v < vectors; v++) code.push(...get(d), ...load(v, false), ...get(s), ...A.mul, ...tee(p[v]!), ...storeD(v));
  // forward elimination, elements 1 … n−1
  code.push(...i32(step), ...set(i), ...get(n), ...(rows ? [...i32(2), ...I32_SHL] : []), ...set(end));
  code.push(...get(inv), ...i32(8), ...I32_ADD, ...set(ip), ...get(d), ...i32(8 * lines), ...I32_ADD, ...set(dp));
  const forward: Bytes = rows ? [] : [...get(base), ...get(stride), ...I32_ADD, ...set(base)];
  forward.push(...coefficient(ip));
  for (let v = 0; v < vectors; v++) forward.push(...get(dp), ...load(v, true), ...get(rv), ...get(p[v]!), ...A.mul, ...A.add, ...get(s), ...A.mul, ...tee(p[v]!), ...storeD(v));
  forward.push(...get(i), ...i32(step), ...I32_ADD, ...set(i), ...get(ip), ...i32(8), ...I32_ADD, ...set(ip), ...get(dp), ...i32(8 * lines), ...I32_ADD, ...set(dp));
  code.push(...whileNot([...get(i), ...get(end), ...I32_GE_S], forward));
  // the last forward value is the solution
  const lastOfRow = (k: number): Bytes => [...get(rowStart[k]!), ...get(end), ...I32_ADD, ...i32(4), ...I32_SUB];
  for (let v = 0; v < vectors; v++) code.push(...store(v, lastOfRow));
  // back substitution, elements n−2 … 0: ip = cPrime + 8·element, dp = d + 8·lines·element
  code.push(...(rows ? [...get(end), ...i32(8)] : [...get(n), ...i32(2)]), ...I32_SUB, ...set(i));
  const toBytes8 = rows ? 1 : 3;
  code.push(...get(cp), ...get(i), ...i32(toBytes8), ...I32_SHL, ...I32_ADD, ...set(ip));
  code.push(...get(d), ...get(i), ...i32(toBytes8 + Math.log2(lines)), ...I32_SHL, ...I32_ADD, ...set(dp));
  const back: Bytes = rows ? [] : [...get(base), ...get(stride), ...I32_SUB, ...set(base)];
  back.push(...coefficient(ip));
  for (let v = 0; v < vectors; v++) {
    back.push(...get(dp), ...loadD(v), ...get(s), ...get(p[v]!), ...A.mul, ...A.sub, ...set(p[v]!));
    back.push(...store(v, (k) => lineAt(k, true)));
  }
  back.push(...get(i), ...i32(step), ...I32_SUB, ...set(i), ...get(ip), ...i32(8), ...I32_SUB, ...set(ip), ...get(dp), ...i32(8 * lines), ...I32_SUB, ...set(dp));
  code.push(...whileNot([...get(i), ...i32(0), ...I32_LT_S], back), 0x0b);
  const body = [...vec([[...leb(i32Locals), T_I32], [...leb(vecLocals), A.type]]), ...code];
  return [...leb(body.length), ...body];
}

/** Rows side by side, and adjacent columns per y-sweep group (16 × 4 bytes = one cache line). */
const WASM_ROW_GROUP = 8;
const WASM_COLUMN_GROUP = 16;
const KERNEL_NAMES = ["rowGroup", "row", "columnGroup", "column"] as const;

/** Limits of the imported memory: its own growable memory (min 1 page), or a shared one of fixed size. */
function memoryImport(sharedPages: number): Bytes {
  return sharedPages > 0 ? [0x03, ...leb(sharedPages), ...leb(sharedPages)] : [0x00, ...leb(1)];
}

function kernelModuleBytes(lanes: 1 | 2, sharedPages = 0): Uint8Array {
  const bodies = [
    lineGroupKernel(WASM_ROW_GROUP, lanes, "rows"),
    lineGroupKernel(1, 1, "rows"),
    lineGroupKernel(WASM_COLUMN_GROUP, lanes, "columns"),
    lineGroupKernel(1, 1, "columns"),
  ];
  const signature = [0x60, ...vec([[T_I32], [T_I32], [T_I32], [T_I32], [T_I32], [T_F64], [T_I32]]), ...vec([])];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([signature])),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, ...memoryImport(sharedPages)]])),
    ...section(3, vec(bodies.map(() => leb(0)))),
    ...section(7, vec(KERNEL_NAMES.map((k, i) => [...name(k), 0x00, ...leb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}

type Kernel = (base: number, stride: number, n: number, inv: number, cPrime: number, r: number, d: number) => void;
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** The slice of the WebAssembly JS API used here (the model's tsconfig has no DOM or Node lib). */
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

interface WasmKernels {
  lanes: 1 | 2;
  /** The compiled kernels for a private memory (reused to sweep a one-thread run's fields in place). */
  module: object;
  memory: WasmMemory;
  rowGroup: Kernel;
  row: Kernel;
  columnGroup: Kernel;
  column: Kernel;
  f32: Float32Array;
  f64: Float64Array;
  /** The field region of the last whole-field call: kept so that a step allocates no view. */
  fieldView: Float32Array;
}

/** Which Float32Array path to take: wasm with SIMD if the engine has it, wasm with one line per register, or JS. */
export type SolverKernels = "simd" | "scalar" | "js";

function loadKernels(lanes: 1 | 2): WasmKernels | null {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  try {
    const memory = new api.Memory({ initial: 1 });
    const module = new api.Module(kernelModuleBytes(lanes));
    const { exports } = new api.Instance(module, { env: { memory } });
    const k = exports as unknown as Record<(typeof KERNEL_NAMES)[number], Kernel>;
    const f32 = new Float32Array(memory.buffer);
    return { lanes, module, memory, ...k, f32, f64: new Float64Array(memory.buffer), fieldView: f32 };
  } catch {
    // No SIMD, or WebAssembly refused (e.g. a page CSP without wasm-unsafe-eval).
    return null;
  }
}

/** Loaded on first use: undefined = not tried yet, null = unavailable. */
const loaded: { 1?: WasmKernels | null; 2?: WasmKernels | null } = {};
let preferred: SolverKernels = "simd";
let kernels: WasmKernels | null | undefined;

function kernelsFor(lanes: 1 | 2): WasmKernels | null {
  if (loaded[lanes] === undefined) loaded[lanes] = loadKernels(lanes);
  return loaded[lanes]!;
}

function activeKernels(): WasmKernels | null {
  if (kernels === undefined) kernels = preferred === "js" ? null : preferred === "simd" ? (kernelsFor(2) ?? kernelsFor(1)) : kernelsFor(1);
  return kernels;
}

/**
 * Chooses the Float32Array path (default "simd", falling back to "scalar", then "js"). All give the
 * same bits; tests and the bench switch to compare them. Returns the path now in use.
 */
export function useSolverKernels(choice: SolverKernels): SolverKernels {
  preferred = choice;
  kernels = undefined;
  return solverKernels();
}

/**
 * Bytes the solver keeps for a width × height lattice beside the fields on the path in use: one
 * thread's coefficients and line scratch (wasm: fields swept in place), or line scratch (JS).
 */
export function solverWorkingBytes(width: number, height: number): number {
  if (activeKernels() === null) return 8 * Math.max(JS_ROW_GROUP * width, JS_COLUMN_GROUP * height);
  return threadScratchBytes(width, height);
}

/** The Float32Array path in use. */
export function solverKernels(): SolverKernels {
  const k = activeKernels();
  return k === null ? "js" : k.lanes === 2 ? "simd" : "scalar";
}

/**
 * Wasm memory layout for one call, in bytes: x then y coefficients (inv, c'), the interleaved
 * forward values, then the float32 field (or the part of it being swept).
 */
interface Layout {
  xInv: number;
  xCp: number;
  yInv: number;
  yCp: number;
  d: number;
  field: number;
}

function wasmLayout(w: number, h: number): Layout {
  const xInv = 0;
  const xCp = xInv + 8 * w;
  const yInv = xCp + 8 * w;
  const yCp = yInv + 8 * h;
  const d = yCp + 8 * h;
  const field = d + 8 * Math.max(WASM_ROW_GROUP * w, WASM_COLUMN_GROUP * h);
  return { xInv, xCp, yInv, yCp, d, field };
}

function prepare(k: WasmKernels, op: DiffusionOperator, fieldValues: number): Layout {
  const L = wasmLayout(op.width, op.height);
  const { xInv, xCp, yInv, yCp } = L;
  const needed = L.field + 4 * fieldValues;
  const have = k.memory.buffer.byteLength;
  if (have < needed) {
    k.memory.grow(Math.ceil((needed - have) / 65536));
    k.f32 = new Float32Array(k.memory.buffer);
    k.f64 = new Float64Array(k.memory.buffer);
  }
  k.f64.set(op.x.inv, xInv / 8);
  k.f64.set(op.x.cPrime, xCp / 8);
  k.f64.set(op.y.inv, yInv / 8);
  k.f64.set(op.y.cPrime, yCp / 8);
  return L;
}

/** x-sweeps of `rows` rows of width w, `pitch` values apart, stored from byte `at`. */
function wasmRowSweeps(k: WasmKernels, L: Layout, op: DiffusionOperator, at: number, pitch: number, rows: number): void {
  const w = op.width;
  const rowBytes = 4 * pitch;
  let j = 0;
  for (; j + WASM_ROW_GROUP <= rows; j += WASM_ROW_GROUP) k.rowGroup(at + j * rowBytes, rowBytes, w, L.xInv, L.xCp, op.x.r, L.d);
  for (; j < rows; j++) k.row(at + j * rowBytes, rowBytes, w, L.xInv, L.xCp, op.x.r, L.d);
}

/** y-sweeps of `columns` columns of a grid `pitch` values wide stored from byte `at`. */
function wasmColumnSweeps(k: WasmKernels, L: Layout, op: DiffusionOperator, at: number, pitch: number, columns: number): void {
  const rowBytes = 4 * pitch;
  let i = 0;
  for (; i + WASM_COLUMN_GROUP <= columns; i += WASM_COLUMN_GROUP) k.columnGroup(at + 4 * i, rowBytes, op.height, L.yInv, L.yCp, op.y.r, L.d);
  for (; i < columns; i++) k.column(at + 4 * i, rowBytes, op.height, L.yInv, L.yCp, op.y.r, L.d);
}

function wasmDiffuse(k: WasmKernels, f: Float32Array, op: DiffusionOperator): void {
  const L = prepare(k, op, f.length);
  let view = k.fieldView;
  if (view.buffer !== k.memory.buffer || view.byteOffset !== L.field || view.length !== f.length) view = k.fieldView = new Float32Array(k.memory.buffer, L.field, f.length);
  view.set(f);
  const pitch = pitchOf(f, op);
  wasmRowSweeps(k, L, op, L.field, pitch, op.height);
  wasmColumnSweeps(k, L, op, L.field, pitch, op.width);
  f.set(view);
}

/** A strip of rows (partitioned runs): two small views per call, the price of one memcpy each way. */
function wasmRows(k: WasmKernels, f: Float32Array, op: DiffusionOperator, y0: number, y1: number): void {
  const pitch = pitchOf(f, op);
  const L = prepare(k, op, (y1 - y0) * pitch);
  const start = L.field / 4;
  k.f32.set(f.subarray(y0 * pitch, y1 * pitch), start);
  wasmRowSweeps(k, L, op, L.field, pitch, y1 - y0);
  f.set(k.f32.subarray(start, start + (y1 - y0) * pitch), y0 * pitch);
}

/**
 * Columns [x0, x1) are packed into a narrow grid, swept, and written back, one row segment per
 * memcpy (an element-by-element JS copy cost 3–4× the sweeps themselves).
 */
function wasmColumns(k: WasmKernels, f: Float32Array, op: DiffusionOperator, x0: number, x1: number): void {
  const h = op.height;
  const w = pitchOf(f, op);
  const nb = x1 - x0;
  const L = prepare(k, op, nb * h);
  const m = k.f32;
  const start = L.field / 4;
  for (let j = 0; j < h; j++) m.set(f.subarray(j * w + x0, j * w + x1), start + j * nb);
  wasmColumnSweeps(k, L, op, L.field, nb, nb);
  for (let j = 0; j < h; j++) f.set(m.subarray(start + j * nb, start + (j + 1) * nb), j * w + x0);
}

// ---------------------------------------------------------------------------------------------
// Fields in a WebAssembly memory: shared by a partitioned run's threads, each of which instantiates
// the kernels on it and sweeps its rows or columns in place (no copies in or out), or a one-thread
// run's own. Each thread has its own scratch region (coefficients and forward values) before the fields.
// ---------------------------------------------------------------------------------------------

interface InPlace {
  k: WasmKernels;
  L: Layout;
}
/** Kernels bound to a shared memory in this thread, keyed by the memory's buffer. */
const inPlace = new WeakMap<object, InPlace>();

/** Bytes of one thread's scratch region for a width × height lattice (64-byte aligned). */
function threadScratchBytes(w: number, h: number): number {
  const L = wasmLayout(w, h);
  return Math.ceil(L.field / 64) * 64;
}

/** A memory holding `fields` float32 fields of `pitch` × height values after `threads` scratch regions. */
export interface FieldMemory {
  /** A shared WebAssembly.Memory (structured-cloneable to workers). */
  memory: unknown;
  /** Byte offset of field i: fieldBase + 4 · pitch · height · i. */
  fieldBase: number;
  threads: number;
}

/**
 * Allocates shared field memory if the wasm kernels are in use and shared memories are available
 * (Node; a cross-origin-isolated page); null otherwise (the caller keeps per-field buffers).
 */
export function createFieldMemory(width: number, height: number, pitch: number, fields: number, threads: number): FieldMemory | null {
  const k = activeKernels();
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!k || !api || typeof SharedArrayBuffer === "undefined") return null;
  const fieldBase = threads * threadScratchBytes(width, height);
  const pages = Math.ceil((fieldBase + 4 * pitch * height * fields) / 65536);
  if (pages > 65536) return null;
  try {
    const memory = new api.Memory({ initial: pages, maximum: pages, shared: true });
    return { memory, fieldBase, threads };
  } catch {
    return null;
  }
}

/** The float32 views of the fields (`pitch` × height values each) in a field memory. */
export function fieldViews(m: FieldMemory, pitch: number, height: number, fields: number): Float32Array[] {
  const buffer = (m.memory as WasmMemory).buffer;
  const n = pitch * height;
  return Array.from({ length: fields }, (_, i) => new Float32Array(buffer, m.fieldBase + 4 * n * i, n));
}

/** Instantiates this thread's kernels on the field memory, using scratch region `thread`. False if that fails (copies are used then). */
export function bindFieldMemory(m: FieldMemory, width: number, height: number, thread: number): boolean {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  const own = activeKernels();
  const memory = m.memory as WasmMemory;
  if (!api || !own || thread < 0 || thread >= m.threads) return false;
  if (inPlace.has(memory.buffer)) return true;
  try {
    const pages = memory.buffer.byteLength / 65536;
    register(own.lanes, new api.Module(kernelModuleBytes(own.lanes, pages)), memory, thread * threadScratchBytes(width, height), m.fieldBase, width, height);
    return true;
  } catch {
    return false;
  }
}

/** Instantiates compiled kernels on `memory` with their scratch at byte `base`, and records them for in-place sweeps. */
function register(lanes: 1 | 2, module: object, memory: WasmMemory, base: number, fieldBase: number, width: number, height: number): void {
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { exports } = new api.Instance(module, { env: { memory } });
  const kernels = exports as unknown as Record<(typeof KERNEL_NAMES)[number], Kernel>;
  const f32 = new Float32Array(memory.buffer);
  const k: WasmKernels = { lanes, module, memory, ...kernels, f32, f64: new Float64Array(memory.buffer), fieldView: f32 };
  const L0 = wasmLayout(width, height);
  const L: Layout = { xInv: base + L0.xInv, xCp: base + L0.xCp, yInv: base + L0.yInv, yCp: base + L0.yCp, d: base + L0.d, field: fieldBase };
  inPlace.set(memory.buffer, { k, L });
}

/**
 * A one-thread run's fields moved into a private WebAssembly memory after one scratch region, so
 * its kernels sweep them in place as strip threads do (copying a field into the kernels' memory
 * and back cost ≈ 40 % of a 1024² sweep). Returns `fields` unchanged when they already are in
 * place, the wasm kernels are not in use, or the memory cannot be made. Same bits on every path.
 */
export function ownFieldMemory(fields: Float32Array[], width: number, height: number): Float32Array[] {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  const own = activeKernels();
  if (!api || !own || fields.length === 0 || fields.every((f) => inPlaceFor(f) !== undefined)) return fields;
  const n = fields[0]!.length;
  const fieldBase = threadScratchBytes(width, height);
  const pages = Math.ceil((fieldBase + 4 * n * fields.length) / 65536);
  if (pages > 65536) return fields;
  try {
    const memory = new api.Memory({ initial: pages, maximum: pages });
    register(own.lanes, own.module, memory, 0, fieldBase, width, height);
    return fields.map((f, i) => {
      const view = new Float32Array(memory.buffer, fieldBase + 4 * n * i, n);
      view.set(f);
      return view;
    });
  } catch {
    return fields;
  }
}

/** Is f swept in place in a field memory (shared, or a one-thread run's own) by this thread's kernels? */
export function sweptInPlace(f: FieldArray): boolean {
  return inPlaceFor(f) !== undefined;
}

function inPlaceFor(f: FieldArray): InPlace | undefined {
  return f instanceof Float32Array ? inPlace.get(f.buffer) : undefined;
}

function setCoefficients(ip: InPlace, op: DiffusionOperator): void {
  const { k, L } = ip;
  k.f64.set(op.x.inv, L.xInv / 8);
  k.f64.set(op.x.cPrime, L.xCp / 8);
  k.f64.set(op.y.inv, L.yInv / 8);
  k.f64.set(op.y.cPrime, L.yCp / 8);
}

function inPlaceRows(ip: InPlace, f: Float32Array, op: DiffusionOperator, y0: number, y1: number): void {
  setCoefficients(ip, op);
  const pitch = pitchOf(f, op);
  wasmRowSweeps(ip.k, ip.L, op, f.byteOffset + 4 * y0 * pitch, pitch, y1 - y0);
}

function inPlaceColumns(ip: InPlace, f: Float32Array, op: DiffusionOperator, x0: number, x1: number): void {
  setCoefficients(ip, op);
  wasmColumnSweeps(ip.k, ip.L, op, f.byteOffset + 4 * x0, pitchOf(f, op), x1 - x0);
}

// ---------------------------------------------------------------------------------------------
// The solver's interface.
// ---------------------------------------------------------------------------------------------

/** The x-sweeps of rows [y0, y1): the row-strip half of a partitioned step. */
export function diffuseRows(f: FieldArray, op: DiffusionOperator, y0: number, y1: number): void {
  const ip = inPlaceFor(f);
  if (ip) {
    inPlaceRows(ip, f as Float32Array, op, y0, y1);
    return;
  }
  const k = f instanceof Float32Array ? activeKernels() : null;
  if (k && f instanceof Float32Array) wasmRows(k, f, op, y0, y1);
  else jsRows(f, op, y0, y1);
}

/** The y-sweep of columns [x0, x1): the column-block half of a partitioned step. */
export function diffuseColumns(f: FieldArray, op: DiffusionOperator, x0: number, x1: number): void {
  const ip = inPlaceFor(f);
  if (ip) {
    inPlaceColumns(ip, f as Float32Array, op, x0, x1);
    return;
  }
  const k = f instanceof Float32Array ? activeKernels() : null;
  if (k && f instanceof Float32Array) wasmColumns(k, f, op, x0, x1);
  else jsColumns(f, op, x0, x1);
}

/**
 * One full diffusion–decay step in place: every row, then every column. Each line's arithmetic does
 * not depend on how rows and columns are grouped, so strip- and block-partitioned runs give the same bits.
 */
export function diffuse(f: FieldArray, op: DiffusionOperator): void {
  const ip = inPlaceFor(f);
  if (ip) {
    inPlaceRows(ip, f as Float32Array, op, 0, op.height);
    inPlaceColumns(ip, f as Float32Array, op, 0, op.width);
    return;
  }
  const k = f instanceof Float32Array ? activeKernels() : null;
  if (k && f instanceof Float32Array) {
    wasmDiffuse(k, f, op);
    return;
  }
  jsRows(f, op, 0, op.height);
  jsColumns(f, op, 0, op.width);
}

/**
 * Point-wise implicit source/sink: dc/dt = P − L·c over dt, i.e. c ← (c + dt·P) / (1 + dt·L).
 * Exact steady state, unconditionally stable, keeps c ≥ 0 for P, L ≥ 0.
 */
export function applySourceSink(c: number, production: number, loss: number, dt: number): number {
  return (c + dt * production) / (1 + dt * loss);
}
