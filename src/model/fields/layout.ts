/**
 * How the fields lie in memory: FIELD_COUNT arrays of `pitch` × height values, the first width
 * values of each row being the lattice's (padding never changes a value), and how to read them in
 * site order (hashes, snapshots and frames do).
 */
import { copyRows, type TissueState } from "../lattice/state";
import { FIELD_COUNT } from "./registry";

/** Values added to each field row when rows are padded: 64 bytes, so 16-column groups stay cache-line aligned. */
export const FIELD_ROW_PAD = 16;

/**
 * Row length of a lattice's fields. Rows of a multiple of 1 KiB from 1024 sites wide are padded:
 * with 4 KiB rows the y-sweep's lines all fall in a few cache sets and a column group is evicted
 * between its forward and backward pass (the bench's "unpadded" row measures it; README, Engine
 * speed). Padding never changes a value: each line's arithmetic is the same.
 */
export function fieldPitch(width: number): number {
  return width >= 1024 && width % 256 === 0 ? width + FIELD_ROW_PAD : width;
}

/** Index in a field of pitch `pitch` of site k of a lattice `width` wide. */
export function fieldIndex(k: number, width: number, pitch: number): number {
  return pitch === width ? k : k + ((k / width) | 0) * (pitch - width);
}

/** Gives a tissue its fields: FIELD_COUNT zero arrays of fieldPitch(width) × height values. */
export function allocateFields(t: TissueState, pitch = fieldPitch(t.width)): void {
  t.pitch = pitch;
  t.fields = Array.from({ length: FIELD_COUNT }, () => new Float32Array(pitch * t.height));
}

/** Copies a field row by row between pitches (one set when they are equal). */
export const copyFieldRows = copyRows;

/** Field f's values in site order (width × height, no padding): the array itself when rows are not padded. */
export function logicalField(t: TissueState, f: number): Float32Array {
  const a = t.fields[f]!;
  if (t.pitch === t.width) return a;
  const out = new Float32Array(t.size);
  copyRows(out, t.width, a, t.pitch, t.width, t.height);
  return out;
}

/** Gives t's fields row length `pitch` (new arrays; values unchanged, padding 0). */
export function setFieldPitch(t: TissueState, pitch: number): void {
  if (!(Number.isInteger(pitch) && pitch >= t.width))
    throw new Error(`field pitch ${pitch} is below the lattice width ${t.width}`);
  if (pitch === t.pitch) return;
  t.fields = t.fields.map((f) => {
    const out = new Float32Array(pitch * t.height);
    copyRows(out, pitch, f, t.pitch, t.width, t.height);
    return out;
  });
  t.pitch = pitch;
}
