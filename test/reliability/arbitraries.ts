/**
 * fast-check generators for the reliability properties: valid scenario documents drawn from the
 * declared ranges (small and short so hundreds of runs fit in seconds), and the fixed seed and case
 * count every property uses.
 */
import fc from "fast-check";
import { PARAMETERS } from "../../src/model/params/registry";
import {
  CIRRHOSIS_GRADES,
  INJURY_TYPES,
  MECHANISMS,
  MSC_ROUTES,
  MSC_SOURCES,
  type ScenarioInput,
  SPECIES,
  STAGES,
} from "../../src/model/params/scenario-schema";
import type { ParamSpec } from "../../src/model/params/spec";

/** Every property runs with this seed (reproducible in CI) and at least this many cases. */
export const PROPERTY_SEED = 20261126;
export const CASES = 200;
/** Cases of the properties that run whole simulations (fast-check's default number of runs). */
export const SIMULATION_CASES = 100;

/** Divisors of a day that the schema accepts as a step length. */
export const DT_CHOICES = [0.25, 0.5, 1, 2, 3, 4, 6] as const;

/**
 * Narrower than the declared range, only to keep each case short: the stage generator may run for
 * up to `generation_max_weeks` (200 weeks = 33,600 steps); sub-steps multiply the field work.
 */
export const SPEED_CAPS: Readonly<Record<string, [number, number]>> = {
  "injury.generation_max_weeks": [1, 1],
  "injury.advanced_extra_weeks": [0, 1],
  "simulation.field_substeps": [1, 6],
};

/** A value inside [min, max]: the ends, the default, uniform draws and (for wide ranges) log-uniform draws. */
function inRange(min: number, max: number, def: number, integer: boolean): fc.Arbitrary<number> {
  if (integer)
    return fc.oneof(fc.constantFrom(min, max, Math.min(max, Math.max(min, Math.round(def)))), fc.integer({ min, max }));
  const options: fc.Arbitrary<number>[] = [
    fc.constantFrom(min, max, def),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
  ];
  const low = Math.max(min, max * 1e-6);
  if (max / low > 100)
    options.push(
      fc
        .double({ min: Math.log(low), max: Math.log(max), noNaN: true })
        .map((l) => Math.min(max, Math.max(min, Math.exp(l)))),
    );
  return fc.oneof(...options);
}

export function parameterValue(p: ParamSpec): fc.Arbitrary<number> {
  if (p.key === "simulation.dt") return fc.constantFrom(...DT_CHOICES);
  const [min, max] = SPEED_CAPS[p.key] ?? [p.min, p.max];
  return inRange(min, max, Math.min(max, Math.max(min, p.default)), p.integer === true);
}

/**
 * A random subset of the parameters (none to all), each inside its declared range; the capped ones
 * are always set, since their defaults (40 weeks of generation) lie outside the caps.
 */
export const parametersArb = fc
  .tuple(
    fc.record(Object.fromEntries(PARAMETERS.map((p) => [p.key, parameterValue(p)])), { requiredKeys: [] }),
    fc.record(Object.fromEntries(PARAMETERS.filter((p) => p.key in SPEED_CAPS).map((p) => [p.key, parameterValue(p)]))),
  )
  .map(([chosen, capped]) => ({ ...capped, ...chosen }) as Record<string, number>);

const infusionArb = (days: number) =>
  fc.record(
    {
      day: fc.oneof(fc.constantFrom(0, days), fc.double({ min: 0, max: days, noNaN: true })),
      source: fc.constantFrom(...MSC_SOURCES),
      route: fc.constantFrom(...MSC_ROUTES),
      dose_cells_per_kg: inRange(0, 1e9, 1e6, false),
      hgf_multiplier: inRange(0, 20, 1, false),
      homing_multiplier: inRange(0, 20, 1, false),
    },
    { requiredKeys: ["day", "source", "route", "dose_cells_per_kg"] },
  );

/** The run's injury window, inside a run of `days`. */
const injuryArb = (days: number) =>
  fc
    .tuple(
      fc.constantFrom(...INJURY_TYPES),
      inRange(0, 5, 1, false),
      fc.integer({ min: 0, max: days }),
      fc.integer({ min: 0, max: days }),
    )
    .map(([type, intensity, a, b]) => ({ type, intensity, start_day: Math.min(a, b), end_day: Math.max(a, b) }));

const speciesArb = fc.constantFrom(...SPECIES);

/** Body mass and up to three infusions inside a run of `days`. */
const therapyArb = (days: number) =>
  fc.record(
    {
      body_mass_kg: fc.option(inRange(0.01, 300, 70, false), { nil: null }),
      infusions: fc.array(infusionArb(days), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

const mechanismsArb = fc.record(Object.fromEntries(MECHANISMS.map((m) => [m, fc.boolean()])), { requiredKeys: [] });

export interface ValidOptions {
  sizes?: [number, number];
  days?: [number, number];
  /** Stages to draw from (repeat one to weight it): stage generation is most of a short run's cost. */
  stages?: readonly (typeof STAGES)[number][];
}

/**
 * A valid scenario document (no preset: presets carry their own days and infusions): a small lattice, a short run, random disease,
 * injury window, hepatectomy, mechanisms, up to three infusions inside the run, random parameters.
 */
export function validScenarioArb(options: ValidOptions = {}): fc.Arbitrary<ScenarioInput> {
  const [sMin, sMax] = options.sizes ?? [32, 48];
  const [dMin, dMax] = options.days ?? [1, 3];
  const stages = options.stages ?? STAGES;
  return fc.integer({ min: dMin, max: dMax }).chain((days) =>
    fc.record(
      {
        seed: fc.oneof(fc.constantFrom(0, 4294967295), fc.nat()),
        days: fc.constant(days),
        lattice: fc.record({
          width: fc.integer({ min: sMin, max: sMax }),
          height: fc.integer({ min: sMin, max: sMax }),
        }),
        disease: fc.record(
          {
            stage: fc.constantFrom(...stages),
            cirrhosis_grade: fc.constantFrom(...CIRRHOSIS_GRADES),
            target_cpa_percent: fc.option(inRange(0, 60, 10, false), { nil: null, freq: 2 }),
            generation_injury: fc.constantFrom("toxic" as const, "biliary" as const),
            injury: injuryArb(days),
            hepatectomy_fraction: inRange(0, 0.9, 0, false),
          },
          { requiredKeys: [] },
        ),
        species: speciesArb,
        therapy: therapyArb(days),
        mechanisms: mechanismsArb,
        parameters: parametersArb,
      },
      { requiredKeys: ["seed", "days", "lattice", "parameters"] },
    ),
  ) as fc.Arbitrary<ScenarioInput>;
}

/** Parameter groups that shape the generated tissue or the time grid (a change regenerates the stage). */
const TISSUE_PREFIXES = ["simulation.", "tissue.", "injury."];

/** A random subset of the rule parameters (none to all), each inside its declared range. */
export const ruleParametersArb = fc.record(
  Object.fromEntries(
    PARAMETERS.filter((p) => !TISSUE_PREFIXES.some((prefix) => p.key.startsWith(prefix))).map((p) => [
      p.key,
      parameterValue(p),
    ]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, number>>;

/**
 * What a generated stage can be run on without generating it again (Simulation.reconfigure): the
 * run's length and injury, species, therapy, mechanisms and rule parameters, random as in validScenarioArb.
 */
export function ruleChangeArb(
  days: [number, number] = [1, 3],
): fc.Arbitrary<
  Pick<ScenarioInput, "days" | "species" | "therapy" | "mechanisms" | "parameters"> & { injury: unknown }
> {
  return fc.integer({ min: days[0], max: days[1] }).chain((d) =>
    fc.record({
      days: fc.constant(d),
      injury: injuryArb(d),
      species: speciesArb,
      therapy: therapyArb(d),
      mechanisms: mechanismsArb,
      parameters: ruleParametersArb,
    }),
  ) as fc.Arbitrary<
    Pick<ScenarioInput, "days" | "species" | "therapy" | "mechanisms" | "parameters"> & { injury: unknown }
  >;
}
