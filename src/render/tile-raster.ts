/**
 * A tiny anti-aliased rasteriser for the close-up's cell tiles: filled ellipses and capsules
 * (rounded line segments) in tile coordinates 0 … 1, 4 × 4 sub-samples per pixel. Pure, no canvas,
 * so tiles are drawn the same in the page, in a worker or in a Node test.
 */
import type { RGB } from "./palette";

const SUB = 4;
const byte = (v: number) => Math.min(255, Math.max(0, Math.round(v)));

export class TileRaster {
  /** r, g, b per pixel (0 … 255, floats while drawing). */
  readonly rgb: Float32Array;

  constructor(readonly size: number) {
    this.rgb = new Float32Array(size * size * 3);
  }

  fill(c: RGB): void {
    for (let i = 0; i < this.size * this.size; i++) this.rgb.set(c, i * 3);
  }

  /** Blends colour c over every pixel by coverage × alpha, coverage measured by `inside` at sub-samples. */
  private paint(
    c: RGB,
    alpha: number,
    bounds: [number, number, number, number],
    inside: (x: number, y: number) => boolean,
  ) {
    const n = this.size;
    const x0 = Math.max(0, Math.floor(bounds[0] * n));
    const y0 = Math.max(0, Math.floor(bounds[1] * n));
    const x1 = Math.min(n - 1, Math.ceil(bounds[2] * n));
    const y1 = Math.min(n - 1, Math.ceil(bounds[3] * n));
    for (let py = y0; py <= y1; py++)
      for (let px = x0; px <= x1; px++) {
        let hits = 0;
        for (let sy = 0; sy < SUB; sy++)
          for (let sx = 0; sx < SUB; sx++) if (inside((px + (sx + 0.5) / SUB) / n, (py + (sy + 0.5) / SUB) / n)) hits++;
        if (!hits) continue;
        const a = (alpha * hits) / (SUB * SUB);
        const o = (py * n + px) * 3;
        this.rgb[o] = this.rgb[o]! + (c[0] - this.rgb[o]!) * a;
        this.rgb[o + 1] = this.rgb[o + 1]! + (c[1] - this.rgb[o + 1]!) * a;
        this.rgb[o + 2] = this.rgb[o + 2]! + (c[2] - this.rgb[o + 2]!) * a;
      }
  }

  /** Ellipse centred (cx, cy), half-axes rx, ry, turned by `angle` radians. */
  ellipse(cx: number, cy: number, rx: number, ry: number, c: RGB, alpha = 1, angle = 0): void {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const r = Math.max(rx, ry);
    this.paint(c, alpha, [cx - r, cy - r, cx + r, cy + r], (x, y) => {
      const dx = x - cx;
      const dy = y - cy;
      const u = (dx * cos + dy * sin) / rx;
      const v = (-dx * sin + dy * cos) / ry;
      return u * u + v * v <= 1;
    });
  }

  /** A segment (x0, y0) – (x1, y1) of half-width w with round ends. */
  capsule(x0: number, y0: number, x1: number, y1: number, w: number, c: RGB, alpha = 1): void {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len2 = dx * dx + dy * dy || 1e-9;
    const b: [number, number, number, number] = [
      Math.min(x0, x1) - w,
      Math.min(y0, y1) - w,
      Math.max(x0, x1) + w,
      Math.max(y0, y1) + w,
    ];
    this.paint(c, alpha, b, (x, y) => {
      const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
      const ex = x - x0 - t * dx;
      const ey = y - y0 - t * dy;
      return ex * ex + ey * ey <= w * w;
    });
  }

  /** A band of width w along the tile's edges (a cell membrane where neighbouring cells meet). */
  border(w: number, c: RGB, alpha = 1): void {
    this.paint(c, alpha, [0, 0, 1, 1], (x, y) => x < w || y < w || x > 1 - w || y > 1 - w);
  }

  /** The tile as packed little-endian RGBA words (alpha 255), written at `out[offset …]`. */
  pack(out: Uint32Array, offset: number): void {
    const n = this.size * this.size;
    for (let i = 0; i < n; i++) {
      const r = byte(this.rgb[i * 3]!);
      const g = byte(this.rgb[i * 3 + 1]!);
      const b = byte(this.rgb[i * 3 + 2]!);
      out[offset + i] = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
    }
  }
}

/** c scaled towards black by f (0: black, 1: unchanged). */
export const shade = (c: RGB, f: number): RGB => [c[0] * f, c[1] * f, c[2] * f];
/** c mixed towards white by f (0: unchanged, 1: white). */
export const tint = (c: RGB, f: number): RGB => [
  c[0] + (255 - c[0]) * f,
  c[1] + (255 - c[1]) * f,
  c[2] + (255 - c[2]) * f,
];
/** a → b by t. */
export const mix = (a: RGB, b: RGB, t: number): RGB => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];
