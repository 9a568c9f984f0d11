/**
 * One RGBA image per frame: the tissue (palette.ts) with an optional field overlay blended over it
 * (colormaps.ts). Pure, so the page and an export can share it.
 */
import { type ColormapName, colormapLut, fieldRange, paintField } from "./colormaps";
import { COLOURS, paintTissue, type RGB, type TissueArrays } from "./palette";

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
 * when no overlay was drawn (none asked, or the frame lacks that field). `range` fixes the colour
 * scale (side-by-side panes share one, so equal colours mean equal values); by default it is the
 * frame's own. `palette` is the stain's (stains.ts); the schematic colours by default.
 */
export function paintFrame(
  frame: FrameArrays,
  overlay: Overlay | null,
  out: Uint8Array,
  range?: [number, number],
  palette: Record<keyof typeof COLOURS, RGB> = COLOURS,
): [number, number] | null {
  paintTissue(frame, out, palette);
  if (!overlay) return null;
  const values = frame.fields[overlay.field];
  if (!values) return null;
  range ??= fieldRange(values);
  paintField(values, range[0], range[1], lutOf(overlay.colormap), overlay.opacity, out);
  return range;
}

/** One colour scale for several frames: the range over all of them (null if none carries the field). */
export function sharedRange(frames: FrameArrays[], field: number): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const f of frames) {
    const values = f.fields[field];
    if (!values) continue;
    const [a, b] = fieldRange(values);
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return Number.isFinite(lo) ? [lo, hi] : null;
}
