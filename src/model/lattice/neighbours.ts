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
 * The horizontal pass keeps a running sum along each row (a row is never split among workers, so
 * its rounding is the same however the lattice is partitioned); the vertical pass sums each window
 * directly, so it does not depend on where a strip starts. `tmp` must hold the horizontal pass for
 * rows [y0 − r, y1 + r) before the vertical pass: call rows first, then columns.
 */
export function boxSumRows(src: Float32Array, tmp: Float32Array, w: number, h: number, r: number, y0: number, y1: number): void {
  const lo = Math.max(0, y0);
  const hi = Math.min(h, y1);
  for (let y = lo; y < hi; y++) {
    const row = y * w;
    let s = 0;
    for (let i = 0; i <= r && i < w; i++) s += src[row + i]!;
    for (let x = 0; x < w; x++) {
      tmp[row + x] = s;
      const enter = x + r + 1;
      const leave = x - r;
      if (enter < w) s += src[row + enter]!;
      if (leave >= 0) s -= src[row + leave]!;
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

/**
 * Vertical pass for arrays of small whole numbers (or exact binary fractions): a running sum down
 * each column of [x0, x1). Every partial sum is exact in float32, so the result equals the direct
 * sum whatever the order — split-independent, at a fraction of the cost. Walks row by row so
 * memory is read contiguously.
 */
export function boxSumColumnsExact(tmp: Float32Array, out: Float32Array, w: number, h: number, r: number, x0: number, x1: number): void {
  for (let x = x0; x < x1; x++) out[x] = 0;
  for (let j = 0; j <= r && j < h; j++) {
    const row = j * w;
    for (let x = x0; x < x1; x++) out[x] = out[x]! + tmp[row + x]!;
  }
  for (let y = 1; y < h; y++) {
    const row = y * w;
    const prev = row - w;
    const enter = y + r < h ? (y + r) * w : -1;
    const leave = y - r - 1 >= 0 ? (y - r - 1) * w : -1;
    for (let x = x0; x < x1; x++) {
      let s = out[prev + x]!;
      if (enter >= 0) s += tmp[enter + x]!;
      if (leave >= 0) s -= tmp[leave + x]!;
      out[row + x] = s;
    }
  }
}
