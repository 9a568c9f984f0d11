/**
 * Seeded draws for study design (cohort sampling, Latin hypercubes, patient seeds): seedrandom, as the
 * foundation issue allows for scenario-level draws. The simulation itself never uses these.
 */
import seedrandom from "seedrandom";

export type Uniform = () => number;

/** A reproducible stream of uniforms in [0, 1), named so that independent uses never share draws. */
export function uniformStream(seed: number, purpose: string): Uniform {
  const prng = seedrandom(`hepatosim:${purpose}:${seed}`);
  return () => prng.double();
}

/** Standard normal by Box–Muller (one value per call, the pair's second half discarded for simplicity). */
export function normal(u: Uniform): number {
  let a = u();
  while (a <= Number.MIN_VALUE) a = u();
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
}

/** Fisher–Yates permutation of 0…n−1. */
export function permutation(n: number, u: Uniform): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** Whole-number seed in [0, 2³²). */
export function drawSeed(u: Uniform): number {
  return Math.floor(u() * 4294967296);
}
