/**
 * The whole tissue state as structure-of-arrays typed arrays: one array per quantity, one entry per
 * site, index = y * width + x. Plain data: snapshots copy these arrays; the renderer reads them.
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
  /** Diffusible fields, FIELD_COUNT arrays in fields/registry order (normalised a.u.). */
  fields: Float32Array[];
}

/** Arrays that hold state (what a snapshot must keep), in a fixed order. */
export const STATE_ARRAYS = ["cell", "state", "vessel", "timer", "damage", "collagen", "crosslink", "zone", "centralAxis", "portalAxis"] as const;
export type StateArrayName = (typeof STATE_ARRAYS)[number];

export function allocateTissue(width: number, height: number): TissueState {
  const size = width * height;
  return {
    width,
    height,
    size,
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
    fields: Array.from({ length: FIELD_COUNT }, () => new Float32Array(size)),
  };
}

export function cloneTissue(t: TissueState): TissueState {
  const out = { width: t.width, height: t.height, size: t.size, fields: t.fields.map((f) => f.slice()) } as Partial<TissueState>;
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

/** Copies every array of `src` into the (same-sized) arrays of `dst`, keeping dst's buffers (which may be shared). */
export function copyTissueInto(dst: TissueState, src: TissueState): void {
  for (const name of STATE_ARRAYS) (dst[name] as Uint8Array).set(src[name] as Uint8Array);
  dst.fields.forEach((f, i) => {
    f.set(src.fields[i]!);
  });
}
