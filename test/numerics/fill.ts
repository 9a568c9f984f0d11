/** Deterministic test fields (no Math.random): a counter hash mapped to [0, 1). */
import { uniform } from "../../src/model/rng/counter";

/** Fills `f` with values in [lo, hi) drawn from (seed, site). */
export function fillUniform(f: Float32Array | Float64Array, seed: number, lo = 0, hi = 1): void {
  for (let k = 0; k < f.length; k++) f[k] = lo + (hi - lo) * uniform(seed, 0, k, 0);
}

/** Sum in double precision. */
export function total(f: Float32Array | Float64Array): number {
  let s = 0;
  for (let k = 0; k < f.length; k++) s += f[k]!;
  return s;
}
