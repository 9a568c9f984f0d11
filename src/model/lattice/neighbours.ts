/** Moore neighbourhood offsets and box sums over the lattice (no wrap: no-flux edges). */

/** Direction codes 1..8 → (dx, dy); 0 means "none". Opposite of d is ((d + 3) % 8) + 1. */
export const DX = [0, 1, 1, 0, -1, -1, -1, 0, 1] as const;
export const DY = [0, 0, 1, 1, 1, 0, -1, -1, -1] as const;
export const opposite = (d: number): number => ((d + 3) % 8) + 1;

/** Neighbour index in direction d, or -1 off the lattice. */
export function neighbour(k: number, d: number, w: number, h: number): number {
  const x = (k % w) + DX[d]!;
  const y = ((k / w) | 0) + DY[d]!;
  return x < 0 || y < 0 || x >= w || y >= h ? -1 : y * w + x;
}

/**
 * Box sum of `src` over a (2r+1)² window, clipped at the edges, written to `out` for rows [y0, y1).
 * Each output is a direct sum (no running sums), so the result does not depend on where a strip
 * starts: partitioned runs give the same bits. `tmp` holds the horizontal pass and must be
 * complete for rows [y0 − r, y1 + r) before the vertical pass — call rows first, then columns.
 */
export function boxSumRows(src: Float32Array, tmp: Float32Array, w: number, h: number, r: number, y0: number, y1: number): void {
  const lo = Math.max(0, y0);
  const hi = Math.min(h, y1);
  for (let y = lo; y < hi; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let s = 0;
      const a = Math.max(0, x - r);
      const b = Math.min(w - 1, x + r);
      for (let i = a; i <= b; i++) s += src[row + i]!;
      tmp[row + x] = s;
    }
  }
}

export function boxSumColumns(tmp: Float32Array, out: Float32Array, w: number, h: number, r: number, y0: number, y1: number): void {
  for (let y = y0; y < y1; y++) {
    const a = Math.max(0, y - r);
    const b = Math.min(h - 1, y + r);
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let j = a; j <= b; j++) s += tmp[j * w + x]!;
      out[row + x] = s;
    }
  }
}

export function boxSum(src: Float32Array, tmp: Float32Array, out: Float32Array, w: number, h: number, r: number): void {
  boxSumRows(src, tmp, w, h, r, 0, h);
  boxSumColumns(tmp, out, w, h, r, 0, h);
}
