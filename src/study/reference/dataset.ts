/**
 * A reference dataset (public/reference/<id>.json): one published time course or endpoint, with its
 * citation, the protocol that reproduces it as a scenario, the read-out it is compared with, and its
 * role — `calibration` data may set parameters, `validation` data only ever judge the model.
 * Pure (no node:), so the page and the command line read the same files through one schema.
 */
import { z } from "zod";
import { READOUTS } from "../../model/metrics/readouts";
import { PRESET_NAMES } from "../../model/params/presets";
import { LATTICE_MAX, LATTICE_MIN, SPECIES } from "../../model/params/scenario-schema";
import { parseOrThrow } from "../../model/params/validation";

const MODEL_READOUTS: string[] = READOUTS.map((r) => r.key).filter((k) => k !== "day");
export const SPREAD_KINDS = ["SD", "SE", "range", "IQR", "95% CI", "unspecified", "none"] as const;
export const NORMALISATIONS = [
  "absolute",
  "relative to day 0",
  "relative to control",
  "difference from control",
  "change from baseline",
  "percent of runs below",
] as const;
export const ROLES = ["calibration", "validation"] as const;

const text = (max: number) => z.string().min(1, { error: "allowed: a non-empty text" }).max(max);

const pointSchema = z
  .object({
    day: z.number({ error: "allowed: a day (number ≥ 0)" }).min(0, { error: "allowed: ≥ 0" }),
    mean: z.number({ error: "allowed: a number, or null with low and high" }).nullable(),
    low: z
      .number()
      .optional()
      .describe("Lower end of a range or interval the paper gives (with `mean` null when it gives no centre)."),
    high: z.number().optional(),
    spread: z.number().min(0, { error: "allowed: ≥ 0" }).nullable().optional(),
    spread_kind: z.enum(SPREAD_KINDS, { error: `allowed: ${SPREAD_KINDS.join(" | ")}` }),
    n: z.number().int({ error: "allowed: a whole number" }).positive({ error: "allowed: ≥ 1" }).nullable().optional(),
    arm: z
      .enum(["treated", "control", "uninjured"], {
        error: "allowed: treated | control (untreated twin) | uninjured | null",
      })
      .nullable()
      .optional(),
    sets_protocol: z
      .boolean()
      .optional()
      .describe("true when the protocol was set from this point (e.g. the resected fraction): listed, not compared."),
    group: z
      .string()
      .max(200)
      .optional()
      .describe("A subgroup of the paper's patients or animals the point belongs to."),
    note: z.string().max(500).optional(),
    provenance: text(300),
  })
  .strict()
  .refine((p) => p.mean !== null || (p.low !== undefined && p.high !== undefined), {
    error: "allowed: a mean, or low and high",
  });

export const datasetSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "allowed: kebab-case letters and digits" })
      .max(100),
    title: text(200),
    citation: z
      .object({
        authors: text(400),
        year: z
          .number()
          .int()
          .min(1900)
          .max(2100)
          .nullable()
          .describe("null only while the citation could not be confirmed (the report says so)"),
        title: text(400),
        journal: text(200).nullable(),
        volume: z.string().max(20).nullable().optional(),
        pages: z.string().max(40).nullable().optional(),
        doi: z
          .string()
          .regex(/^10\.\d{4,9}\/\S+$/, { error: "allowed: a DOI such as 10.1172/JCI1018" })
          .nullable()
          .optional(),
        pmid: z.string().regex(/^\d+$/).nullable().optional(),
      })
      .strict(),
    species: z.enum(SPECIES, { error: `allowed: ${SPECIES.join(" | ")}` }),
    role: z.enum(ROLES, { error: `allowed: ${ROLES.join(" | ")}` }),
    protocol: z
      .object({
        description: text(1000),
        preset: z
          .enum(PRESET_NAMES as [string, ...string[]], {
            error: "allowed: a preset name (`hepatosim presets`) or null",
          })
          .nullable(),
        day_zero: text(300),
        scenario: z
          .record(z.string(), z.unknown())
          .optional()
          .describe("Scenario fields or parameters set on top of the preset, as `--set` paths."),
        compare_group: z
          .string()
          .max(200)
          .optional()
          .describe("Compare only the points of this group (and those without one); the others are context."),
        lattice: z
          .number()
          .int()
          .min(LATTICE_MIN)
          .max(LATTICE_MAX)
          .optional()
          .describe("Lattice width = height for validation runs (default 96)."),
        min_seeds: z
          .number()
          .int()
          .min(1)
          .max(100)
          .optional()
          .describe(
            "Run at least this many seeds (virtual patients) for this dataset, e.g. for a share of patients; a larger --seeds wins.",
          ),
      })
      .strict(),
    quantity: text(400),
    units: z.string().max(200).optional(),
    readout: z
      .enum(MODEL_READOUTS as [string, ...string[]], {
        error: "allowed: a read-out column of timeseries.csv (docs/outputs.md) or null",
      })
      .nullable(),
    normalisation: z.enum(NORMALISATIONS, { error: `allowed: ${NORMALISATIONS.join(" | ")}` }),
    below: z
      .number()
      .optional()
      .describe(
        "For `percent of runs below`: a run counts when its read-out is under this value (e.g. a stage estimate below 4: no longer cirrhotic).",
      ),
    points: z.array(pointSchema).max(200),
    quote: z.array(z.string().max(2000)).max(20),
    source_url: z.string().max(400).nullable().optional(),
    notes: z.string().max(3000).optional(),
    timing: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Onset and peak times the paper states in words (context only; not compared)."),
    status: z.enum(["complete", "partial", "numbers not found in accessible text"]),
  })
  .strict()
  .refine((d) => (d.normalisation === "percent of runs below") === (d.below !== undefined), {
    error: "allowed: `below` with the normalisation `percent of runs below`, and only with it",
    path: ["below"],
  });

export type Dataset = z.infer<typeof datasetSchema>;
export type DataPoint = Dataset["points"][number];

export function parseDataset(doc: unknown, where: string): Dataset {
  return parseOrThrow(datasetSchema, doc, `reference dataset ${where}`);
}

/** Why a dataset cannot be run against the model yet, or null when it can. */
export function unrunnable(d: Dataset): string | null {
  if (d.points.length === 0) return "no numbers (see the file's status and notes)";
  if (d.readout === null) return "no model read-out matches the measured quantity";
  if (d.protocol.preset === null) return "no protocol preset";
  return null;
}

/**
 * The spread a model value is scored against: the SD as given, SD = SE·√n when n is known, or an
 * unlabelled ± ("unspecified") read as an SD — the lenient reading, which docs/validation.md names;
 * null when the data give no usable spread (a range, an interval, nothing).
 */
export function dataSd(p: DataPoint): number | null {
  if (p.spread === null || p.spread === undefined) return null;
  if (p.spread_kind === "SD" || p.spread_kind === "unspecified") return p.spread;
  if (p.spread_kind === "SE" && p.n) return p.spread * Math.sqrt(p.n);
  return null;
}
