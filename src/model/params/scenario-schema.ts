/**
 * The scenario document: one zod schema validates scenario files, URL state, slider input and CLI
 * flags, and exports to JSON Schema (docs/scenario.schema.json). Every numeric bound carries its own
 * "allowed …" message so errors name the field, the value and the range.
 */
import { z } from "zod";
import { PARAMETERS, type ParamValues } from "./registry";

export const MSC_SOURCES = ["bone-marrow", "adipose", "umbilical-cord"] as const;
export const MSC_ROUTES = ["intravenous", "portal-vein", "hepatic-artery", "intraparenchymal"] as const;
export const STAGES = ["F0", "F1", "F2", "F3", "F4"] as const;
export const CIRRHOSIS_GRADES = ["early", "advanced"] as const;
export const INJURY_TYPES = ["none", "toxic", "biliary"] as const;
export const SPECIES = ["human", "rat", "mouse"] as const;
export const MECHANISMS = ["hgf", "egf", "vegf", "immunomodulation", "mmp", "differentiation"] as const;

export type MscSource = (typeof MSC_SOURCES)[number];
export type MscRoute = (typeof MSC_ROUTES)[number];
export type Stage = (typeof STAGES)[number];
export type Mechanism = (typeof MECHANISMS)[number];
export type Species = (typeof SPECIES)[number];

export const LATTICE_MIN = 32;
export const LATTICE_MAX = 1024;
export const MAX_DAYS = 3650;

/** A bounded number whose every failure message states the allowed range. */
export function boundedNumber(min: number, max: number, unit = "", integer = false) {
  const allowed = `allowed: ${integer ? "whole number " : ""}${min} … ${max}${unit ? ` ${unit}` : ""}`;
  let s = z.number({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed });
  if (integer) s = s.int({ error: allowed });
  return s;
}

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `allowed: ${values.join(" | ")}` });

export const infusionSchema = z
  .object({
    day: boundedNumber(0, MAX_DAYS, "days").describe("Simulated day of the infusion (0 = start of the run)."),
    source: enumOf(MSC_SOURCES).describe("Tissue the MSCs come from."),
    route: enumOf(MSC_ROUTES).describe("How the MSCs are delivered."),
    dose_cells_per_kg: boundedNumber(0, 1e9, "cells/kg").describe("Dose in cells per kg body mass."),
    hgf_multiplier: boundedNumber(0, 20, "×").optional().describe("Engineered HGF over-expression (1 = native)."),
    homing_multiplier: boundedNumber(0, 20, "×")
      .optional()
      .describe("Engineered homing (multiplies the fraction reaching the liver)."),
  })
  .strict();

const injurySchema = z
  .object({
    type: enumOf(INJURY_TYPES).describe(
      "Injury during the run: toxic (pericentral, CCl4-like) or biliary (periportal).",
    ),
    intensity: boundedNumber(0, 5, "×").describe("Injury intensity (1 = the generator's chronic dose)."),
    start_day: boundedNumber(0, MAX_DAYS, "days").describe("First day of the injury."),
    end_day: boundedNumber(0, MAX_DAYS, "days").describe(
      "Day the injury stops (not included). A day past the run's end keeps it going all run: the clinical presets use 3650, an ongoing disease.",
    ),
  })
  .strict();

const diseaseSchema = z
  .object({
    stage: enumOf(STAGES).describe("Fibrosis stage generated before day 0."),
    cirrhosis_grade: enumOf(CIRRHOSIS_GRADES).describe(
      "For F4: early (compensated, CPA ≈ 12–18 %) or advanced (CPA ≈ 25 %, cross-linked septa).",
    ),
    target_cpa_percent: boundedNumber(0, 60, "%")
      .nullable()
      .describe("Generate until this collagen proportionate area instead of a stage."),
    generation_injury: enumOf(["toxic", "biliary"] as const).describe("Injury pattern used by the stage generator."),
    injury: injurySchema,
    hepatectomy_fraction: boundedNumber(0, 0.9, "fraction").describe(
      "Fraction of hepatocytes removed at day 0 (partial-hepatectomy-like).",
    ),
  })
  .strict();

const therapySchema = z
  .object({
    body_mass_kg: boundedNumber(0.01, 300, "kg").nullable().describe("Body mass; null = species default."),
    infusions: z.array(infusionSchema).max(60, { error: "allowed: at most 60 infusions" }),
  })
  .strict();

const speciesSchema = enumOf(SPECIES).describe(
  "The animal or patient: sets the kinetic clock (docs/model.md, Species) and the body and liver mass of the dose conversion.",
);

const mechanismsShape = Object.fromEntries(
  MECHANISMS.map((m) => [m, z.boolean({ error: "allowed: true | false" })]),
) as Record<Mechanism, z.ZodBoolean>;
const mechanismsSchema = z.object(mechanismsShape).strict();

/** One optional entry per declared parameter, each with its own range. */
const parametersShape: Record<string, z.ZodOptional<z.ZodNumber>> = {};
for (const p of PARAMETERS) {
  parametersShape[p.key] = boundedNumber(p.min, p.max, p.unit, p.integer)
    .describe(`${p.doc} [${p.unit}] (source: ${p.source})`)
    .optional();
}
export const parametersSchema = z.object(parametersShape).strict();

const latticeSchema = z
  .object({
    width: boundedNumber(LATTICE_MIN, LATTICE_MAX, "sites", true),
    height: boundedNumber(LATTICE_MIN, LATTICE_MAX, "sites", true),
  })
  .strict();

/** A fully resolved scenario: every field present. */
export const scenarioSchema = z
  .object({
    preset: z.string().max(80).nullable().describe("Base preset this scenario was built on."),
    title: z.string().max(200),
    description: z.string().max(2000),
    seed: boundedNumber(0, 4294967295, "", true).describe("Random seed; the same seed gives the same numbers."),
    days: boundedNumber(1, MAX_DAYS, "days", true).describe("Length of the run in simulated days."),
    species: speciesSchema,
    lattice: latticeSchema,
    disease: diseaseSchema,
    therapy: therapySchema,
    mechanisms: mechanismsSchema,
    parameters: parametersSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    s.therapy.infusions.forEach((inf, i) => {
      if (inf.day > s.days)
        ctx.addIssue({
          code: "custom",
          path: ["therapy", "infusions", i, "day"],
          message: `allowed: 0 … ${s.days} days (the run's length)`,
          input: inf.day,
        });
    });
    const dt = s.parameters["simulation.dt"];
    if (dt !== undefined && !Number.isInteger(24 / dt))
      ctx.addIssue({
        code: "custom",
        path: ["parameters", "simulation.dt"],
        message: "allowed: a divisor of 24 h (0.25, 0.5, 1, 2, 3, 4, 6)",
        input: dt,
      });
    if (s.disease.injury.end_day < s.disease.injury.start_day)
      ctx.addIssue({
        code: "custom",
        path: ["disease", "injury", "end_day"],
        message: `allowed: ≥ start_day (${s.disease.injury.start_day})`,
        input: s.disease.injury.end_day,
      });
  });

/** A scenario as written by a user: any part may be left out and comes from the preset. */
export const scenarioInputSchema = z
  .object({
    preset: z.string().max(80).optional(),
    title: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    seed: boundedNumber(0, 4294967295, "", true).optional(),
    days: boundedNumber(1, MAX_DAYS, "days", true).optional(),
    species: speciesSchema.optional(),
    lattice: latticeSchema.partial().strict().optional(),
    disease: diseaseSchema.extend({ injury: injurySchema.partial().strict().optional() }).partial().strict().optional(),
    therapy: therapySchema
      .extend({
        species: enumOf(SPECIES)
          .meta({ deprecated: true })
          .describe("Deprecated: read as the top-level species (with a notice)."),
      })
      .partial()
      .strict()
      .optional(),
    mechanisms: mechanismsSchema.partial().strict().optional(),
    parameters: parametersSchema.optional(),
    $schema: z.string().optional(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema> & { parameters: ParamValues };
export type ScenarioInput = z.infer<typeof scenarioInputSchema>;
export type Infusion = z.infer<typeof infusionSchema>;
