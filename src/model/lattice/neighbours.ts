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
 * Rows first (boxSumLineInt per row), then columns: the column pass of [x0, x1) needs every row,
 * so a parallel step puts a barrier between the two.
 *
 * boxSumLineInt: running window sums of src[from … from + w) into out[to …]; three loops, so the
 * middle one has no edge tests.
 */
export function boxSumLineInt(src: Int32Array, from: number, out: Int32Array, to: number, w: number, r: number): void {
  let s = 0;
  for (let i = 0; i <= r && i < w; i++) s += src[from + i]!;
  // x < r: nothing leaves; r ≤ x < w − r − 1: one enters, one leaves; then nothing enters.
  const a = Math.min(r, w);
  const b = Math.max(a, w - r - 1);
  let x = 0;
  for (; x < a; x++) {
    out[to + x] = s;
    if (x + r + 1 < w) s += src[from + x + r + 1]!;
  }
  for (; x + 1 < b; x += 2) {
    out[to + x] = s;
    s += src[from + x + r + 1]! - src[from + x - r]!;
    out[to + x + 1] = s;
    s += src[from + x + r + 2]! - src[from + x + 1 - r]!;
  }
  for (; x < b; x++) {
    out[to + x] = s;
    s += src[from + x + r + 1]! - src[from + x - r]!;
  }
  for (; x < w; x++) {
    out[to + x] = s;
    if (x + r + 1 < w) s += src[from + x + r + 1]!;
    s -= src[from + x - r]!;
  }
}

/** Vertical running sums down each column of [x0, x1), walking row by row so memory is read contiguously. */
export function boxSumColumnsInt(
  tmp: Int32Array,
  out: Int32Array,
  w: number,
  h: number,
  r: number,
  x0: number,
  x1: number,
): void {
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
    if (enter >= 0 && leave >= 0) {
      // The common case, four columns per iteration (the loop's overhead was as large as its work).
      let x = x0;
      for (; x + 3 < x1; x += 4) {
        out[row + x] = out[prev + x]! + tmp[enter + x]! - tmp[leave + x]!;
        out[row + x + 1] = out[prev + x + 1]! + tmp[enter + x + 1]! - tmp[leave + x + 1]!;
        out[row + x + 2] = out[prev + x + 2]! + tmp[enter + x + 2]! - tmp[leave + x + 2]!;
        out[row + x + 3] = out[prev + x + 3]! + tmp[enter + x + 3]! - tmp[leave + x + 3]!;
      }
      for (; x < x1; x++) out[row + x] = out[prev + x]! + tmp[enter + x]! - tmp[leave + x]!;
    } else if (enter >= 0) for (let x = x0; x < x1; x++) out[row + x] = out[prev + x]! + tmp[enter + x]!;
    else if (leave >= 0) for (let x = x0; x < x1; x++) out[row + x] = out[prev + x]! - tmp[leave + x]!;
    else for (let x = x0; x < x1; x++) out[row + x] = out[prev + x]!;
  }
}
