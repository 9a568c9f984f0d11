/**
 * A simulation's diffusible fields: their arrays, row pitch and memory, and the backend that sweeps
 * them, chosen once when the set is built — the JS line groups, the WebAssembly kernels on a copy
 * of each line group's field, or the kernels in place in a WebAssembly memory that holds the fields
 * (the run's own, or one shared by strip threads). Every backend gives the same bits.
 */
import type { TissueState } from "../lattice/state";
import { addIncrement } from "./field-step";
import { jsColumns, jsRows, LineScratch } from "./js-sweeps";
import { activeKernels, type WasmKernels } from "./kernels";
import { fieldIndex } from "./layout";
import { bindFieldMemory, type FieldMemory, fieldViews, type InPlace, ownFieldMemory } from "./memory-layout";
import type { DiffusionOperator } from "./scheme";
import { type SourceScratch, sourceScratch } from "./secretion";
import { inPlaceColumns, inPlaceRows, wasmColumns, wasmDiffuse, wasmRows } from "./wasm-sweeps";

export type FieldBackend =
  /** JavaScript line groups (no WebAssembly). */
  | { kind: "js" }
  /** WebAssembly kernels in their own memory: each sweep copies the field in and out. */
  | { kind: "copied"; kernels: WasmKernels }
  /** WebAssembly kernels instantiated on the memory that holds the fields: no copies. */
  | { kind: "in-place"; kernels: InPlace };

export class FieldSet {
  /** This thread's line-solve intermediates (JS backend). */
  readonly lineScratch = new LineScratch();
  /** This thread's working tables of the source/sink passes (secretion.ts). */
  readonly sources: SourceScratch = sourceScratch();

  constructor(
    readonly width: number,
    readonly height: number,
    /** Row length of every array (values): width, or more when rows are padded (layout.ts fieldPitch). */
    readonly pitch: number,
    /** One array of pitch × height values per field, in fields/registry order. */
    readonly arrays: Float32Array[],
    /**
     * INCREMENT_SLOTS arrays like the fields' for the corrections of field steps in flight
     * (field-step.ts): consecutive field steps alternate, so one field's column sweeps may overlap
     * the next field's sources and row sweeps in a partitioned step.
     */
    readonly increments: Float32Array[],
    readonly backend: FieldBackend,
  ) {
    if (increments.length !== INCREMENT_SLOTS) throw new Error(`field set: ${INCREMENT_SLOTS} increment arrays needed`);
    for (const a of [...arrays, ...increments])
      if (a.length !== pitch * height)
        throw new Error(`field set: a field of ${a.length} values does not fit ${pitch} × ${height}`);
  }

  /** Index in a field array of site k (y · width + x). */
  index(k: number): number {
    return fieldIndex(k, this.width, this.pitch);
  }

  /** Row y of field f (width values; a view, no copy). */
  row(f: number, y: number): Float32Array {
    return this.arrays[f]!.subarray(y * this.pitch, y * this.pitch + this.width);
  }

  /** The x-sweeps of rows [y0, y1) of increment `slot` (the correction of a field step). */
  relaxRows(slot: number, op: DiffusionOperator, y0: number, y1: number): void {
    this.sweepRows(this.increments[slot]!, op, y0, y1);
  }

  /** The y-sweeps of columns [x0, x1) of increment `slot`, then field f ← max(0, f + increment) there. */
  relaxColumns(f: number, slot: number, op: DiffusionOperator, x0: number, x1: number): void {
    const d = this.increments[slot]!;
    this.sweepColumns(d, op, x0, x1);
    addIncrement(this.arrays[f]!, d, this.pitch, this.height, x0, x1);
  }

  /** One full diffusion–decay step of field f: every row, then every column. */
  diffuse(f: number, op: DiffusionOperator): void {
    const a = this.arrays[f]!;
    const b = this.backend;
    if (b.kind === "in-place") {
      inPlaceRows(b.kernels, a, op, 0, op.height);
      inPlaceColumns(b.kernels, a, op, 0, op.width);
    } else if (b.kind === "copied") wasmDiffuse(b.kernels, a, op);
    else {
      jsRows(a, op, 0, op.height, this.lineScratch);
      jsColumns(a, op, 0, op.width, this.lineScratch);
    }
  }

  /** The x-sweeps of rows [y0, y1) of field f: the row-strip half of a partitioned step. */
  diffuseRows(f: number, op: DiffusionOperator, y0: number, y1: number): void {
    this.sweepRows(this.arrays[f]!, op, y0, y1);
  }

  private sweepRows(a: Float32Array, op: DiffusionOperator, y0: number, y1: number): void {
    const b = this.backend;
    if (b.kind === "in-place") inPlaceRows(b.kernels, a, op, y0, y1);
    else if (b.kind === "copied") wasmRows(b.kernels, a, op, y0, y1);
    else jsRows(a, op, y0, y1, this.lineScratch);
  }

  /** The y-sweeps of columns [x0, x1) of field f: the column-block half of a partitioned step. */
  diffuseColumns(f: number, op: DiffusionOperator, x0: number, x1: number): void {
    this.sweepColumns(this.arrays[f]!, op, x0, x1);
  }

  private sweepColumns(a: Float32Array, op: DiffusionOperator, x0: number, x1: number): void {
    const b = this.backend;
    if (b.kind === "in-place") inPlaceColumns(b.kernels, a, op, x0, x1);
    else if (b.kind === "copied") wasmColumns(b.kernels, a, op, x0, x1);
    else jsColumns(a, op, x0, x1, this.lineScratch);
  }
}

/** Increment arrays in a field set (see FieldSet.increments). */
export const INCREMENT_SLOTS = 2;

/** Zero increment arrays for fields of `length` values. */
function plainIncrements(length: number): Float32Array[] {
  return Array.from({ length: INCREMENT_SLOTS }, () => new Float32Array(length));
}

/** The backend for fields in plain arrays: the kernels in use on copies, or JS. */
function copiedBackend(): FieldBackend {
  const k = activeKernels();
  return k ? { kind: "copied", kernels: k } : { kind: "js" };
}

/**
 * Fields kept in the arrays given (plain or SharedArrayBuffer-backed), swept on copies or in JS;
 * increments given (shared by strip threads) or new.
 */
export function plainFieldSet(
  arrays: Float32Array[],
  width: number,
  height: number,
  increments?: Float32Array[],
): FieldSet {
  const pitch = arrays.length ? arrays[0]!.length / height : width;
  return new FieldSet(width, height, pitch, arrays, increments ?? plainIncrements(pitch * height), copiedBackend());
}

/**
 * Fields copied into a WebAssembly memory of their own and swept there in place, where the wasm
 * kernels are in use and the memory can be made; else the arrays given, as plainFieldSet.
 */
export function ownFieldSet(arrays: Float32Array[], width: number, height: number): FieldSet {
  const own = ownFieldMemory(arrays, INCREMENT_SLOTS, width, height);
  if (!own) return plainFieldSet(arrays, width, height);
  const n = arrays.length;
  return new FieldSet(width, height, own.views[0]!.length / height, own.views.slice(0, n), own.views.slice(n), {
    kind: "in-place",
    kernels: own.kernels,
  });
}

/**
 * The fields of a shared field memory as thread `thread` sees them: swept in place by this thread's
 * kernels, or on copies if they cannot be bound here (same bits). The memory holds `count` fields
 * then INCREMENT_SLOTS increments (createFieldMemory with count + INCREMENT_SLOTS arrays).
 */
export function sharedFieldSet(
  m: FieldMemory,
  width: number,
  height: number,
  pitch: number,
  count: number,
  thread: number,
): FieldSet {
  const kernels = bindFieldMemory(m, width, height, thread);
  const views = fieldViews(m, pitch, height, count + INCREMENT_SLOTS);
  return new FieldSet(
    width,
    height,
    pitch,
    views.slice(0, count),
    views.slice(count),
    kernels ? { kind: "in-place", kernels } : copiedBackend(),
  );
}

/** The tissue's fields moved to a memory of their own (ownFieldSet); t.fields become the set's arrays. */
export function ownTissueFields(t: TissueState): FieldSet {
  const set = ownFieldSet(t.fields, t.width, t.height);
  t.fields = set.arrays;
  return set;
}
