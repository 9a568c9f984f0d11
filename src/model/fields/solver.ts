/**
 * The solver on lone arrays: one diffusion–decay step of a field (scheme.ts), or its row or column
 * half, with the WebAssembly kernels on a copy (Float32Array) or the JS line groups (and any
 * Float64Array). A simulation's fields go through their FieldSet (field-set.ts), whose backend may
 * also sweep them in place. Every path gives the same bits.
 */
import { jsColumns, jsRows, jsWorkingBytes, LineScratch } from "./js-sweeps";
import { activeKernels } from "./kernels";
import { threadScratchBytes } from "./memory-layout";
import type { DiffusionOperator, FieldArray } from "./scheme";
import { wasmColumns, wasmDiffuse, wasmRows } from "./wasm-sweeps";

export { type FieldBackend, FieldSet, ownFieldSet, ownTissueFields, plainFieldSet, sharedFieldSet } from "./field-set";
export { type SolverKernels, solverKernels, useSolverKernels } from "./kernels";
export { createFieldMemory, type FieldMemory } from "./memory-layout";
export { LineScratch } from "./js-sweeps";
export { type AxisCoefficients, type DiffusionOperator, type FieldArray, makeDiffusionOperator } from "./scheme";

/**
 * Bytes the solver keeps for a width × height lattice beside the fields on the path in use: one
 * thread's coefficients and line scratch (wasm: fields swept in place), or line scratch (JS).
 */
export function solverWorkingBytes(width: number, height: number): number {
  if (activeKernels() === null) return jsWorkingBytes(width, height);
  return threadScratchBytes(width, height);
}

/** The x-sweeps of rows [y0, y1) of a lone array: the row-strip half of a partitioned step. */
export function diffuseRows(
  f: FieldArray,
  op: DiffusionOperator,
  y0: number,
  y1: number,
  scratch = new LineScratch(),
): void {
  const k = f instanceof Float32Array ? activeKernels() : null;
  if (k && f instanceof Float32Array) wasmRows(k, f, op, y0, y1);
  else jsRows(f, op, y0, y1, scratch);
}

/** The y-sweep of columns [x0, x1) of a lone array: the column-block half of a partitioned step. */
export function diffuseColumns(
  f: FieldArray,
  op: DiffusionOperator,
  x0: number,
  x1: number,
  scratch = new LineScratch(),
): void {
  const k = f instanceof Float32Array ? activeKernels() : null;
  if (k && f instanceof Float32Array) wasmColumns(k, f, op, x0, x1);
  else jsColumns(f, op, x0, x1, scratch);
}

/**
 * One full diffusion–decay step of a lone array in place: every row, then every column. Each line's
 * arithmetic does not depend on how rows and columns are grouped, so strip- and block-partitioned
 * runs give the same bits.
 */
export function diffuse(f: FieldArray, op: DiffusionOperator, scratch = new LineScratch()): void {
  const k = f instanceof Float32Array ? activeKernels() : null;
  if (k && f instanceof Float32Array) {
    wasmDiffuse(k, f, op);
    return;
  }
  jsRows(f, op, 0, op.height, scratch);
  jsColumns(f, op, 0, op.width, scratch);
}
