/**
 * One RGBA image per frame: the tissue (palette.ts) with an optional field overlay blended over it
 * (colormaps.ts). Pure, so the page and an export can share it.
 */
import { type ColormapName, colormapLut, fieldRange, paintField } from "./colormaps";
import { paintTissue, type TissueArrays } from "./palette";

export interface Overlay {
  /** Index into FIELDS. */
  field: number;
  colormap: ColormapName;
  /** 0 … 1 */
  opacity: number;
}

export interface FrameArrays extends TissueArrays {
  fields: Record<number, Float32Array>;
}

const luts = new Map<ColormapName, Uint8Array>();
export function lutOf(name: ColormapName): Uint8Array {
  let lut = luts.get(name);
  if (!lut) {
    lut = colormapLut(name);
    luts.set(name, lut);
  }
  return lut;
}

/**
 * Paints `frame` into `out` (width × height × 4 bytes). Returns the overlay's value range, or null
 * when no overlay was drawn (none asked, or the frame lacks that field).
 */
export function paintFrame(frame: FrameArrays, overlay: Overlay | null, out: Uint8Array): [number, number] | null {
  paintTissue(frame, out);
  if (!overlay) return null;
  const values = frame.fields[overlay.field];
  if (!values) return null;
  const range = fieldRange(values);
  paintField(values, range[0], range[1], lutOf(overlay.colormap), overlay.opacity, out);
  return range;
}
