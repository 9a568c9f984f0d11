/**
 * Composes the close-up picture: the visible window of the lattice at `size` pixels per site, each
 * site a tile from the cell atlas (cell-atlas.ts) with collagen laid over it as fibre strands (the
 * density rule and colours of the one-pixel-per-site picture, in COLLAGEN_LEVELS steps), walls drawn
 * round the central vein and portal tract, an endothelial lining where a sinusoid meets the
 * parenchyma, and the signal overlay blended on top. Typed-array copies of ready tiles only (the
 * overlay, when shown, is blended per pixel).
 */
import { Cell, HepState, KIND_COUNT, Vessel } from "../model/lattice/codes";
import {
  blendWord,
  COLLAGEN_LEVELS,
  CROSSLINK_LEVELS,
  CellAtlas,
  DAMAGED_TILE,
  fibreVariant,
  HALO,
  tileIndex,
} from "./cell-atlas";
import { collagenAlpha, damageAlpha, type TissueArrays } from "./palette";
import type { Stain } from "./stains";

export interface CloseUpOverlay {
  values: Float32Array;
  lo: number;
  hi: number;
  /** 256 × r, g, b */
  lut: Uint8Array;
  opacity: number;
}

const HEPATOCYTE = Cell.hepatocyte;
const MSC = Cell.msc;
const CV = Vessel.centralVein;
const PT = Vessel.portalTract;
const SIN = Vessel.sinusoid;
const CAP = Vessel.capillarised;
const NONE = Vessel.none;

/** A well-mixed 2-bit variant per site, stable from frame to frame. */
const variantOf = (k: number) => Math.imul(k, 2654435761) >>> 30;

/** Tile kind of a hepatocyte by damage (the three damaged tiles stand for rising damage). */
function damagedTile(damage: number, normal: number): number {
  const a = damageAlpha(damage);
  if (a < 0.2) return normal;
  return a < 0.5 ? DAMAGED_TILE[0] : a < 0.85 ? DAMAGED_TILE[1] : DAMAGED_TILE[2];
}

export class CloseUpComposer {
  private atlases = new Map<string, CellAtlas>();
  private out = new Uint8Array(0);

  atlas(stain: Stain, size: number): CellAtlas {
    const key = `${stain.name}/${size}`;
    let a = this.atlases.get(key);
    if (!a) {
      a = new CellAtlas(stain, size);
      this.atlases.set(key, a);
    }
    return a;
  }

  /**
   * Draws a few more tiles of the stain's atlases (8 and 16 px) ahead of need, so the first zoom
   * into the close-up does not stop the page while the cells are drawn; true when all are drawn.
   */
  warm(stain: Stain, count: number): boolean {
    return this.atlas(stain, 8).warm(count) && this.atlas(stain, 16).warm(count);
  }

  /**
   * RGBA bytes of sites [x0, x0 + w) × [y0, y0 + h) at `size` px per site ((w·size) × (h·size)
   * pixels). The returned buffer is reused while the window's pixel size stays the same.
   */
  compose(
    t: TissueArrays,
    stain: Stain,
    x0: number,
    y0: number,
    w: number,
    h: number,
    size: number,
    overlay: CloseUpOverlay | null,
  ): Uint8Array {
    const W = w * size;
    const bytes = W * h * size * 4;
    if (this.out.length !== bytes) this.out = new Uint8Array(bytes);
    const out32 = new Uint32Array(this.out.buffer, 0, bytes / 4);
    const atlas = this.atlas(stain, size);
    const tiles = atlas.tiles;
    const { width, height, cell, state, vessel, damage, collagen, crosslink } = t;
    const rim = Math.max(1, size >> 3);
    const wall = packed(stain.wall);
    const mscs: number[] = [];
    const lining = packed(stain.lining);

    for (let sy = 0; sy < h; sy++) {
      const gy = y0 + sy;
      for (let sx = 0; sx < w; sx++) {
        const gx = x0 + sx;
        const k = gy * width + gx;
        const c = cell[k]!;
        const v = vessel[k]!;
        let kind = c * 4 + state[k]!;
        if (kind >= KIND_COUNT) kind = 0;
        if (c === HEPATOCYTE && state[k] === HepState.normal) kind = damagedTile(damage[k]!, kind);
        if (c === MSC && stain.halo) mscs.push(sx, sy);
        const variant = variantOf(k);
        const index = tileIndex(kind, v, variant);
        // Collagen fibres, by the same density rule as the fit picture.
        const a = v !== CV && v !== PT && c !== MSC ? collagenAlpha(collagen[k]!) : 0;
        const level = Math.round((a / 0.9) * COLLAGEN_LEVELS);
        let words = tiles;
        let src: number;
        if (level > 0) {
          const xl = Math.round(Math.min(1, Math.max(0, crosslink[k]!)) * (CROSSLINK_LEVELS - 1));
          src = atlas.fibreTile(index, fibreVariant(gx, gy), level, xl);
          words = atlas.fibrePool;
        } else src = atlas.tile(index);
        const base = sy * size * W + sx * size;
        copyTile(out32, W, base, words, src, size);
        // Walls and linings where this site's vessel meets a different one.
        if (v === CV || v === PT || v === SIN || v === CAP) {
          const big = v === CV || v === PT;
          const colour = big ? wall : lining;
          const thick = big ? rim : Math.max(1, size >> 4);
          // Big vessels: a wall wherever the vessel ends. Sinusoids: a lining where cells begin.
          const up = k - width;
          const down = k + width;
          if (gy > 0 && (big ? vessel[up] !== v : vessel[up] === NONE && cell[up] !== 0))
            fillRect(out32, W, base, size, thick, colour);
          if (gy < height - 1 && (big ? vessel[down] !== v : vessel[down] === NONE && cell[down] !== 0))
            fillRect(out32, W, base + (size - thick) * W, size, thick, colour);
          if (gx > 0 && (big ? vessel[k - 1] !== v : vessel[k - 1] === NONE && cell[k - 1] !== 0))
            fillRect(out32, W, base, thick, size, colour);
          if (gx < width - 1 && (big ? vessel[k + 1] !== v : vessel[k + 1] === NONE && cell[k + 1] !== 0))
            fillRect(out32, W, base + size - thick, thick, size, colour);
        }
        if (overlay) {
          let i = ((overlay.values[k]! - overlay.lo) * (255 / (overlay.hi - overlay.lo))) | 0;
          if (!(i >= 0)) i = 0;
          else if (i > 255) i = 255;
          const lr = overlay.lut[i * 3]!;
          const lg = overlay.lut[i * 3 + 1]!;
          const lb = overlay.lut[i * 3 + 2]!;
          for (let py = 0; py < size; py++) {
            const oo = base + py * W;
            for (let px = 0; px < size; px++) out32[oo + px] = blendWord(out32[oo + px]!, lr, lg, lb, overlay.opacity);
          }
        }
      }
    }
    for (let i = 0; i < mscs.length; i += 2) drawHalo(out32, W, h * size, mscs[i]!, mscs[i + 1]!, size);
    return this.out;
  }
}

/**
 * The MSC secretion halo (what it releases — HGF, IL-10, MMPs — spreading round it): a soft disc
 * and a dotted ring 1.3 sites round the cell, over the neighbouring sites, the cell itself left clear.
 */
function drawHalo(out32: Uint32Array, W: number, H: number, sx: number, sy: number, size: number): void {
  const cx = (sx + 0.5) * size;
  const cy = (sy + 0.5) * size;
  const R = 1.3 * size;
  const x0 = Math.max(0, Math.floor(cx - R - 2));
  const x1 = Math.min(W - 1, Math.ceil(cx + R + 2));
  const y0 = Math.max(0, Math.floor(cy - R - 2));
  const y1 = Math.min(H - 1, Math.ceil(cy + R + 2));
  const ring = Math.max(1.2, size * 0.09);
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const d = Math.hypot(dx, dy);
      if (d > R + ring || d < 0.45 * size) continue;
      // Dots on the ring: 12 of them, drawn where the angle falls on a dot.
      const onRing = Math.abs(d - R) < ring && ((Math.atan2(dy, dx) / (2 * Math.PI)) * 12 + 12) % 1 < 0.5;
      const a = onRing ? 0.85 : d < R ? 0.22 : 0;
      if (a > 0) out32[y * W + x] = blendWord(out32[y * W + x]!, HALO[0], HALO[1], HALO[2], a);
    }
}

const packed = (c: readonly number[]) => ((255 << 24) | (c[2]! << 16) | (c[1]! << 8) | c[0]!) >>> 0;

function copyTile(out32: Uint32Array, W: number, base: number, words: Uint32Array, src: number, size: number): void {
  let so = src;
  for (let oo = base, end = base + size * W; oo < end; oo += W) {
    const shift = oo - so;
    for (const stop = so + size; so < stop; so++) out32[so + shift] = words[so]!;
  }
}

function fillRect(out32: Uint32Array, W: number, at: number, w: number, h: number, colour: number): void {
  for (let y = 0; y < h; y++) out32.fill(colour, at + y * W, at + y * W + w);
}
