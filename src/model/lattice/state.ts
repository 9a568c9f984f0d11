/**
 * The whole tissue state as structure-of-arrays typed arrays: one array per quantity, one entry per
 * site, index = y * width + x. Plain data: snapshots copy these arrays; the renderer reads them.
 * The diffusible fields alone may have longer rows (`pitch`, see fieldPitch): their value at site
 * k is at fieldIndex(k); hashes, snapshots and frames read the logical values (logicalField).
 */
import { FIELD_COUNT } from "../fields/registry";

export interface Lattice {
  readonly width: number;
  readonly height: number;
  readonly size: number;
}

export interface TissueState extends Lattice {
  /** Agent code (lattice/codes Cell). */
  cell: Uint8Array;
  /** Agent state (meaning per agent). */
  state: Uint8Array;
  /** Vascular structure (lattice/codes Vessel). */
  vessel: Uint8Array;
  /** Hours spent in the current state (cell-cycle progress, MSC age); saturates at 65535. */
  timer: Uint16Array;
  /** Hepatocyte damage 0..1 (0 elsewhere). */
  damage: Float32Array;
  /** Collagen (ECM) density 0..1; does not diffuse. */
  collagen: Float32Array;
  /** Fraction of the collagen that is cross-linked, 0..1. */
  crosslink: Float32Array;
  /** Zonation coordinate: 0 periportal … 1 pericentral; fixed by the tissue generator. */
  zone: Float32Array;
  /** Closeness (0–255) to the axis joining two neighbouring central veins: where central–central septa form. */
  centralAxis: Uint8Array;
  /** Closeness (0–255) to the lobule boundary joining portal tracts: where portal–portal septa form. */
  portalAxis: Uint8Array;
  /** Diffusible fields, FIELD_COUNT arrays of pitch × height values in fields/registry order (normalised a.u.). */
  fields: Float32Array[];
  /** Row length of the field arrays (values): width, or more when the rows are padded (fieldPitch). */
  pitch: number;
}

/** Arrays that hold state (what a snapshot must keep), in a fixed order. */
export const STATE_ARRAYS = ["cell", "state", "vessel", "timer", "damage", "collagen", "crosslink", "zone", "centralAxis", "portalAxis"] as const;
export type StateArrayName = (typeof STATE_ARRAYS)[number];

/** Values added to each field row when rows are padded: 64 bytes, so 16-column groups stay cache-line aligned. */
export const FIELD_ROW_PAD = 16;

/**
 * Row length of a lattice's fields. Rows of a multiple of 1 KiB from 1024 sites wide are padded:
 * with 4 KiB rows the y-sweep's lines all fall in a few cache sets and a column group is evicted
 * between its forward and backward pass (1024² swept 7–49 % slower than 1040 × 1024; 256 and 512
 * wide differ by ≤ 3 %). Padding never changes a value: each line's arithmetic is the same.
 */
export function fieldPitch(width: number): number {
  return width >= 1024 && width % 256 === 0 ? width + FIELD_ROW_PAD : width;
}

/** Index in a field of pitch `pitch` of site k of a lattice `width` wide. */
export function fieldIndex(k: number, width: number, pitch: number): number {
  return pitch === width ? k : k + ((k / width) | 0) * (pitch - width);
}

export function allocateTissue(width: number, height: number, pitch = fieldPitch(width)): TissueState {
  const size = width * height;
  return {
    width,
    height,
    size,
    pitch,
    cell: new Uint8Array(size),
    state: new Uint8Array(size),
    vessel: new Uint8Array(size),
    timer: new Uint16Array(size),
    damage: new Float32Array(size),
    collagen: new Float32Array(size),
    crosslink: new Float32Array(size),
    zone: new Float32Array(size),
    centralAxis: new Uint8Array(size),
    portalAxis: new Uint8Array(size),
    fields: Array.from({ length: FIELD_COUNT }, () => new Float32Array(pitch * height)),
  };
}

export function cloneTissue(t: TissueState): TissueState {
  const out = { width: t.width, height: t.height, size: t.size, pitch: t.pitch, fields: t.fields.map((f) => f.slice()) } as Partial<TissueState>;
  for (const name of STATE_ARRAYS) (out as Record<string, unknown>)[name] = t[name].slice();
  return out as TissueState;
}

/** Bytes held per site by the state arrays (the bench adds engine scratch). */
export function stateBytesPerSite(t: TissueState): number {
  let bytes = 0;
  for (const name of STATE_ARRAYS) bytes += t[name].byteLength;
  for (const f of t.fields) bytes += f.byteLength;
  return bytes / t.size;
}

/** Copies every array of `src` into the (same-sized) arrays of `dst`, keeping dst's buffers (which may be shared) and pitch. */
export function copyTissueInto(dst: TissueState, src: TissueState): void {
  for (const name of STATE_ARRAYS) (dst[name] as Uint8Array).set(src[name] as Uint8Array);
  dst.fields.forEach((f, i) => {
    copyFieldRows(f, dst.pitch, src.fields[i]!, src.pitch, src.width, src.height);
  });
}

/** Copies a field row by row between pitches (one set when they are equal). */
export function copyFieldRows(dst: Float32Array, dstPitch: number, src: Float32Array, srcPitch: number, width: number, height: number): void {
  if (dstPitch === srcPitch && dst.length === src.length) {
    dst.set(src);
    return;
  }
  for (let y = 0; y < height; y++) dst.set(src.subarray(y * srcPitch, y * srcPitch + width), y * dstPitch);
}

/** Field f's values in site order (width × height, no padding): the array itself when rows are not padded. */
export function logicalField(t: TissueState, f: number): Float32Array {
  const a = t.fields[f]!;
  if (t.pitch === t.width) return a;
  const out = new Float32Array(t.size);
  copyFieldRows(out, t.width, a, t.pitch, t.width, t.height);
  return out;
}

/** Gives t's fields row length `pitch` (new arrays; values unchanged, padding 0). */
export function setFieldPitch(t: TissueState, pitch: number): void {
  if (!(Number.isInteger(pitch) && pitch >= t.width)) throw new Error(`field pitch ${pitch} is below the lattice width ${t.width}`);
  if (pitch === t.pitch) return;
  t.fields = t.fields.map((f) => {
    const out = new Float32Array(pitch * t.height);
    copyFieldRows(out, pitch, f, t.pitch, t.width, t.height);
    return out;
  });
  t.pitch = pitch;
}
