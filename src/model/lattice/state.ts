/**
 * The whole tissue state as structure-of-arrays typed arrays: one array per quantity, one entry per
 * site, index = y * width + x. Plain data: snapshots copy these arrays; the renderer reads them.
 * The diffusible fields are the field layer's (fields/layout.ts): the lattice holds their arrays,
 * whose rows may be longer (`pitch`), and copies them row by row, but knows nothing else of them.
 */
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
  /** Cell identity, part 1 (lattice/identity.ts): run step + 1 at which the cell arose; 0 = present at day 0. */
  born: Uint32Array;
  /** Cell identity, part 2: the site where it arose (high bit set when therapy placed it). */
  origin: Uint32Array;
  /** Diffusible fields: arrays of pitch × height values, allocated and read by the field layer (fields/layout.ts). */
  fields: Float32Array[];
  /** Row length of the field arrays (values): width, or more when the rows are padded (fields/layout.ts fieldPitch). */
  pitch: number;
}

/**
 * The arrays that hold state (what a snapshot must keep), declared once with their element type,
 * in the fixed order of hashes and snapshot files. Allocation and the snapshot format follow it.
 */
export const STATE_ARRAY_TYPES = {
  cell: Uint8Array,
  state: Uint8Array,
  vessel: Uint8Array,
  timer: Uint16Array,
  damage: Float32Array,
  collagen: Float32Array,
  crosslink: Float32Array,
  zone: Float32Array,
  centralAxis: Uint8Array,
  portalAxis: Uint8Array,
  born: Uint32Array,
  origin: Uint32Array,
} as const satisfies { [K in keyof TissueState]?: new (size: number) => TissueState[K] };
export type StateArrayName = keyof typeof STATE_ARRAY_TYPES;
export const STATE_ARRAYS = Object.keys(STATE_ARRAY_TYPES) as readonly StateArrayName[];

/** A tissue of empty state arrays; no fields until the field layer gives them (fields/layout.ts allocateFields). */
export function allocateTissue(width: number, height: number): TissueState {
  const size = width * height;
  const t = { width, height, size, pitch: width, fields: [] } as Partial<TissueState>;
  for (const name of STATE_ARRAYS) (t as Record<string, unknown>)[name] = new STATE_ARRAY_TYPES[name](size);
  return t as TissueState;
}

export function cloneTissue(t: TissueState): TissueState {
  const out = {
    width: t.width,
    height: t.height,
    size: t.size,
    pitch: t.pitch,
    fields: t.fields.map((f) => f.slice()),
  } as Partial<TissueState>;
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
    copyRows(f, dst.pitch, src.fields[i]!, src.pitch, src.width, src.height);
  });
}

/** Copies `height` rows of `width` values between arrays of row lengths srcPitch and dstPitch (one set when they are equal). */
export function copyRows(
  dst: Float32Array,
  dstPitch: number,
  src: Float32Array,
  srcPitch: number,
  width: number,
  height: number,
): void {
  if (dstPitch === srcPitch && dst.length === src.length) {
    dst.set(src);
    return;
  }
  for (let y = 0; y < height; y++) dst.set(src.subarray(y * srcPitch, y * srcPitch + width), y * dstPitch);
}
