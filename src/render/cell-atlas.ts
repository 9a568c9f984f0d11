/**
 * The close-up's texture atlas: one small square picture ("tile") per (cell kind and state, vessel
 * under it, variant), drawn procedurally with tile-raster.ts the first time it is needed, for one
 * stain and one tile size. Cell bodies use the stain's legend colours; nuclei, lipid droplets and
 * fibres are darker or lighter shades of them (or the stain's nucleus colour). Four variants per
 * tile (nucleus position, cell orientation) keep a sheet of cells from looking like wallpaper.
 * Collagen is laid over a tile as fibre strands (`fibres`: one pattern repeating every FIBRE_PERIOD
 * sites, so strands run on from site to site) at one of COLLAGEN_LEVELS
 * densities and CROSSLINK_LEVELS shades; each such combination is blended once and kept
 * (`fibreTile`), so composing a frame is copying only.
 */
import { Cell, HepState, HscState, KIND_COUNT, KupState, MscState, Vessel } from "../model/lattice/codes";
import type { RGB } from "./palette";
import type { Stain } from "./stains";
import { mix, shade, TileRaster, tint } from "./tile-raster";

export const VARIANTS = 4;
/** The fibre pattern repeats every FIBRE_PERIOD sites each way; site (x, y) uses mask fibreVariant(x, y). */
export const FIBRE_PERIOD = 4;
const FIBRE_VARIANTS = FIBRE_PERIOD * FIBRE_PERIOD;
export const fibreVariant = (x: number, y: number): number => (x & 3) + 4 * (y & 3);
/** The MSC secretion halo's colour (schematic stain only; drawn by the composer across neighbouring sites). */
export const HALO: RGB = [170, 235, 90];
const VESSELS = 5;
/** Tile kinds beyond the lattice kinds: a hepatocyte at three levels of damage. */
export const DAMAGED_TILE = [KIND_COUNT, KIND_COUNT + 1, KIND_COUNT + 2] as const;
const TILE_KINDS = KIND_COUNT + 3;
export const TILE_COUNT = TILE_KINDS * VESSELS * VARIANTS;

/** Collagen tint steps (of collagenAlpha's 0 … 0.9) and cross-link shade steps kept as ready tiles. */
export const COLLAGEN_LEVELS = 10;
export const CROSSLINK_LEVELS = 5;
/** Ready fibre tiles kept before the cache starts again (words). */
const FIBRE_POOL_LIMIT = 8 << 20;

export const tileIndex = (tileKind: number, vessel: number, variant: number): number =>
  (tileKind * VESSELS + (vessel < VESSELS ? vessel : 0)) * VARIANTS + variant;

export class CellAtlas {
  /** Packed RGBA words, tile after tile (size² words each). */
  readonly tiles: Uint32Array;
  private ready: Uint8Array;
  private raster: TileRaster;
  /** Fibre strand coverage (0 … 1) per pixel, one mask per site of the FIBRE_PERIOD² repeat. */
  readonly fibres: Float32Array;

  constructor(
    readonly stain: Stain,
    readonly size: number,
  ) {
    this.tiles = new Uint32Array(TILE_COUNT * size * size);
    this.ready = new Uint8Array(TILE_COUNT);
    this.raster = new TileRaster(size);
    this.fibres = new Float32Array(FIBRE_VARIANTS * size * size);
    for (let v = 0; v < FIBRE_VARIANTS; v++) drawFibres(this.fibres, v, size);
  }

  private fibreOffset = new Map<number, number>();
  /** Tiles with fibres over them, size² words each, at offsets kept in fibreOffset. */
  fibrePool = new Uint32Array(0);
  private fibreUsed = 0;

  /**
   * Offset (in words, in `fibrePool`) of tile `index` with fibre variant `fv` laid over it at
   * collagen level `level` (1 … COLLAGEN_LEVELS) and cross-link level `xl` (0 … CROSSLINK_LEVELS − 1),
   * blending it first if needed. The pool may be replaced: read `fibrePool` after calling.
   */
  fibreTile(index: number, fv: number, level: number, xl: number): number {
    const key = ((index * FIBRE_VARIANTS + fv) * (COLLAGEN_LEVELS + 1) + level) * CROSSLINK_LEVELS + xl;
    const known = this.fibreOffset.get(key);
    if (known !== undefined) return known;
    const px = this.size * this.size;
    if (this.fibreUsed + px > this.fibrePool.length) {
      if (this.fibrePool.length >= FIBRE_POOL_LIMIT) {
        this.fibreOffset.clear();
        this.fibreUsed = 0;
      } else {
        const grown = new Uint32Array(Math.max(64 * px, this.fibrePool.length * 2));
        grown.set(this.fibrePool.subarray(0, this.fibreUsed));
        this.fibrePool = grown;
      }
    }
    const at = this.fibreUsed;
    this.fibreUsed += px;
    const src = this.tile(index);
    const a = (level / COLLAGEN_LEVELS) * 0.9;
    const x = xl / (CROSSLINK_LEVELS - 1);
    const p = this.stain.palette;
    const cr = p.collagen[0] + (p.collagenCrosslinked[0] - p.collagen[0]) * x;
    const cg = p.collagen[1] + (p.collagenCrosslinked[1] - p.collagen[1]) * x;
    const cb = p.collagen[2] + (p.collagenCrosslinked[2] - p.collagen[2]) * x;
    for (let i = 0; i < px; i++) {
      // Between the strands a lighter tint, so a scar keeps about the shade it has in the one-pixel-per-site picture.
      const pa = Math.min(0.95, a * (0.55 + 0.9 * this.fibres[fv * px + i]!));
      this.fibrePool[at + i] = blendWord(this.tiles[src + i]!, cr, cg, cb, pa);
    }
    this.fibreOffset.set(key, at);
    return at;
  }

  private warmed = 0;

  /** Draws up to `count` tiles not drawn yet (idle-time warm-up); true once every tile is drawn. */
  warm(count: number): boolean {
    while (count > 0 && this.warmed < TILE_COUNT) {
      if (!this.ready[this.warmed]) {
        this.tile(this.warmed);
        count--;
      }
      this.warmed++;
    }
    return this.warmed >= TILE_COUNT;
  }

  /** Offset (in words) of a tile in `tiles`, drawing it first if needed. */
  tile(index: number): number {
    if (!this.ready[index]) {
      const variant = index % VARIANTS;
      const vessel = Math.floor(index / VARIANTS) % VESSELS;
      const kind = Math.floor(index / (VARIANTS * VESSELS));
      this.raster.fill([0, 0, 0]);
      drawTile(this.raster, this.stain, kind, vessel, variant);
      this.raster.pack(this.tiles, index * this.size * this.size);
      this.ready[index] = 1;
    }
    return index * this.size * this.size;
  }
}

/** A packed RGBA word with r, g, b blended over it by a. */
export function blendWord(p: number, r: number, g: number, b: number, a: number): number {
  const pr = p & 255;
  const pg = (p >>> 8) & 255;
  const pb = (p >>> 16) & 255;
  return (
    ((255 << 24) |
      (((pb + (b - pb) * a) & 255) << 16) |
      (((pg + (g - pg) * a) & 255) << 8) |
      ((pr + (r - pr) * a) & 255)) >>>
    0
  );
}

/** Nucleus colour for a cell of body colour `body`. */
const nucleusOf = (s: Stain, body: RGB): RGB =>
  s.nucleus ?? (body[0] + body[1] + body[2] < 90 ? tint(body, 0.45) : shade(body, 0.45));

/** What lies under a cell: free space, a sinusoid or a vessel. */
function drawVessel(r: TileRaster, s: Stain, vessel: number, variant: number): void {
  const p = s.palette;
  switch (vessel) {
    case Vessel.sinusoid:
    case Vessel.capillarised: {
      r.fill(vessel === Vessel.sinusoid ? p.sinusoid : p.capillarised);
      // A flattened endothelial nucleus against one wall.
      const side = variant % 2 === 0 ? 0.14 : 0.86;
      const n = s.nucleus ?? s.lining;
      if (variant < 2) r.ellipse(0.5, side, 0.22, 0.06, n, 0.9);
      else r.ellipse(side, 0.5, 0.06, 0.22, n, 0.9);
      if (vessel === Vessel.capillarised) r.border(0.09, shade(p.capillarised, 0.75), 0.8);
      return;
    }
    case Vessel.centralVein:
      r.fill(p.centralVein);
      return;
    case Vessel.portalTract: {
      const stroma = p.portalTract;
      r.fill(stroma);
      const n = nucleusOf(s, stroma);
      if (variant === 0) {
        // Bile duct: a ring of cuboidal cells round a small lumen.
        for (let i = 0; i < 8; i++) {
          const a = (i / 8) * Math.PI * 2;
          r.ellipse(0.5 + Math.cos(a) * 0.26, 0.5 + Math.sin(a) * 0.26, 0.08, 0.08, n);
        }
        r.ellipse(0.5, 0.5, 0.14, 0.14, p.sinusoid);
      } else if (variant === 1) {
        // Hepatic arteriole: thick muscular wall, narrow lumen.
        r.ellipse(0.5, 0.5, 0.3, 0.3, shade(stroma, 0.7));
        r.ellipse(0.5, 0.5, 0.12, 0.12, p.sinusoid);
      } else if (variant === 2) {
        // Portal venule: wide lumen, thin wall.
        r.ellipse(0.5, 0.5, 0.38, 0.32, shade(stroma, 0.75));
        r.ellipse(0.5, 0.5, 0.33, 0.27, p.sinusoid);
      } else {
        r.ellipse(0.3, 0.35, 0.14, 0.04, n, 1, 0.4);
        r.ellipse(0.65, 0.7, 0.14, 0.04, n, 1, -0.3);
      }
      return;
    }
    default:
      r.fill(p.empty);
  }
}

/** A hepatocyte filling its site: polygonal body, membrane, round nucleus (two in some cells). */
function hepatocyte(r: TileRaster, s: Stain, body: RGB, variant: number, nucleusScale = 1, nucleusColour?: RGB): void {
  r.fill(body);
  r.border(0.06, shade(body, 0.72));
  const n = nucleusColour ?? nucleusOf(s, body);
  const jx = [0, 0.05, -0.04, 0][variant]!;
  const jy = [0, -0.04, 0.05, 0][variant]!;
  if (variant === 3 && nucleusScale === 1) {
    // Binucleate hepatocytes are common in the liver.
    r.ellipse(0.32, 0.5, 0.12, 0.12, n);
    r.ellipse(0.68, 0.5, 0.12, 0.12, n);
    return;
  }
  r.ellipse(0.5 + jx, 0.5 + jy, 0.16 * nucleusScale, 0.16 * nucleusScale, n);
  if (nucleusScale >= 0.8) r.ellipse(0.53 + jx, 0.47 + jy, 0.035, 0.035, shade(n, 0.6));
}

function drawTile(r: TileRaster, s: Stain, kind: number, vessel: number, variant: number): void {
  const p = s.palette;
  const angle = [0.6, -0.6, 0.15, -1.3][variant]!;
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  /** A slender cell along the variant's direction through the centre, of half-length l and half-width w. */
  const spindle = (l: number, w: number, c: RGB) =>
    r.capsule(0.5 - ca * l, 0.5 - sa * l, 0.5 + ca * l, 0.5 + sa * l, w, c);

  const damageLevel = kind >= KIND_COUNT ? kind - KIND_COUNT + 1 : 0;
  if (damageLevel) {
    const body = mix(p.hepatocyte, p.hepatocyteDamaged, damageLevel / 3);
    if (damageLevel === 3) {
      // Dying cell: shrunken, dense body, small dark (pyknotic) nucleus.
      drawVessel(r, s, vessel, variant);
      r.ellipse(0.5, 0.5, 0.42, 0.38, body, 1, angle);
      r.ellipse(0.5, 0.5, 0.09, 0.09, shade(nucleusOf(s, body), 0.6));
      return;
    }
    hepatocyte(
      r,
      s,
      body,
      variant,
      damageLevel === 2 ? 1.2 : 1,
      damageLevel === 2 ? tint(nucleusOf(s, body), 0.35) : undefined,
    );
    // Vacuoles of a swollen, injured cell.
    const vac = tint(body, 0.6);
    r.ellipse(0.24, 0.26, 0.07, 0.07, vac);
    r.ellipse(0.76, 0.74, 0.06, 0.06, vac);
    if (damageLevel === 2) r.ellipse(0.74, 0.26, 0.08, 0.08, vac);
    return;
  }

  const cell = Math.floor(kind / 4);
  const state = kind % 4;
  if (cell === Cell.hepatocyte) {
    if (state === HepState.cycling) {
      const body = p.hepatocyteCycling;
      r.fill(body);
      r.border(0.06, shade(body, 0.72));
      const n = s.nucleus ?? (body[0] + body[1] + body[2] > 300 ? shade(body, 0.4) : tint(body, 0.75));
      // Mitotic figure: a metaphase plate, or two anaphase sets pulling apart.
      if (variant % 2 === 0) {
        for (let i = -2; i <= 2; i++) r.capsule(0.5 + i * 0.05 - 0.02, 0.35, 0.5 + i * 0.05 + 0.02, 0.65, 0.025, n);
      } else {
        for (const y of [0.3, 0.7])
          for (let i = -2; i <= 2; i++) r.capsule(0.5 + i * 0.06, y - 0.05, 0.5 + i * 0.05, y + 0.05, 0.025, n);
      }
      return;
    }
    if (state === HepState.senescent) {
      const body = p.hepatocyteSenescent;
      hepatocyte(r, s, body, variant === 3 ? 0 : variant, 1.45, tint(nucleusOf(s, body), 0.25));
      // Lipofuscin granules.
      const g = mix(body, [120, 80, 20], 0.6);
      for (const [x, y] of [
        [0.2, 0.25],
        [0.78, 0.3],
        [0.25, 0.78],
        [0.8, 0.75],
      ] as const)
        r.ellipse(x, y, 0.04, 0.04, g);
      return;
    }
    hepatocyte(r, s, p.hepatocyte, variant);
    return;
  }

  drawVessel(r, s, vessel, variant);
  if (cell === Cell.stellate) {
    if (state === HscState.activated) {
      const body = p.hscActivated;
      // Myofibroblast: thick spindle with processes, laying fibres beside it.
      const fibre = p.collagen;
      for (const off of [-0.2, 0.2])
        r.capsule(
          0.5 - ca * 0.5 - sa * off,
          0.5 - sa * 0.5 + ca * off,
          0.5 + ca * 0.5 - sa * off,
          0.5 + sa * 0.5 + ca * off,
          0.025,
          fibre,
        );
      spindle(0.38, 0.12, body);
      r.capsule(0.5, 0.5, 0.5 - sa * 0.35, 0.5 + ca * 0.35, 0.04, body);
      r.ellipse(0.5, 0.5, 0.15, 0.07, nucleusOf(s, body), 1, angle);
      return;
    }
    // Quiescent: slender, with lipid (vitamin A) droplets.
    const body = p.hscQuiescent;
    spindle(0.42, 0.09, body);
    r.ellipse(0.5, 0.5, 0.12, 0.055, nucleusOf(s, body), 1, angle);
    const drop = tint(body, 0.8);
    for (const t of [-0.29, 0.27]) r.ellipse(0.5 + ca * t, 0.5 + sa * t, 0.06, 0.06, drop);
    return;
  }
  if (cell === Cell.kupffer) {
    const body = state === KupState.m1 ? p.kupfferM1 : state === KupState.m2 ? p.kupfferM2 : p.kupfferM0;
    const small = s.nucleus ? tint(body, 0.35) : body;
    if (state === KupState.m1) {
      // Inflammatory: spiky, many short processes.
      for (let i = 0; i < 7; i++) {
        const a = angle + (i / 7) * Math.PI * 2;
        r.capsule(0.5, 0.5, 0.5 + Math.cos(a) * 0.4, 0.5 + Math.sin(a) * 0.4, 0.045, small);
      }
      r.ellipse(0.5, 0.5, 0.2, 0.2, small);
    } else if (state === KupState.m2) {
      // Restorative: large, smooth, round, with phagocytic vacuoles.
      r.ellipse(0.5, 0.5, 0.36, 0.33, small, 1, angle);
      r.ellipse(0.36, 0.62, 0.05, 0.05, tint(small, 0.6));
      r.ellipse(0.64, 0.38, 0.05, 0.05, tint(small, 0.6));
    } else {
      r.ellipse(0.5, 0.5, 0.3, 0.2, small, 1, angle);
    }
    // Kidney-shaped nucleus.
    const n = nucleusOf(s, body);
    r.ellipse(0.5, 0.5, 0.13, 0.09, n, 1, angle);
    r.ellipse(0.5 + ca * 0.02 - sa * 0.06, 0.5 + sa * 0.02 + ca * 0.06, 0.06, 0.04, small, 1, angle);
    return;
  }
  if (cell === Cell.msc) {
    const body = p.msc;
    const small = s.nucleus ? tint(body, 0.35) : body;
    if (state === MscState.engrafted) spindle(0.3, 0.16, small);
    else r.ellipse(0.5, 0.5, 0.25, 0.25, small);
    r.ellipse(0.5, 0.5, 0.12, 0.1, nucleusOf(s, body), 1, angle);
  }
}

/**
 * Fibre strand coverage of the site at (a, b) = (v mod 4, v div 4) within the 4 × 4-site repeat:
 * a family of gently wavy strands, three per site, interwoven at a shallow angle with a thinner,
 * sparser one; both run on across site edges and across the repeat (their slopes and waves have
 * whole periods in it).
 */
function drawFibres(out: Float32Array, v: number, size: number): void {
  const a = v % FIBRE_PERIOD;
  const b = Math.floor(v / FIBRE_PERIOD);
  const SUB = 4;
  const near = (t: number) => Math.abs(t - Math.round(t));
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUB; sy++)
        for (let sx = 0; sx < SUB; sx++) {
          const u = a + (px + (sx + 0.5) / SUB) / size;
          const w = b + (py + (sy + 0.5) / SUB) / size;
          const main = near((w - u / 4 - 0.07 * Math.sin(Math.PI * u)) * 3) / 3;
          const second = near((w - u / 2 - 0.06 * Math.sin((Math.PI * u) / 2 + 1)) * 2) / 2;
          if (main < 0.045 || second < 0.025) hits++;
        }
      out[(v * size + py) * size + px] = hits / (SUB * SUB);
    }
}
