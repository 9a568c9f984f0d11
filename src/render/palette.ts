/**
 * Colours of the tissue view, as a pure function from lattice arrays to RGBA bytes (used by the
 * Pixi texture in the page and by PNG export in Node). Picrosirius-red convention: collagen red on
 * a yellow-tan parenchyma. Cell colours follow the Okabe–Ito colour-blind-safe palette.
 */
import { Cell, HepState, HscState, KupState, Vessel } from "../model/lattice/codes";

export type RGB = readonly [number, number, number];

export const COLOURS = {
  empty: [246, 241, 230],
  hepatocyte: [236, 214, 150],
  hepatocyteDamaged: [150, 110, 50],
  hepatocyteCycling: [150, 210, 120],
  hepatocyteSenescent: [190, 180, 160],
  hscQuiescent: [86, 180, 233],
  hscActivated: [230, 159, 0],
  kupfferM0: [200, 170, 200],
  kupfferM1: [204, 121, 167],
  kupfferM2: [0, 114, 178],
  msc: [0, 0, 0],
  sinusoid: [255, 255, 255],
  capillarised: [175, 185, 200],
  centralVein: [40, 60, 140],
  portalTract: [0, 158, 115],
  collagen: [192, 24, 42],
  collagenCrosslinked: [110, 10, 25],
} as const satisfies Record<string, RGB>;

/** Legend entries, in display order (text lives here once; the UI and PNG export reuse it). */
export const LEGEND: { key: keyof typeof COLOURS; label: string }[] = [
  { key: "hepatocyte", label: "Hepatocyte" },
  { key: "hepatocyteDamaged", label: "Damaged hepatocyte" },
  { key: "hepatocyteCycling", label: "Dividing hepatocyte" },
  { key: "hepatocyteSenescent", label: "Senescent hepatocyte" },
  { key: "hscQuiescent", label: "Quiescent stellate cell" },
  { key: "hscActivated", label: "Activated stellate cell" },
  { key: "kupfferM1", label: "Kupffer cell M1 (inflammatory)" },
  { key: "kupfferM2", label: "Kupffer cell M2 (restorative)" },
  { key: "kupfferM0", label: "Kupffer cell (resting)" },
  { key: "msc", label: "MSC" },
  { key: "sinusoid", label: "Sinusoid" },
  { key: "capillarised", label: "Capillarised sinusoid" },
  { key: "centralVein", label: "Central vein" },
  { key: "portalTract", label: "Portal tract" },
  { key: "collagen", label: "Collagen (Sirius red)" },
  { key: "collagenCrosslinked", label: "Cross-linked collagen" },
  { key: "empty", label: "Free space" },
];

export interface TissueArrays {
  width: number;
  height: number;
  cell: Uint8Array;
  state: Uint8Array;
  vessel: Uint8Array;
  damage: Float32Array;
  collagen: Float32Array;
  crosslink: Float32Array;
}

function baseColour(cell: number, state: number, vessel: number, damage: number): RGB {
  switch (cell) {
    case Cell.hepatocyte: {
      if (state === HepState.cycling) return COLOURS.hepatocyteCycling;
      if (state === HepState.senescent) return COLOURS.hepatocyteSenescent;
      if (damage <= 0.05) return COLOURS.hepatocyte;
      const a = Math.min(1, damage * 1.5);
      const h = COLOURS.hepatocyte;
      const d = COLOURS.hepatocyteDamaged;
      return [h[0] + (d[0] - h[0]) * a, h[1] + (d[1] - h[1]) * a, h[2] + (d[2] - h[2]) * a];
    }
    case Cell.stellate:
      return state === HscState.activated ? COLOURS.hscActivated : COLOURS.hscQuiescent;
    case Cell.kupffer:
      return state === KupState.m1 ? COLOURS.kupfferM1 : state === KupState.m2 ? COLOURS.kupfferM2 : COLOURS.kupfferM0;
    case Cell.msc:
      return COLOURS.msc;
  }
  switch (vessel) {
    case Vessel.sinusoid:
      return COLOURS.sinusoid;
    case Vessel.capillarised:
      return COLOURS.capillarised;
    case Vessel.centralVein:
      return COLOURS.centralVein;
    case Vessel.portalTract:
      return COLOURS.portalTract;
  }
  return COLOURS.empty;
}

/** Writes width×height RGBA pixels. Collagen tints non-vessel sites red in proportion to density. */
export function paintTissue(t: TissueArrays, out: Uint8Array | Uint8ClampedArray): void {
  const n = t.width * t.height;
  for (let k = 0; k < n; k++) {
    const v = t.vessel[k]!;
    const c = t.cell[k]!;
    const rgb = baseColour(c, t.state[k]!, v, t.damage[k]!);
    let r = rgb[0];
    let g = rgb[1];
    let b = rgb[2];
    const col = t.collagen[k]!;
    if (col > 0.02 && v !== Vessel.centralVein && v !== Vessel.portalTract && c !== Cell.msc) {
      const x = t.crosslink[k]!;
      const cr = COLOURS.collagen[0] + (COLOURS.collagenCrosslinked[0] - COLOURS.collagen[0]) * x;
      const cg = COLOURS.collagen[1] + (COLOURS.collagenCrosslinked[1] - COLOURS.collagen[1]) * x;
      const cb = COLOURS.collagen[2] + (COLOURS.collagenCrosslinked[2] - COLOURS.collagen[2]) * x;
      // Cells stay visible under collagen: at most 85 % tint.
      const a = Math.min(0.85, col);
      r += (cr - r) * a;
      g += (cg - g) * a;
      b += (cb - b) * a;
    }
    const o = k * 4;
    out[o] = r;
    out[o + 1] = g;
    out[o + 2] = b;
    out[o + 3] = 255;
  }
}
