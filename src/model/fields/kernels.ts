/**
 * WebAssembly line-group kernels for Float32Array fields, assembled from a few opcodes
 * (wasm-assembler.ts) rather than shipped as a binary, so they stay readable and reviewable (≈3 kB).
 * With 128-bit SIMD, two lines share a register (f64x2); where SIMD is missing the same kernels are
 * built with one line per register. Also: loading them, and which Float32Array path is in use.
 */
import {
  ARITH,
  type Bytes,
  F64X2_SPLAT,
  f32Load,
  f32Store,
  f64Load,
  f64Store,
  get,
  I32_ADD,
  I32_GE_S,
  I32_LT_S,
  I32_SHL,
  I32_SUB,
  i32,
  leb,
  name,
  section,
  set,
  T_F64,
  T_I32,
  tee,
  v128Load,
  v128Load32Lane,
  v128Load32Zero,
  v128Load64Zero,
  v128Store,
  v128Store32Lane,
  v128Store64Lane,
  vec,
  whileNot,
} from "./wasm-assembler";

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
  const lineAt = (k: number, atI: boolean): Bytes =>
    atI ? [...get(rowStart[k]!), ...get(i), ...I32_ADD] : get(rowStart[k]!);
  const load = (v: number, atI: boolean): Bytes => {
    if (!rows)
      return lanes === 1
        ? [...get(base), ...f32Load(4 * v), ...A.promote]
        : [...get(base), ...v128Load64Zero(8 * v), ...A.promote];
    if (lanes === 1) return [...lineAt(v, atI), ...f32Load(0), ...A.promote];
    return [
      ...lineAt(2 * v + 1, atI),
      ...lineAt(2 * v, atI),
      ...v128Load32Zero(0),
      ...v128Load32Lane(0, 1),
      ...A.promote,
    ];
  };
  /** Stores p[v], rounded to float32, at element i (or at the address `at` gives for a line). */
  const store = (v: number, at: (k: number) => Bytes): Bytes => {
    if (!rows)
      return lanes === 1
        ? [...get(base), ...get(p[v]!), ...A.demote, ...f32Store(4 * v)]
        : [...get(base), ...get(p[v]!), ...A.demote, ...v128Store64Lane(8 * v, 0)];
    if (lanes === 1) return [...at(v), ...get(p[v]!), ...A.demote, ...f32Store(0)];
    return [
      ...get(p[v]!),
      ...A.demote,
      ...set(tmp),
      ...at(2 * v),
      ...get(tmp),
      ...v128Store32Lane(0, 0),
      ...at(2 * v + 1),
      ...get(tmp),
      ...v128Store32Lane(0, 1),
    ];
  };
  const loadD = (v: number): Bytes => (lanes === 1 ? f64Load(8 * v) : v128Load(16 * v));
  const storeD = (v: number): Bytes => (lanes === 1 ? f64Store(8 * v) : v128Store(16 * v));
  const coefficient = (ptr: number): Bytes => [
    ...get(ptr),
    ...f64Load(0),
    ...(lanes === 2 ? F64X2_SPLAT : []),
    ...set(s),
  ];

  const code: Bytes = [];
  for (let k = 1; k < rowStart.length; k++)
    code.push(...get(rowStart[k - 1]!), ...get(stride), ...I32_ADD, ...set(rowStart[k]!));
  code.push(...get(r), ...(lanes === 2 ? F64X2_SPLAT : []), ...set(rv), ...coefficient(inv));
  for (let v = 0; v < vectors; v++)
    code.push(...get(d), ...load(v, false), ...get(s), ...A.mul, ...tee(p[v]!), ...storeD(v));
  // forward elimination, elements 1 … n−1
  code.push(...i32(step), ...set(i), ...get(n), ...(rows ? [...i32(2), ...I32_SHL] : []), ...set(end));
  code.push(...get(inv), ...i32(8), ...I32_ADD, ...set(ip), ...get(d), ...i32(8 * lines), ...I32_ADD, ...set(dp));
  const forward: Bytes = rows ? [] : [...get(base), ...get(stride), ...I32_ADD, ...set(base)];
  forward.push(...coefficient(ip));
  for (let v = 0; v < vectors; v++)
    forward.push(
      ...get(dp),
      ...load(v, true),
      ...get(rv),
      ...get(p[v]!),
      ...A.mul,
      ...A.add,
      ...get(s),
      ...A.mul,
      ...tee(p[v]!),
      ...storeD(v),
    );
  forward.push(
    ...get(i),
    ...i32(step),
    ...I32_ADD,
    ...set(i),
    ...get(ip),
    ...i32(8),
    ...I32_ADD,
    ...set(ip),
    ...get(dp),
    ...i32(8 * lines),
    ...I32_ADD,
    ...set(dp),
  );
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
  back.push(
    ...get(i),
    ...i32(step),
    ...I32_SUB,
    ...set(i),
    ...get(ip),
    ...i32(8),
    ...I32_SUB,
    ...set(ip),
    ...get(dp),
    ...i32(8 * lines),
    ...I32_SUB,
    ...set(dp),
  );
  code.push(...whileNot([...get(i), ...i32(0), ...I32_LT_S], back), 0x0b);
  const body = [
    ...vec([
      [...leb(i32Locals), T_I32],
      [...leb(vecLocals), A.type],
    ]),
    ...code,
  ];
  return [...leb(body.length), ...body];
}

/** Rows side by side, and adjacent columns per y-sweep group (16 × 4 bytes = one cache line). */
export const WASM_ROW_GROUP = 8;
export const WASM_COLUMN_GROUP = 16;
const KERNEL_NAMES = ["rowGroup", "row", "columnGroup", "column"] as const;

/** Limits of the imported memory: its own growable memory (min 1 page), or a shared one of fixed size. */
function memoryImport(sharedPages: number): Bytes {
  return sharedPages > 0 ? [0x03, ...leb(sharedPages), ...leb(sharedPages)] : [0x00, ...leb(1)];
}

export function kernelModuleBytes(lanes: 1 | 2, sharedPages = 0): Uint8Array {
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

export type Kernel = (
  base: number,
  stride: number,
  n: number,
  inv: number,
  cPrime: number,
  r: number,
  d: number,
) => void;
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** The slice of the WebAssembly JS API used here (the model's tsconfig has no DOM or Node lib). */
export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

export interface WasmKernels {
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
    return instantiateKernels(lanes, new api.Module(kernelModuleBytes(lanes)), memory);
  } catch {
    // No SIMD, or WebAssembly refused (e.g. a page CSP without wasm-unsafe-eval).
    return null;
  }
}

/**
 * The one module-level cache of the field layer (test/architecture.test.ts allows it and no other):
 * compiled code, loaded on first use (undefined = not tried yet, null = unavailable), and the path
 * chosen for the process. It holds no simulation's state: the kernels' own memory is scratch within
 * one sweep call (a field is copied in and back out), and runs keep their fields in a FieldSet.
 */
const loaded: { 1?: WasmKernels | null; 2?: WasmKernels | null } = {};
let preferred: SolverKernels = "simd";
let kernels: WasmKernels | null | undefined;

function kernelsFor(lanes: 1 | 2): WasmKernels | null {
  if (loaded[lanes] === undefined) loaded[lanes] = loadKernels(lanes);
  return loaded[lanes]!;
}

export function activeKernels(): WasmKernels | null {
  if (kernels === undefined)
    kernels = preferred === "js" ? null : preferred === "simd" ? (kernelsFor(2) ?? kernelsFor(1)) : kernelsFor(1);
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

/** The Float32Array path in use. */
export function solverKernels(): SolverKernels {
  const k = activeKernels();
  return k === null ? "js" : k.lanes === 2 ? "simd" : "scalar";
}

/** Instantiates compiled kernels on `memory` (their own, or a field memory). */
export function instantiateKernels(lanes: 1 | 2, module: object, memory: WasmMemory): WasmKernels {
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { exports } = new api.Instance(module, { env: { memory } });
  const k = exports as unknown as Record<(typeof KERNEL_NAMES)[number], Kernel>;
  const f32 = new Float32Array(memory.buffer);
  return { lanes, module, memory, ...k, f32, f64: new Float64Array(memory.buffer), fieldView: f32 };
}
