/**
 * Reproducible draws for calibration. Every candidate of every round owns a stream keyed by
 * (seed, generation, round, candidate), built on the model's counter hash: a candidate's numbers
 * never depend on how many draws another candidate needed, nor on the order runs finish.
 */
import { hash4, seedToUint32, uniform } from "../../model/rng/counter";

/** Purpose keys of the calibration streams (kept apart from the model's own purposes). */
const PURPOSE_PROPOSAL = 0xab0c;
const PURPOSE_RUN_SEED = 0xab0d;
const PURPOSE_REPLICATE = 0xab0e;

/** A stream of uniforms in (0, 1): never exactly 0, so logarithms stay finite. */
export type Uniforms = () => number;

function streamKey(seed: number, generation: number, round: number, candidate: number): number {
  return hash4(seedToUint32(seed), generation, round, hash4(candidate, 0, 0, PURPOSE_PROPOSAL));
}

/** The uniform stream of one candidate. */
export function candidateStream(seed: number, generation: number, round: number, candidate: number): Uniforms {
  const key = streamKey(seed, generation, round, candidate);
  let k = 0;
  return () => {
    const u = uniform(key, k++, 0, PURPOSE_PROPOSAL);
    return u === 0 ? 2 ** -33 : u;
  };
}

/** The simulator seed of one candidate: distinct candidates get unrelated seeds. */
export function candidateRunSeed(seed: number, generation: number, round: number, candidate: number): number {
  return hash4(streamKey(seed, generation, round, candidate), 0, 0, PURPOSE_RUN_SEED);
}

/** Standard normal draw (Box–Muller, one of the pair). */
export function standardNormal(u: Uniforms): number {
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/**
 * Seed of replicate k of a candidate, for callers that average a particle's distance over several
 * simulator seeds; replicate 0 is the candidate's own seed.
 */
export function replicateSeed(candidateSeed: number, k: number): number {
  return k === 0 ? candidateSeed : hash4(candidateSeed, k, 0, PURPOSE_REPLICATE);
}
