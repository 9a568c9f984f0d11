/**
 * Integer box sums (lattice/neighbours): running sums along rows, then down column blocks, must
 * equal the direct sum over every clipped (2r+1)² window, for any size, radius and column split.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxSumColumnsInt, boxSumLineInt } from "../../src/model/lattice/neighbours";

function direct(src: Int32Array, w: number, h: number, r: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++)
        for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) s += src[yy * w + xx]!;
      out.push(s);
    }
  return out;
}

describe("integer box sums", () => {
  it("equal the direct window sums for any width, height, radius and split into column blocks", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (w, h, r, blocks, seed) => {
          const src = Int32Array.from({ length: w * h }, (_, k) => (Math.imul(k + 1, 0x9e3779b1) ^ seed) & 1023);
          const rows = new Int32Array(w * h);
          for (let y = 0; y < h; y++) boxSumLineInt(src, y * w, rows, y * w, w, r);
          const out = new Int32Array(w * h);
          for (let b = 0; b < blocks; b++)
            boxSumColumnsInt(rows, out, w, h, r, Math.floor((b * w) / blocks), Math.floor(((b + 1) * w) / blocks));
          expect(Array.from(out)).toEqual(direct(src, w, h, r));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
