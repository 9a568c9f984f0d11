/**
 * Issue 2 (e): `diffuse` equals `diffuseRows` then `diffuseColumns` bit for bit, also when the rows
 * are split into 2 or 4 strips and the columns into 2 or 4 blocks, as multi-worker runs will split
 * them; and the tuned solver equals the plain line-by-line oracle bit for bit, through each of its
 * Float32Array paths (WebAssembly with SIMD, WebAssembly one line per register, JS line groups) and
 * its Float64Array path.
 */
import { INCREMENT_SLOTS } from "../../src/model/fields/field-set";
import { describe, expect, it } from "vitest";
import {
  createFieldMemory,
  type DiffusionOperator,
  diffuse,
  diffuseColumns,
  diffuseRows,
  type FieldArray,
  type FieldSet,
  makeDiffusionOperator,
  ownFieldSet,
  sharedFieldSet,
  useSolverKernels,
} from "../../src/model/fields/solver";
import { fillUniform } from "./fill";
import { plainDiffuse } from "./plain-lod";

/** Lattice shapes: degenerate lines, odd sizes, a square and a tall one (column blocks narrower than the width). */
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 9],
  [9, 1],
  [3, 5],
  [67, 53],
  [128, 128],
  [40, 1024],
];
/** (D µm²/h, decay 1/h, dt h): TNF at the engine's step, oxygen capped by the rate cap, a slow field at a short sub-step. */
const PARAMS: [number, number, number][] = [
  [72000, 1.65, 0.3],
  [6000000, 6, 8.25e-4],
  [36000, 0.6, 0.01],
];
const STEPS = 4;

/** Boundaries of `parts` near-equal pieces of [0, n). */
function cuts(n: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, k) => Math.floor((k * n) / parts));
}

function partitioned(f: FieldArray, op: DiffusionOperator, strips: number, blocks: number): void {
  const ys = cuts(op.height, strips);
  const xs = cuts(op.width, blocks);
  for (let k = 0; k < strips; k++) diffuseRows(f, op, ys[k]!, ys[k + 1]!);
  for (let k = 0; k < blocks; k++) diffuseColumns(f, op, xs[k]!, xs[k + 1]!);
}

/** partitioned() on field f of a FieldSet. */
function partitionedSet(set: FieldSet, f: number, op: DiffusionOperator, strips: number, blocks: number): void {
  const ys = cuts(op.height, strips);
  const xs = cuts(op.width, blocks);
  for (let k = 0; k < strips; k++) set.diffuseRows(f, op, ys[k]!, ys[k + 1]!);
  for (let k = 0; k < blocks; k++) set.diffuseColumns(f, op, xs[k]!, xs[k + 1]!);
}

/** Number of entries whose bits differ (compares NaN payloads and signed zeros too). */
function bitDifferences(a: FieldArray, b: FieldArray): number {
  const wa = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
  const wb = new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  let n = 0;
  for (let k = 0; k < wa.length; k++) if (wa[k] !== wb[k]) n++;
  return n;
}

/** Every solver path: Float32Array through each kernel set, and Float64Array. */
const SOLVER_PATHS = [
  ["float32, wasm SIMD", "simd", (n: number) => new Float32Array(n)],
  ["float32, wasm scalar", "scalar", (n: number) => new Float32Array(n)],
  ["float32, JS line groups", "js", (n: number) => new Float32Array(n)],
  ["float64", "simd", (n: number) => new Float64Array(n)],
] as const;

const SPLITS: [number, number][] = [
  [1, 1],
  [2, 2],
  [4, 4],
  [2, 4],
  [4, 1],
];

/** Differing entries of every configuration against the whole-lattice step: [oracle, ...SPLITS]. */
function differences(make: (n: number) => FieldArray): { cases: number; total: number[] } {
  const total = [0, ...SPLITS.map(() => 0)];
  let cases = 0;
  for (const [w, h] of SHAPES) {
    for (const [d, decay, dt] of PARAMS) {
      const op = makeDiffusionOperator(w, h, d, decay, 20, dt);
      const start = make(w * h);
      fillUniform(start, w * 1000 + h);
      const whole = start.slice();
      const oracle = start.slice();
      for (let s = 0; s < STEPS; s++) {
        diffuse(whole, op);
        plainDiffuse(oracle, op);
      }
      total[0]! += bitDifferences(whole, oracle);
      SPLITS.forEach(([strips, blocks], k) => {
        const split = start.slice();
        for (let s = 0; s < STEPS; s++) partitioned(split, op, strips, blocks);
        total[k + 1]! += bitDifferences(whole, split);
      });
      cases++;
    }
  }
  return { cases, total };
}

describe("partitioned sweeps", () => {
  it("the WebAssembly kernels load in Node (otherwise float32 would silently take the JS path)", () => {
    expect(useSolverKernels("scalar")).toBe("scalar");
    expect(useSolverKernels("simd")).toBe("simd");
  });

  it("give the same bits as the whole-lattice step and the plain oracle (float32: wasm SIMD, wasm scalar, JS; float64)", () => {
    const labels = ["plain oracle", ...SPLITS.map(([s, b]) => `${s} strips × ${b} blocks`)];
    for (const [name, kernels, make] of SOLVER_PATHS) {
      expect(useSolverKernels(kernels)).toBe(kernels);
      const { cases, total } = differences(make);
      useSolverKernels("simd");
      console.log(
        `partition, ${name}, ${cases} shape × parameter cases, ${STEPS} steps; differing entries vs diffuse: ${labels.map((l, k) => `${l} ${total[k]}`).join(", ")}`,
      );
      expect(total).toEqual(total.map(() => 0));
    }
  });

  it("sweep in place in a shared field memory (partitioned runs) with the same bits", () => {
    for (const kernels of ["simd", "scalar"] as const) {
      expect(useSolverKernels(kernels)).toBe(kernels);
      let differing = 0;
      let cases = 0;
      for (const [w, h] of SHAPES) {
        const memory = createFieldMemory(w, h, w, PARAMS.length + INCREMENT_SLOTS, 2);
        expect(memory).not.toBeNull();
        const set = sharedFieldSet(memory!, w, h, w, PARAMS.length, 1);
        expect(set.backend.kind).toBe("in-place");
        PARAMS.forEach(([d, decay, dt], i) => {
          const op = makeDiffusionOperator(w, h, d, decay, 20, dt);
          const view = set.arrays[i]!;
          fillUniform(view, w * 1000 + h);
          const whole = view.slice();
          for (let s = 0; s < STEPS; s++) {
            diffuse(whole, op);
            partitionedSet(set, i, op, 2, 3);
          }
          differing += bitDifferences(whole, view);
          cases++;
        });
      }
      useSolverKernels("simd");
      console.log(`in-place sweeps, ${kernels}: ${cases} cases, differing entries vs diffuse: ${differing}`);
      expect(differing).toBe(0);
    }
  });

  it("sweep a one-thread run's fields in place in their own memory with the same bits", () => {
    for (const kernels of ["simd", "scalar", "js"] as const) {
      expect(useSolverKernels(kernels)).toBe(kernels);
      let differing = 0;
      for (const [w, h] of SHAPES) {
        const plain = PARAMS.map((_, i) => {
          const f = new Float32Array(w * h);
          fillUniform(f, w * 1000 + h + i);
          return f;
        });
        const own = ownFieldSet(plain, w, h);
        // Copies of the values, swept in place when the kernels are wasm; the JS path keeps the arrays.
        expect(own.backend.kind).toBe(kernels === "js" ? "js" : "in-place");
        expect(own.arrays.every((f, i) => f === plain[i])).toBe(kernels === "js");
        PARAMS.forEach(([d, decay, dt], i) => {
          const op = makeDiffusionOperator(w, h, d, decay, 20, dt);
          const whole = own.arrays[i]!.slice();
          expect(bitDifferences(whole, plain[i]!)).toBe(0);
          for (let s = 0; s < STEPS; s++) {
            diffuse(whole, op);
            own.diffuse(i, op);
          }
          differing += bitDifferences(whole, own.arrays[i]!);
        });
      }
      useSolverKernels("simd");
      console.log(`own field memory, ${kernels}: differing entries vs copies: ${differing}`);
      expect(differing).toBe(0);
    }
  });

  it("sweep fields with padded rows (pitch > width) to the same values on every path, leaving the padding alone", () => {
    const PAD = 16;
    const SENTINEL = 7.5;
    for (const [name, kernels, make] of SOLVER_PATHS) {
      expect(useSolverKernels(kernels)).toBe(kernels);
      let differing = 0;
      let padding = 0;
      let cases = 0;
      for (const [w, h] of SHAPES) {
        const pitch = w + PAD;
        PARAMS.forEach(([d, decay, dt]) => {
          const op = makeDiffusionOperator(w, h, d, decay, 20, dt);
          const flat = make(w * h);
          fillUniform(flat, w * 1000 + h);
          const padded = make(pitch * h).fill(SENTINEL);
          for (let y = 0; y < h; y++) padded.set(flat.subarray(y * w, (y + 1) * w), y * pitch);
          // Whole steps, partitioned steps, and (float32) swept in place in the run's own memory.
          const variants: FieldArray[] = [padded, padded.slice()];
          const own = padded instanceof Float32Array ? ownFieldSet([padded.slice()], w, h) : null;
          if (own) variants.push(own.arrays[0]!);
          for (let s = 0; s < STEPS; s++) {
            diffuse(flat, op);
            diffuse(variants[0]!, op);
            partitioned(variants[1]!, op, 2, 3);
            own?.diffuse(0, op);
          }
          for (const v of variants) {
            const logical = make(w * h);
            for (let y = 0; y < h; y++) {
              logical.set(v.subarray(y * pitch, y * pitch + w), y * w);
              for (let x = w; x < pitch; x++) if (v[y * pitch + x] !== SENTINEL) padding++;
            }
            differing += bitDifferences(flat, logical);
            cases++;
          }
        });
      }
      useSolverKernels("simd");
      console.log(
        `padded rows (+${PAD}), ${name}: ${cases} cases, differing entries vs unpadded ${differing}, padding entries changed ${padding}`,
      );
      expect(cases).toBeGreaterThan(SHAPES.length * PARAMS.length);
      expect([differing, padding]).toEqual([0, 0]);
    }
  });

  it("refuses a field that does not fit the lattice", () => {
    const op = makeDiffusionOperator(16, 16, 72000, 1.65, 20, 0.3);
    expect(() => diffuse(new Float32Array(15 * 16), op)).toThrow(/does not fit a 16 × 16 lattice/);
    expect(() => diffuse(new Float32Array(16 * 16 + 1), op)).toThrow(/does not fit/);
  });

  it("moves values: a step is not the identity", () => {
    const op = makeDiffusionOperator(16, 16, 72000, 1.65, 20, 0.3);
    const f = new Float32Array(256);
    fillUniform(f, 3);
    const before = f.slice();
    diffuse(f, op);
    expect(bitDifferences(f, before)).toBeGreaterThan(200);
  });
});
