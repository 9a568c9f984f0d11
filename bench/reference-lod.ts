/**
 * The plain LOD step the solver started from: x-sweeps of all rows, then the y-sweep row by row,
 * three passes over memory. The bench times it in the same run as the tuned solver (same-run ratio),
 * and the numerics tests use it as the bit-for-bit oracle that tuning must not change.
 */
import type { DiffusionOperator, FieldArray } from "../src/model/fields/solver";

export function referenceDiffuse(f: FieldArray, op: DiffusionOperator): void {
  const { width: w, height: h, x, y } = op;
  for (let j = 0; j < h; j++) {
    const base = j * w;
    let prev = f[base]! * x.inv[0]!;
    f[base] = prev;
    for (let i = 1; i < w; i++) {
      prev = (f[base + i]! + x.r * prev) * x.inv[i]!;
      f[base + i] = prev;
    }
    let next = f[base + w - 1]!;
    for (let i = w - 2; i >= 0; i--) {
      next = f[base + i]! - x.cPrime[i]! * next;
      f[base + i] = next;
    }
  }
  for (let i = 0; i < w; i++) f[i] = f[i]! * y.inv[0]!;
  for (let j = 1; j < h; j++) {
    const s = y.inv[j]!;
    for (let i = 0; i < w; i++) f[j * w + i] = (f[j * w + i]! + y.r * f[(j - 1) * w + i]!) * s;
  }
  for (let j = h - 2; j >= 0; j--) {
    const c = y.cPrime[j]!;
    for (let i = 0; i < w; i++) f[j * w + i] = f[j * w + i]! - c * f[(j + 1) * w + i]!;
  }
}
