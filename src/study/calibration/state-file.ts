/**
 * Reading back a saved ABC-SMC state (for `--resume`): the JSON is checked field by field so that
 * a truncated or hand-edited file is refused with a message naming the field, not half-resumed.
 */
import { z } from "zod";
import { InputError, parseOrThrow } from "../../model/params/validation";
import type { AbcConfig, AbcState } from "./abc-smc";
import { parsePriorFile } from "./priors";

const CONTEXT = "calibration state";
const num = z.number();
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const particle = z.strictObject({ t: z.array(num), values: z.array(num), weight: num, distance: num });

const stateSchema = z.strictObject({
  format: z.literal("hepatosim-abc-smc/1", {
    error: 'allowed: "hepatosim-abc-smc/1" (a state written by this version)',
  }),
  config: z.strictObject({
    priors: z.array(z.strictObject({ name: z.string(), prior: z.unknown() })).min(1),
    particles: positive,
    batchSize: positive,
    generations: positive.nullable(),
    budget: positive.nullable(),
    alpha: num.gt(0).lt(1),
    kernelScale: num.positive(),
    minTolerance: num.nullable(),
    minAcceptanceRate: num.nullable(),
    seed: z.number().int(),
  }),
  generation: count,
  round: count,
  runs: count,
  generationRuns: count,
  generationAccepted: count,
  tolerance: num.nonnegative().nullable(),
  accepted: z.array(particle),
  population: z.array(particle),
  history: z.array(
    z.strictObject({
      generation: count,
      tolerance: num.nullable(),
      acceptanceRate: num.min(0).max(1),
      runs: count,
      ess: num.nonnegative(),
    }),
  ),
  done: z.boolean(),
  stopReason: z.enum(["generations", "budget", "tolerance", "acceptance"]).nullable(),
});

/** Validates a parsed state file and returns it as a state; throws an InputError naming the field. */
export function parseState(input: unknown): AbcState {
  const state = parseOrThrow(stateSchema, input, CONTEXT) as AbcState;
  // The priors are checked by the prior-file rules (known parameter, valid bounds).
  parsePriorFile(Object.fromEntries(state.config.priors.map((p) => [p.name, p.prior])));
  const d = state.config.priors.length;
  const bad = (path: string, allowed: string) =>
    new InputError([{ path, value: "(inconsistent)", allowed, message: `${path}: ${allowed}` }], CONTEXT);
  for (const [field, list] of [
    ["accepted", state.accepted],
    ["population", state.population],
  ] as const) {
    list.forEach((p, i) => {
      if (p.t.length !== d || p.values.length !== d)
        throw bad(`${field}[${i}]`, `${d} coordinates, one per calibrated parameter`);
    });
  }
  if (state.accepted.length > state.config.particles)
    throw bad("accepted", `at most ${state.config.particles} particles`);
  if (state.generation > 0 && state.population.length !== state.config.particles)
    throw bad("population", `${state.config.particles} particles`);
  // Finished generations are in the history; the one being built is not, unless the run stopped right after finishing it.
  if (!(state.history.length === state.generation || (state.done && state.history.length === state.generation + 1))) {
    throw bad("history", "one record per finished generation");
  }
  return state;
}

/**
 * Settings that differ between a saved state and the ones asked for now (names of the fields);
 * resuming with different settings would not give the result of an uninterrupted run.
 */
export function configDifferences(saved: AbcConfig, wanted: AbcConfig): string[] {
  const keys = Object.keys(saved) as (keyof AbcConfig)[];
  return keys.filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(wanted[k]));
}
