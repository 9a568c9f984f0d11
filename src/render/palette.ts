/**
 * Colours of the tissue view, as a pure function from lattice arrays to RGBA bytes (used by the
 * Pixi texture in the page and by PNG export in Node). Picrosirius-red convention: collagen red on
 * a yellow-tan parenchyma. Cell colours started from the Okabe–Ito palette and were adjusted so
 * every pair of legend colours stays apart (CIEDE2000 ≥ 10) for normal vision, deuteranopia and
 * protanopia — checked by a test with colour-vision.ts; docs/teachers.md reports the numbers.
 */
import { Cell, HepState, HscState, KIND_COUNT, KupState, kindOf, Vessel } from "../model/lattice/codes";

export type RGB = readonly [number, number, number];

export const COLOURS = {
  empty: [252, 248, 220],
  hepatocyte: [236, 214, 150],
  hepatocyteDamaged: [190, 120, 70],
  hepatocyteCycling: [30, 110, 80],
  hepatocyteSenescent: [199, 195, 195],
  hscQuiescent: [90, 165, 240],
  hscActivated: [250, 180, 0],
  kupfferM0: [135, 115, 165],
  kupfferM1: [212, 17, 130],
  kupfferM2: [0, 80, 230],
  msc: [0, 0, 0],
  sinusoid: [255, 255, 255],
  capillarised: [100, 190, 215],
  centralVein: [0, 10, 110],
  portalTract: [60, 90, 90],
  collagen: [192, 24, 42],
  collagenCrosslinked: [90, 20, 25],
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

/** Colour index of each (cell, state) kind and of each vessel code, into a packed table of a palette. */
export const COLOUR_KEYS = Object.keys(COLOURS) as (keyof typeof COLOURS)[];
const ci = (k: keyof typeof COLOURS) => COLOUR_KEYS.indexOf(k);

/** A palette (every COLOURS key → RGB) packed as r, g, b per key in COLOUR_KEYS order, cached per palette. */
const tables = new WeakMap<object, Uint8Array>();
export function colourTable(palette: Record<keyof typeof COLOURS, RGB>): Uint8Array {
  let t = tables.get(palette);
  if (!t) {
    t = new Uint8Array(COLOUR_KEYS.length * 3);
    const table = t;
    COLOUR_KEYS.forEach((k, i) => {
      table.set(palette[k], i * 3);
    });
    tables.set(palette, t);
  }
  return t;
}

/** cell * 4 + state → colour index, or -1 where the vessel decides (no agent on the site). */
export const KIND_COLOUR = new Int8Array(KIND_COUNT).fill(-1);
KIND_COLOUR[kindOf(Cell.hepatocyte, HepState.normal)] = ci("hepatocyte");
KIND_COLOUR[kindOf(Cell.hepatocyte, HepState.cycling)] = ci("hepatocyteCycling");
KIND_COLOUR[kindOf(Cell.hepatocyte, HepState.senescent)] = ci("hepatocyteSenescent");
KIND_COLOUR[kindOf(Cell.stellate, HscState.quiescent)] = ci("hscQuiescent");
KIND_COLOUR[kindOf(Cell.stellate, HscState.activated)] = ci("hscActivated");
KIND_COLOUR[kindOf(Cell.kupffer, KupState.m0)] = ci("kupfferM0");
KIND_COLOUR[kindOf(Cell.kupffer, KupState.m1)] = ci("kupfferM1");
KIND_COLOUR[kindOf(Cell.kupffer, KupState.m2)] = ci("kupfferM2");
for (let st = 0; st < 4; st++) KIND_COLOUR[kindOf(Cell.msc, st)] = ci("msc");
// Codes the model does not use today fall back as the original per-site rules did.
KIND_COLOUR[kindOf(Cell.hepatocyte, 3)] = ci("hepatocyte");
KIND_COLOUR[kindOf(Cell.stellate, 2)] = ci("hscQuiescent");
KIND_COLOUR[kindOf(Cell.stellate, 3)] = ci("hscQuiescent");
KIND_COLOUR[kindOf(Cell.kupffer, 3)] = ci("kupfferM0");

export const VESSEL_COLOUR = new Int8Array(8).fill(ci("empty"));
VESSEL_COLOUR[Vessel.sinusoid] = ci("sinusoid");
VESSEL_COLOUR[Vessel.capillarised] = ci("capillarised");
VESSEL_COLOUR[Vessel.centralVein] = ci("centralVein");
VESSEL_COLOUR[Vessel.portalTract] = ci("portalTract");

const HEPATOCYTE = Cell.hepatocyte;
const HEP_CYCLING = HepState.cycling;
const HEP_SENESCENT = HepState.senescent;
const MSC = Cell.msc;
const CENTRAL_VEIN = Vessel.centralVein;
const PORTAL_TRACT = Vessel.portalTract;

/** How strongly collagen tints a site (0 … 0.9): the close-up uses the same rule for its fibres. */
export const collagenAlpha = (density: number): number => (density > 0.02 ? Math.min(0.9, density * 1.25) : 0);
/** How far a damaged hepatocyte's colour has moved towards the "damaged" colour (0 … 1). */
export const damageAlpha = (damage: number): number => (damage > 0.05 ? Math.min(1, damage * 1.5) : 0);

/**
 * Writes width×height RGBA pixels. Damaged hepatocytes shade towards brown with their damage;
 * collagen tints non-vessel sites red in proportion to density (darker when cross-linked).
 * Table lookups only: no per-site objects, so a 1024² frame paints in a few milliseconds.
 */
export function paintTissue(
  t: TissueArrays,
  out: Uint8Array | Uint8ClampedArray,
  palette: Record<keyof typeof COLOURS, RGB> = COLOURS,
): void {
  const n = t.width * t.height;
  const COLOUR_TABLE = colourTable(palette);
  const [HR, HG, HB] = palette.hepatocyte;
  const [DR, DG, DB] = palette.hepatocyteDamaged;
  const [CR, CG, CB] = palette.collagen;
  const [XR, XG, XB] = palette.collagenCrosslinked;
  const { cell, state, vessel, damage, collagen, crosslink } = t;
  for (let k = 0; k < n; k++) {
    const v = vessel[k]!;
    const c = cell[k]!;
    const st = state[k]!;
    let r: number;
    let g: number;
    let b: number;
    const kind = c * 4 + st;
    const idx = kind < KIND_COUNT ? KIND_COLOUR[kind]! : -1;
    if (c === HEPATOCYTE && st !== HEP_CYCLING && st !== HEP_SENESCENT && damage[k]! > 0.05) {
      const a = Math.min(1, damage[k]! * 1.5);
      r = HR + (DR - HR) * a;
      g = HG + (DG - HG) * a;
      b = HB + (DB - HB) * a;
    } else {
      const o = (idx >= 0 ? idx : (VESSEL_COLOUR[v] ?? VESSEL_COLOUR[0]!)) * 3;
      r = COLOUR_TABLE[o]!;
      g = COLOUR_TABLE[o + 1]!;
      b = COLOUR_TABLE[o + 2]!;
    }
    const col = collagen[k]!;
    if (col > 0.02 && v !== CENTRAL_VEIN && v !== PORTAL_TRACT && c !== MSC) {
      const x = crosslink[k]!;
      const cr = CR + (XR - CR) * x;
      const cg = CG + (XG - CG) * x;
      const cb = CB + (XB - CB) * x;
      // Cells stay visible under collagen: at most 90 % tint; dense scar reads as stain, not as the cells under it.
      const a = Math.min(0.9, col * 1.25);
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
