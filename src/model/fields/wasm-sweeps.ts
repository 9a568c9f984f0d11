/**
 * Calls of the WebAssembly kernels on a field: copied into the kernels' own memory and back, or in
 * place where the field lives in a field memory bound to this thread's kernels (memory-layout.ts).
 */

import { WASM_COLUMN_GROUP, WASM_ROW_GROUP, type WasmKernels } from "./kernels";
import { type InPlace, type Layout, wasmLayout } from "./memory-layout";
import { type DiffusionOperator, pitchOf } from "./scheme";

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
function wasmRowSweeps(
  k: WasmKernels,
  L: Layout,
  op: DiffusionOperator,
  at: number,
  pitch: number,
  rows: number,
): void {
  const w = op.width;
  const rowBytes = 4 * pitch;
  let j = 0;
  for (; j + WASM_ROW_GROUP <= rows; j += WASM_ROW_GROUP)
    k.rowGroup(at + j * rowBytes, rowBytes, w, L.xInv, L.xCp, op.x.r, L.d);
  for (; j < rows; j++) k.row(at + j * rowBytes, rowBytes, w, L.xInv, L.xCp, op.x.r, L.d);
}

/** y-sweeps of `columns` columns of a grid `pitch` values wide stored from byte `at`. */
function wasmColumnSweeps(
  k: WasmKernels,
  L: Layout,
  op: DiffusionOperator,
  at: number,
  pitch: number,
  columns: number,
): void {
  const rowBytes = 4 * pitch;
  let i = 0;
  for (; i + WASM_COLUMN_GROUP <= columns; i += WASM_COLUMN_GROUP)
    k.columnGroup(at + 4 * i, rowBytes, op.height, L.yInv, L.yCp, op.y.r, L.d);
  for (; i < columns; i++) k.column(at + 4 * i, rowBytes, op.height, L.yInv, L.yCp, op.y.r, L.d);
}

export function wasmDiffuse(k: WasmKernels, f: Float32Array, op: DiffusionOperator): void {
  const L = prepare(k, op, f.length);
  let view = k.fieldView;
  if (view.buffer !== k.memory.buffer || view.byteOffset !== L.field || view.length !== f.length)
    view = k.fieldView = new Float32Array(k.memory.buffer, L.field, f.length);
  view.set(f);
  const pitch = pitchOf(f, op);
  wasmRowSweeps(k, L, op, L.field, pitch, op.height);
  wasmColumnSweeps(k, L, op, L.field, pitch, op.width);
  f.set(view);
}

/** A strip of rows (partitioned runs): two small views per call, the price of one memcpy each way. */
export function wasmRows(k: WasmKernels, f: Float32Array, op: DiffusionOperator, y0: number, y1: number): void {
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
export function wasmColumns(k: WasmKernels, f: Float32Array, op: DiffusionOperator, x0: number, x1: number): void {
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

function setCoefficients(ip: InPlace, op: DiffusionOperator): void {
  const { k, L } = ip;
  k.f64.set(op.x.inv, L.xInv / 8);
  k.f64.set(op.x.cPrime, L.xCp / 8);
  k.f64.set(op.y.inv, L.yInv / 8);
  k.f64.set(op.y.cPrime, L.yCp / 8);
}

export function inPlaceRows(ip: InPlace, f: Float32Array, op: DiffusionOperator, y0: number, y1: number): void {
  setCoefficients(ip, op);
  const pitch = pitchOf(f, op);
  wasmRowSweeps(ip.k, ip.L, op, f.byteOffset + 4 * y0 * pitch, pitch, y1 - y0);
}

export function inPlaceColumns(ip: InPlace, f: Float32Array, op: DiffusionOperator, x0: number, x1: number): void {
  setCoefficients(ip, op);
  wasmColumnSweeps(ip.k, ip.L, op, f.byteOffset + 4 * x0, pitchOf(f, op), x1 - x0);
}
