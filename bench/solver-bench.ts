/**
 * Solver throughput: voxel-updates per second of one diffusion step over all fields, median of
 * several runs. Variants are timed in turns (run 1 of each, then run 2 of each, …) so that a burst
 * of load from other processes hits all of them alike and their ratios stay fair.
 */
import { type DiffusionOperator, type FieldSet, makeDiffusionOperator } from "../src/model/fields/solver";
import { ANCHOR_SOLVER_PARAMS } from "./anchors";
import { timed } from "./cpu-share";

export interface SolverVariant {
  label: string;
  /** Called before each of its runs (e.g. to select the solver's kernels). */
  select?: () => void;
  /** One step of every field; default: `step` on each array. */
  step?: (f: Float32Array, op: DiffusionOperator) => void;
  /** Places freshly filled fields in a FieldSet that steps them (after select); `step` is then unused. */
  adopt?: (fields: Float32Array[], width: number, height: number) => FieldSet;
  /** Row length of the fields (default grid: no padding); runs pad some widths (fields/layout fieldPitch). */
  pitch?: number;
}

export interface SolverResult {
  grid: number;
  /** Row length of the fields, if not `grid`. */
  pitch?: number;
  fields: number;
  workers: number;
  voxel_updates_per_s: number;
}

/** Deterministic values in [0.25, 1): no Math.random, and far from float32 denormals over many decaying steps. */
export function fillField(f: Float32Array, salt: number): void {
  for (let i = 0; i < f.length; i++) f[i] = 0.25 + (0.75 * (Math.imul(i ^ salt, 0x9e3779b1) >>> 0)) / 4294967296;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Times `runs` runs (after `warmup` discarded ones) of each variant over `fields` fields of grid².
 * A run repeats the step enough times to last ≳ 20 ms, so small grids are not timer noise.
 */
export function benchSolvers(
  grid: number,
  fields: number,
  runs: number,
  variants: SolverVariant[],
  warmup = 3,
): SolverResult[] {
  const { diffusion, decay, dx, dt } = ANCHOR_SOLVER_PARAMS;
  const pitches = variants.map((v) => v.pitch ?? grid);
  const op = makeDiffusionOperator(grid, grid, diffusion, decay, dx, dt);
  const fresh = (pitch: number) =>
    Array.from({ length: fields }, (_, k) => {
      const f = new Float32Array(pitch * grid);
      fillField(f, k + 1);
      return f;
    });
  const steps = variants.map((v, i): (() => void) => {
    v.select?.();
    if (v.adopt) {
      const set = v.adopt(fresh(pitches[i]!), grid, grid);
      return () => {
        for (let f = 0; f < fields; f++) set.diffuse(f, op);
      };
    }
    const arrays = fresh(pitches[i]!);
    const step = v.step!;
    return () => {
      for (const f of arrays) step(f, op);
    };
  });
  const repeats = Math.max(1, Math.round((8 * 1024 * 1024) / (grid * grid * fields)));
  const rates = variants.map((): number[] => []);
  for (let run = 0; run < warmup + runs; run++) {
    variants.forEach((v, i) => {
      v.select?.();
      const seconds = timed(() => {
        for (let r = 0; r < repeats; r++) steps[i]!();
      });
      if (run >= warmup) rates[i]!.push((grid * grid * fields * repeats) / seconds);
    });
  }
  return rates.map((r, i) => ({
    grid,
    ...(pitches[i] !== grid ? { pitch: pitches[i] } : {}),
    fields,
    workers: 1,
    voxel_updates_per_s: median(r),
  }));
}
