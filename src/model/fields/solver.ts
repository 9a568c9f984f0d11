/**
 * The solver's interface: one diffusion–decay step of a field (scheme.ts), or its row or column
 * half for partitioned runs, on the path the field's storage allows — in place in a field memory,
 * the WebAssembly kernels on a copy, or the JS line groups. Every path gives the same bits.
 */
import { jsColumns, jsRows, jsWorkingBytes } from "./js-sweeps";
import { activeKernels } from "./kernels";
import { inPlaceFor, threadScratchBytes } from "./memory-layout";
import type { DiffusionOperator, FieldArray } from "./scheme";
import { inPlaceColumns, inPlaceRows, wasmColumns, wasmDiffuse, wasmRows } from "./wasm-sweeps";

export { type SolverKernels, solverKernels, useSolverKernels } from "./kernels";
export { bindFieldMemory, createFieldMemory, type FieldMemory, fieldViews, ownFieldMemory, sweptInPlace } from "./memory-layout";
export { type AxisCoefficients, applySourceSink, type DiffusionOperator, type FieldArray, makeDiffusionOperator } from "./scheme";

/**
 * Bytes the solver keeps for a width × height lattice beside the fields on the path in use: one
 * thread's coefficients and line scratch (wasm: fields swept in place), or line scratch (JS).
 */
export function solverWorkingBytes(width: number, height: number): number {
  if (activeKernels() === null) return jsWorkingBytes(width, height);
  return threadScratchBytes(width, height);
}

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

