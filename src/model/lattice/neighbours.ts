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
 * Box sums of whole numbers over a (2r+1)² window, clipped at the edges. Integer sums are exact in
 * any order, so running sums give the same result however the lattice is split among workers.
 * Rows first (rows [y0, y1) of `tmp`), then columns: the column pass of [x0, x1) needs every row of
 * `tmp`, so a parallel step puts a barrier between the two.
 */
export function boxSumRowsInt(src: Int32Array, tmp: Int32Array, w: number, r: number, y0: number, y1: number): void {
  for (let y = y0; y < y1; y++) {
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

/** Vertical running sums down each column of [x0, x1), walking row by row so memory is read contiguously. */
export function boxSumColumnsInt(tmp: Int32Array, out: Int32Array, w: number, h: number, r: number, x0: number, x1: number): void {
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
    if (enter >= 0 && leave >= 0) for (let x = x0; x < x1; x++) out[row + x] = out[prev + x]! + tmp[enter + x]! - tmp[leave + x]!;
    else if (enter >= 0) for (let x = x0; x < x1; x++) out[row + x] = out[prev + x]! + tmp[enter + x]!;
    else if (leave >= 0) for (let x = x0; x < x1; x++) out[row + x] = out[prev + x]! - tmp[leave + x]!;
    else for (let x = x0; x < x1; x++) out[row + x] = out[prev + x]!;
  }
}
