/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC: Toni et al. 2009,
 * J R Soc Interface 6:187; Beaumont et al. 2009, Biometrika 96:983; Del Moral, Doucet & Jasra 2012,
 * Stat Comput 22:1009), written as a resumable state machine around a batch simulator.
 *
 * Generation 0 draws N particles from the prior and accepts every run that finished with a finite
 * distance. Generation t > 0 has tolerance ε_t = the weighted α-quantile of generation t−1's
 * distances; candidates are drawn by picking an ancestor by weight and perturbing it with a
 * multivariate normal whose covariance is 2× the weighted covariance of generation t−1 (Beaumont
 * 2009; Filippi et al. 2013) in the priors' transformed space; a candidate outside the prior's
 * support is redrawn before it is simulated (Toni 2009). An accepted candidate θ gets weight
 * w ∝ π(θ) / Σ_j w_j K(θ | θ_j).
 *
 * Batch-synchronous: `proposals` returns a fixed batch of candidates, the caller simulates all of
 * them (in any order, on any number of workers) and hands the distances back to
 * `acceptGeneration`; candidates with distance ≤ ε are kept in candidate order, and rounds repeat
 * until N are accepted. Every random number is keyed by (seed, generation, round, candidate), and
 * the state is plain JSON, so a run stopped after any batch and resumed from its saved state gives
 * the same result as one never stopped.
 *
 * As in Toni 2009, the weights use the untruncated kernel density: redrawing candidates that fall
 * outside the prior's support is not corrected for, which matters only for particles near a bound.
 */
import { applyCholesky, cholesky, logNormalDensity, logSumExp, weightedMoments } from "./linalg";
import { logDensityTransformed, type NamedPrior, parameterValue, sampleTransformed, transformedWidth } from "./priors";
import { candidateRunSeed, candidateStream, standardNormal } from "./rng";
import { effectiveSampleSize, weightedQuantile } from "./weighted";

export interface AbcOptions {
  priors: NamedPrior[];
  /** Particles per generation (N). */
  particles: number;
  /** Candidates simulated per round; default N. */
  batchSize?: number;
  /** Stop after this many finished generations (generation 0 included). */
  generations?: number;
  /** Stop when this many simulator runs have been spent. */
  budget?: number;
  /** Quantile of the previous distances that sets the next tolerance; default 0.5. */
  alpha?: number;
  /** Kernel covariance = kernelScale × weighted covariance; default 2. */
  kernelScale?: number;
  /** Stop once a generation's tolerance is at or below this. */
  minTolerance?: number;
  /**
   * Stop once a generation's acceptance rate falls below this (checked during the generation too).
   * With neither this nor a budget, a simulator that never comes within tolerance runs forever.
   */
  minAcceptanceRate?: number;
  seed: number;
}

/** The options with every default filled in; absent limits are null (the state is JSON). */
export interface AbcConfig {
  priors: NamedPrior[];
  particles: number;
  batchSize: number;
  generations: number | null;
  budget: number | null;
  alpha: number;
  kernelScale: number;
  minTolerance: number | null;
  minAcceptanceRate: number | null;
  seed: number;
}

export interface Particle {
  /** Coordinates in the priors' transformed space (the sampler's own numbers). */
  t: number[];
  /** Parameter values in natural units, in the order of config.priors. */
  values: number[];
  /** Normalised importance weight (unnormalised log weight while a generation is being built). */
  weight: number;
  distance: number;
}

export interface GenerationRecord {
  generation: number;
  /** null for generation 0, whose tolerance is infinite. */
  tolerance: number | null;
  /** Accepted / simulated in this generation (surplus acceptances of the last round counted). */
  acceptanceRate: number;
  runs: number;
  ess: number;
}

export type StopReason = "generations" | "budget" | "tolerance" | "acceptance";

export interface AbcState {
  format: "hepatosim-abc-smc/1";
  config: AbcConfig;
  /** Generation being built. */
  generation: number;
  /** Rounds finished in this generation. */
  round: number;
  /** Simulator runs spent in total. */
  runs: number;
  generationRuns: number;
  generationAccepted: number;
  /** Tolerance of the generation being built; null = infinite (generation 0). */
  tolerance: number | null;
  /** Accepted so far in this generation; weight holds the log of the unnormalised weight. */
  accepted: Particle[];
  /** The last finished generation: the current posterior sample. */
  population: Particle[];
  history: GenerationRecord[];
  done: boolean;
  stopReason: StopReason | null;
}

export interface Candidate {
  /** Position in the batch: distances are matched to candidates by it. */
  index: number;
  t: number[];
  /** Parameter values in natural units, to simulate with (whole numbers for integer parameters). */
  values: number[];
  /** Seed for the simulator run of this candidate. */
  seed: number;
}

export interface Batch {
  generation: number;
  round: number;
  candidates: Candidate[];
}

function positiveInteger(v: number | undefined, name: string): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= 1))
    throw new Error(`ABC-SMC: ${name} must be a positive integer (got ${v})`);
}

/** The state before any run. Throws on inconsistent options. */
export function initialState(options: AbcOptions): AbcState {
  positiveInteger(options.particles, "particles");
  positiveInteger(options.batchSize, "batchSize");
  positiveInteger(options.generations, "generations");
  positiveInteger(options.budget, "budget");
  if (options.generations === undefined && options.budget === undefined)
    throw new Error("ABC-SMC: give generations or budget (or both)");
  if (options.priors.length === 0) throw new Error("ABC-SMC: no parameter to calibrate");
  const names = new Set(options.priors.map((p) => p.name));
  if (names.size !== options.priors.length) throw new Error("ABC-SMC: a parameter is listed twice");
  const alpha = options.alpha ?? 0.5;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`ABC-SMC: alpha must lie in (0, 1) (got ${alpha})`);
  const kernelScale = options.kernelScale ?? 2;
  if (!(kernelScale > 0)) throw new Error(`ABC-SMC: kernelScale must be positive (got ${kernelScale})`);
  if (!Number.isInteger(options.seed)) throw new Error(`ABC-SMC: seed must be an integer (got ${options.seed})`);
  const config: AbcConfig = {
    priors: options.priors.map((p) => ({ name: p.name, prior: JSON.parse(JSON.stringify(p.prior)) })),
    particles: options.particles,
    batchSize: options.batchSize ?? options.particles,
    generations: options.generations ?? null,
    budget: options.budget ?? null,
    alpha,
    kernelScale,
    minTolerance: options.minTolerance ?? null,
    minAcceptanceRate: options.minAcceptanceRate ?? null,
    seed: options.seed,
  };
  return {
    format: "hepatosim-abc-smc/1",
    config,
    generation: 0,
    round: 0,
    runs: 0,
    generationRuns: 0,
    generationAccepted: 0,
    tolerance: null,
    accepted: [],
    population: [],
    history: [],
    done: false,
    stopReason: null,
  };
}

/** Cholesky factor of the perturbation kernel's covariance for the last finished generation. */
function kernelFactor(config: AbcConfig, population: readonly Particle[]): number[][] {
  const { cov } = weightedMoments(
    population.map((p) => p.t),
    population.map((p) => p.weight),
  );
  const scaled = cov.map((row) => row.map((v) => v * config.kernelScale));
  // A population collapsed onto a point (or a line) still needs a proper kernel: add a ridge
  // relative to each prior's width until the factorisation succeeds.
  for (let ridge = 1e-12; ; ridge *= 100) {
    const l = cholesky(scaled);
    if (l) return l;
    config.priors.forEach((p, i) => {
      scaled[i]![i]! += ridge * transformedWidth(p.prior) ** 2;
    });
  }
}

function insideSupport(config: AbcConfig, t: readonly number[]): boolean {
  return config.priors.every((p, i) => logDensityTransformed(p.prior, t[i]!) > -Infinity);
}

const MAX_REDRAWS = 10_000;

/**
 * The candidates of the next round: deterministic for (seed, generation, round). Empty once done.
 * `generation`, when given, must be the state's (a guard for drivers that track it themselves).
 */
export function proposals(state: AbcState, expectedGeneration?: number): Batch {
  const { config, generation, round } = state;
  if (expectedGeneration !== undefined && expectedGeneration !== generation) {
    throw new Error(
      `ABC-SMC: proposals for generation ${expectedGeneration} asked of a state at generation ${generation}`,
    );
  }
  const batch: Batch = { generation, round, candidates: [] };
  if (state.done) return batch;
  const left = config.budget === null ? Infinity : config.budget - state.runs;
  const count = Math.min(config.batchSize, left);
  const population = state.population;
  const l = generation > 0 ? kernelFactor(config, population) : null;
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of population) cumulative.push((sum += p.weight));
  for (let index = 0; index < count; index++) {
    const u = candidateStream(config.seed, generation, round, index);
    let t: number[] | null = null;
    if (!l) t = config.priors.map((p) => sampleTransformed(p.prior, u));
    else {
      for (let attempt = 0; attempt < MAX_REDRAWS && !t; attempt++) {
        const r = u() * sum;
        let j = cumulative.findIndex((c) => c > r);
        if (j < 0) j = population.length - 1;
        const proposal = applyCholesky(
          population[j]!.t,
          l,
          config.priors.map(() => standardNormal(u)),
        );
        if (insideSupport(config, proposal)) t = proposal;
      }
      if (!t)
        throw new Error(
          `ABC-SMC: no candidate inside the prior support after ${MAX_REDRAWS} draws (generation ${generation})`,
        );
    }
    const values = t.map((v, i) => parameterValue(config.priors[i]!, v));
    batch.candidates.push({ index, t, values, seed: candidateRunSeed(config.seed, generation, round, index) });
  }
  return batch;
}

/** log of the unnormalised importance weight of an accepted candidate. */
function logWeight(
  config: AbcConfig,
  population: readonly Particle[],
  l: number[][] | null,
  t: readonly number[],
): number {
  const logPrior = config.priors.reduce((s, p, i) => s + logDensityTransformed(p.prior, t[i]!), 0);
  if (!l) return 0;
  const terms = population.map((p) => Math.log(p.weight) + logNormalDensity(t, p.t, l));
  return logPrior - logSumExp(terms);
}

/**
 * Takes the distances of a batch (distances[i] belongs to batch.candidates[i]; NaN or ±Infinity
 * for a failed run, which is never accepted) and returns the next state. Does not modify `state`.
 */
export function acceptGeneration(state: AbcState, batch: Batch, distances: readonly number[]): AbcState {
  if (state.done) throw new Error("ABC-SMC: the calibration has already stopped");
  if (batch.generation !== state.generation || batch.round !== state.round) {
    throw new Error(
      `ABC-SMC: batch of generation ${batch.generation} round ${batch.round} given to a state at generation ${state.generation} round ${state.round}`,
    );
  }
  if (distances.length !== batch.candidates.length)
    throw new Error(`ABC-SMC: ${distances.length} distances for ${batch.candidates.length} candidates`);
  const { config } = state;
  const next: AbcState = JSON.parse(JSON.stringify(state));
  const l = state.generation > 0 ? kernelFactor(config, state.population) : null;
  next.runs += batch.candidates.length;
  next.generationRuns += batch.candidates.length;
  next.round += 1;
  batch.candidates.forEach((c, i) => {
    const d = distances[i]!;
    if (!Number.isFinite(d) || (state.tolerance !== null && d > state.tolerance)) return;
    next.generationAccepted += 1;
    if (next.accepted.length < config.particles) {
      next.accepted.push({
        t: [...c.t],
        values: [...c.values],
        weight: logWeight(config, state.population, l, c.t),
        distance: d,
      });
    }
  });
  const budgetSpent = config.budget !== null && next.runs >= config.budget;
  if (next.accepted.length < config.particles) {
    if (budgetSpent) return stop(next, "budget");
    // Past N / minAcceptanceRate runs this generation can no longer finish above the minimum rate.
    if (config.minAcceptanceRate !== null && next.generationRuns >= config.particles / config.minAcceptanceRate)
      return stop(next, "acceptance");
    return next;
  }
  finishGeneration(next);
  const record = next.history[next.history.length - 1]!;
  if (config.generations !== null && next.history.length >= config.generations) return stop(next, "generations");
  if (budgetSpent) return stop(next, "budget");
  if (config.minTolerance !== null && record.tolerance !== null && record.tolerance <= config.minTolerance)
    return stop(next, "tolerance");
  if (config.minAcceptanceRate !== null && record.acceptanceRate < config.minAcceptanceRate)
    return stop(next, "acceptance");
  next.generation += 1;
  next.round = 0;
  next.generationRuns = 0;
  next.generationAccepted = 0;
  next.tolerance = weightedQuantile(
    next.population.map((p) => p.distance),
    next.population.map((p) => p.weight),
    config.alpha,
  );
  return next;
}

/** Normalises the accepted particles' weights and makes them the population. */
function finishGeneration(s: AbcState): void {
  const norm = logSumExp(s.accepted.map((p) => p.weight));
  s.population = s.accepted.map((p) => ({ ...p, weight: Math.exp(p.weight - norm) }));
  s.accepted = [];
  s.history.push({
    generation: s.generation,
    tolerance: s.tolerance,
    acceptanceRate: s.generationAccepted / s.generationRuns,
    runs: s.generationRuns,
    ess: effectiveSampleSize(s.population.map((p) => p.weight)),
  });
}

function stop(s: AbcState, reason: StopReason): AbcState {
  s.done = true;
  s.stopReason = reason;
  return s;
}

/**
 * Runs to the end with a synchronous simulator (tests, small drivers). `afterBatch` sees every
 * new state (e.g. to save it) and may return false to stop early; the state returned then resumes.
 */
export function runToEnd(
  state: AbcState,
  simulate: (batch: Batch) => number[],
  afterBatch?: (s: AbcState) => boolean | undefined,
): AbcState {
  while (!state.done) {
    const batch = proposals(state);
    state = acceptGeneration(state, batch, simulate(batch));
    if (afterBatch && afterBatch(state) === false) break;
  }
  return state;
}
