/**
 * A calibration's settings, checked: the datasets, their fit points, the priors and the sampler's
 * options, from settings written as text (the command line's flags, or the page's form). One
 * function for both, so the page and `hepatosim calibrate` refuse the same inputs with the same
 * messages and, given the same settings, run the same candidates. Pure (no node:, no DOM).
 */
import { boundedNumber, LATTICE_MAX, LATTICE_MIN } from "../../model/params/scenario-schema";
import { InputError } from "../../model/params/validation";
import { checkedFlag, flagError, seedSchema } from "../flag-values";
import type { Dataset } from "../reference/dataset";
import { type AbcConfig, type AbcOptions, initialState } from "./abc-smc";
import { type NamedPrior, type PriorSpec, priorsFor, registryPrior } from "./priors";
import { armsOf, chooseDatasets, type FitPoint, fitPoints } from "./problem";

/** Settings as typed; absent = the default. Flag names (--data …) name them in messages. */
export interface CalibrationInput {
  data?: string;
  params?: string;
  particles?: string;
  generations?: string;
  budget?: string;
  seedsPerParticle?: string;
  seed?: string;
  assumeSpread?: string;
  /** Width = height of every run's lattice, overriding the datasets' protocols. */
  lattice?: string;
}

export interface CalibrationSetup {
  datasets: Dataset[];
  points: FitPoint[];
  names: string[];
  options: AbcOptions;
  config: AbcConfig;
  seedsPerParticle: number;
  /** Simulator runs per candidate: datasets × seeds per particle. */
  runsPerCandidate: number;
  assumeSpread: number | null;
  /** Lattice width and height of every run, or null for each dataset's protocol. */
  lattice: number | null;
}

/** Stop a generation whose acceptance rate can no longer reach 1 %: without a budget it could run forever. */
export const MIN_ACCEPTANCE_RATE = 0.01;
export const DEFAULT_GENERATIONS = 5;
export const DEFAULT_PARTICLES = 50;
export const MAX_PARTICLES = 10_000;
export const MAX_SEEDS_PER_PARTICLE = 100;

export const listOf = (raw: string | undefined): string[] =>
  (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function wholeNumber(raw: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(n) || n < min || n > max)
    throw flagError(flag, raw, `a whole number from ${min} to ${max}`);
  return n;
}

/** Every setting checked before anything is run; `priorFile` overrides registry priors (already parsed). */
export function calibrationSetup(
  library: readonly Dataset[],
  input: CalibrationInput,
  priorFile: Record<string, PriorSpec> = {},
): CalibrationSetup {
  const datasets = chooseDatasets(library, listOf(input.data));
  let assumeSpread: number | null = null;
  if (input.assumeSpread !== undefined) {
    assumeSpread = Number(input.assumeSpread);
    if (!(assumeSpread > 0 && assumeSpread <= 10))
      throw flagError("--assume-spread", input.assumeSpread, "a relative spread above 0 and at most 10, e.g. 0.1");
  }
  const points = fitPoints(datasets, assumeSpread ?? undefined);
  const names = listOf(input.params);
  if (names.length === 0)
    throw flagError("--params", input.params ?? "", "one or more parameter keys, comma-separated");
  for (const name of names) {
    try {
      registryPrior(name);
    } catch (e) {
      if (e instanceof InputError)
        throw flagError("--params", name, "parameter keys of the registry (see docs/parameters.md)");
      throw e;
    }
  }
  if (new Set(names).size !== names.length) throw flagError("--params", input.params, "each parameter once");
  const priors: NamedPrior[] = priorsFor(names, priorFile);
  const particles = wholeNumber(input.particles, "--particles", 2, MAX_PARTICLES) ?? DEFAULT_PARTICLES;
  let generations = wholeNumber(input.generations, "--generations", 1, 1000);
  const budgetRuns = wholeNumber(input.budget, "--budget", 1, 100_000_000);
  if (generations === undefined && budgetRuns === undefined) generations = DEFAULT_GENERATIONS;
  const seedsPerParticle = wholeNumber(input.seedsPerParticle, "--seeds-per-particle", 1, MAX_SEEDS_PER_PARTICLE) ?? 1;
  // The sampler counts candidates; each costs one run per dataset, arm and seed.
  const runsPerCandidate = datasets.reduce((n, d) => n + armsOf(d).length, 0) * seedsPerParticle;
  let budget: number | undefined;
  if (budgetRuns !== undefined) {
    budget = Math.floor(budgetRuns / runsPerCandidate);
    if (budget < particles)
      throw flagError(
        "--budget",
        input.budget,
        `at least one generation's runs: ${particles * runsPerCandidate} (particles × datasets' arms × seeds per particle)`,
      );
  }
  const seed = input.seed !== undefined ? checkedFlag(seedSchema, input.seed, "--seed", "seed") : 1;
  const lattice =
    input.lattice !== undefined
      ? checkedFlag(boundedNumber(LATTICE_MIN, LATTICE_MAX, "sites", true), input.lattice, "--lattice", "lattice")
      : null;
  const options: AbcOptions = { priors, particles, generations, budget, seed, minAcceptanceRate: MIN_ACCEPTANCE_RATE };
  const config = initialState(options).config;
  return { datasets, points, names, options, config, seedsPerParticle, runsPerCandidate, assumeSpread, lattice };
}
