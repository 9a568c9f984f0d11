/**
 * Perceptually uniform, colour-blind-safe colour maps for field overlays (viridis and cividis,
 * sampled at 9 stops from matplotlib's published tables and interpolated linearly).
 */
import type { RGB } from "./palette";

const VIRIDIS: RGB[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];
const CIVIDIS: RGB[] = [
  [0, 34, 78],
  [18, 53, 112],
  [59, 73, 108],
  [87, 93, 109],
  [112, 113, 115],
  [138, 134, 120],
  [166, 157, 117],
  [197, 181, 103],
  [253, 234, 69],
];

export const COLORMAPS = { viridis: VIRIDIS, cividis: CIVIDIS } as const;
export type ColormapName = keyof typeof COLORMAPS;

/** Colour for t in [0, 1]. */
export function sampleColormap(name: ColormapName, t: number): RGB {
  const stops = COLORMAPS[name];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** 256-entry lookup table (RGB bytes) for fast painting. */
export function colormapLut(name: ColormapName): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = sampleColormap(name, i / 255);
    lut[i * 3] = c[0];
    lut[i * 3 + 1] = c[1];
    lut[i * 3 + 2] = c[2];
  }
  return lut;
}

/** Range of a field for the legend: [min, max] over all sites (max > min guaranteed). */
export function fieldRange(values: Float32Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi - lo < 1e-12) hi = lo + 1e-12;
  return [lo, hi];
}

/**
 * Paints a field over the tissue pixels in `out` with opacity `alpha` (0–1), scaled to [lo, hi].
 */
export function paintField(
  values: Float32Array,
  lo: number,
  hi: number,
  lut: Uint8Array,
  alpha: number,
  out: Uint8Array | Uint8ClampedArray,
): void {
  const scale = 255 / (hi - lo);
  for (let k = 0; k < values.length; k++) {
    let i = ((values[k]! - lo) * scale) | 0;
    if (i < 0) i = 0;
    else if (i > 255) i = 255;
    const o = k * 4;
    out[o] = out[o]! + (lut[i * 3]! - out[o]!) * alpha;
    out[o + 1] = out[o + 1]! + (lut[i * 3 + 1]! - out[o + 1]!) * alpha;
    out[o + 2] = out[o + 2]! + (lut[i * 3 + 2]! - out[o + 2]!) * alpha;
  }
}
