/**
 * A trial file can replay a published trial: `eligibility` screens the virtual patients on their
 * day-0 read-outs as the trial screened its patients, and `published` lists the trial's reported
 * endpoints. After the cohort runs, each endpoint is measured the same way on the virtual patients
 * and set beside the published figure with both intervals (replica.csv, replica.svg).
 * Pure (no node:), so the page can compare the same files.
 */
import { z } from "zod";
import { READOUTS } from "../model/metrics/readouts";
import { boundedNumber } from "../model/params/scenario-schema";
import { type MeanCI, meanCI, pairedDifference } from "./stats/intervals";
import { tQuantile } from "./stats/distributions";

const READOUT_KEYS = READOUTS.map((r) => r.key).filter((k) => k !== "day") as [string, ...string[]];
const readout = z.enum(READOUT_KEYS, { error: "allowed: a read-out column of timeseries.csv (docs/cli.md)" });

export const eligibilitySchema = z
  .partialRecord(
    readout,
    z
      .object({
        min: z.number({ error: "allowed: a number" }).optional(),
        max: z.number({ error: "allowed: a number" }).optional(),
      })
      .strict()
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
        error: "allowed: min ≤ max; the range is empty",
      }),
  )
  .describe("Inclusion ranges on day-0 read-outs: patients outside any range are screened out of the analysis.");

export const MEASURES = ["value", "change", "difference"] as const;
export const DIRECTIONS = ["lower", "higher", "no difference"] as const;

const endpointSchema = z
  .object({
    outcome: readout,
    week: boundedNumber(0, 520, "weeks").describe(
      "When the trial measured it, in weeks of the run (enrolment is at the trial's enrolment_week).",
    ),
    measure: z
      .enum(MEASURES, { error: `allowed: ${MEASURES.join(" | ")}` })
      .describe(
        "value: the arm's mean; change: the arm's mean change from enrolment; difference: arm − versus (default control).",
      ),
    arm: z.string().min(1).describe("The arm measured (for `difference`, the arm compared with `versus`)."),
    versus: z
      .string()
      .min(1)
      .optional()
      .describe("For `difference`: the arm it is compared with (default: the control)."),
    estimate: z.number({ error: "allowed: a number" }).optional().describe("The published mean (or mean difference)."),
    direction: z
      .enum(DIRECTIONS, { error: `allowed: ${DIRECTIONS.join(" | ")}` })
      .optional()
      .describe("When the paper gives only a direction (a change or difference), instead of an estimate."),
    ci95: z
      .tuple([z.number(), z.number()], { error: "allowed: [low, high]" })
      .optional()
      .describe("The published 95 % confidence interval."),
    sd: z
      .number()
      .positive({ error: "allowed: > 0" })
      .optional()
      .describe("The published SD of the patients' values (with n, gives a 95 % t-interval of the mean)."),
    n: boundedNumber(1, 100_000, "patients", true).optional().describe("Patients behind the published figure."),
    quote: z.string().max(600).optional().describe("Where the figure comes from in the paper (a short quote)."),
    read_off_plot: z.boolean().optional().describe("True when the figure was read off a plot."),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.ci95 && e.ci95[0] > e.ci95[1])
      ctx.addIssue({ code: "custom", path: ["ci95"], message: "allowed: low ≤ high", input: e.ci95 });
    if ((e.estimate === undefined) === (e.direction === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["estimate"],
        message: "allowed: exactly one of estimate | direction",
        input: e.estimate,
      });
    if (e.direction !== undefined && (e.measure === "value" || e.ci95 || e.sd !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["direction"],
        message: "allowed: a direction only for a change or difference without ci95 or sd",
        input: e.direction,
      });
    if (e.sd !== undefined && e.n === undefined)
      ctx.addIssue({ code: "custom", path: ["n"], message: "allowed: n with sd", input: e.n });
  });

export const publishedSchema = z
  .object({
    citation: z.string().min(1).max(400).describe("Authors, year, title, journal, volume:pages."),
    doi: z.string().max(200).optional(),
    note: z.string().max(2000).optional().describe("How the trial was translated into the model, and what is assumed."),
    endpoints: z.array(endpointSchema).min(1, { error: "allowed: at least one endpoint" }),
  })
  .strict();

export type Eligibility = z.infer<typeof eligibilitySchema>;
export type Published = z.infer<typeof publishedSchema>;
export type Endpoint = Published["endpoints"][number];

/** Checks what the schema cannot: endpoints name real arms and lie inside the run. */
export function replicaIssues(
  published: Published | undefined,
  arms: readonly string[],
  control: string,
  weeks: number,
  enrolmentWeek = 0,
): { path: (string | number)[]; message: string; input: unknown }[] {
  const issues: { path: (string | number)[]; message: string; input: unknown }[] = [];
  published?.endpoints.forEach((e, i) => {
    const at = ["published", "endpoints", i];
    if (!arms.includes(e.arm))
      issues.push({ path: [...at, "arm"], message: `allowed: ${arms.join(" | ")}`, input: e.arm });
    if (e.versus !== undefined && !arms.includes(e.versus))
      issues.push({ path: [...at, "versus"], message: `allowed: ${arms.join(" | ")}`, input: e.versus });
    if (e.versus !== undefined && e.measure !== "difference")
      issues.push({ path: [...at, "versus"], message: "allowed: only with measure difference", input: e.versus });
    else if (e.measure === "difference" && e.arm === (e.versus ?? control))
      issues.push({
        path: [...at, "arm"],
        message: `allowed: an arm other than "${e.versus ?? control}" (the arm it is compared with)`,
        input: e.arm,
      });
    if (e.week < enrolmentWeek)
      issues.push({ path: [...at, "week"], message: `allowed: ≥ enrolment_week (${enrolmentWeek})`, input: e.week });
    if (e.week > weeks)
      issues.push({ path: [...at, "week"], message: `allowed: ≤ the trial's weeks (${weeks})`, input: e.week });
  });
  return issues;
}

/** true where the patient meets every inclusion range on its day-0 read-outs (a missing value fails). */
export function eligible(
  eligibility: Eligibility | undefined,
  day0: (key: string) => readonly number[],
  patients: number,
): boolean[] {
  const ok = Array.from({ length: patients }, () => true);
  for (const [key, range] of Object.entries(eligibility ?? {})) {
    if (!range) continue;
    const v = day0(key);
    for (let i = 0; i < patients; i++) {
      const x = v[i]!;
      if (
        !Number.isFinite(x) ||
        (range.min !== undefined && x < range.min) ||
        (range.max !== undefined && x > range.max)
      )
        ok[i] = false;
    }
  }
  return ok;
}

/** The published endpoint's 95 % interval: stated, or a t-interval from SD and n, or none. */
export function publishedInterval(e: Endpoint): { lower: number; upper: number; from: "ci95" | "sd" | "none" } {
  if (e.ci95) return { lower: e.ci95[0], upper: e.ci95[1], from: "ci95" };
  if (e.sd !== undefined && e.n !== undefined && e.n > 1 && e.estimate !== undefined) {
    const half = (tQuantile(0.975, e.n - 1) * e.sd) / Math.sqrt(e.n);
    return { lower: e.estimate - half, upper: e.estimate + half, from: "sd" };
  }
  return { lower: Number.NaN, upper: Number.NaN, from: "none" };
}

/** Per-patient values (NaN where missing or screened out) of one read-out in one arm at a week. */
export type ValuesAt = (arm: string, outcome: string, week: number) => readonly number[];

/** The model's figure for a published endpoint, measured as the trial measured it. */
export function modelEndpoint(e: Endpoint, control: string, at: ValuesAt, enrolmentWeek = 0): MeanCI {
  const after = at(e.arm, e.outcome, e.week);
  if (e.measure === "value") return meanCI(after);
  if (e.measure === "difference") return pairedDifference(after, at(e.versus ?? control, e.outcome, e.week));
  return pairedDifference(after, at(e.arm, e.outcome, enrolmentWeek));
}

/**
 * consistent: the two 95 % intervals overlap (or, without a published interval, the model's interval
 * holds the published figure; for a published direction only, the model's interval lies on that side
 * of zero, or holds zero for "no difference"); miss otherwise; untestable when the model has no interval.
 */
export function verdict(model: MeanCI, e: Endpoint): "consistent" | "miss" | "untestable" {
  if (!Number.isFinite(model.lower) || !Number.isFinite(model.upper)) return "untestable";
  if (e.direction === "lower") return model.upper < 0 ? "consistent" : "miss";
  if (e.direction === "higher") return model.lower > 0 ? "consistent" : "miss";
  if (e.direction === "no difference") return model.lower <= 0 && model.upper >= 0 ? "consistent" : "miss";
  const estimate = e.estimate!;
  const p = publishedInterval(e);
  if (p.from === "none") return estimate >= model.lower && estimate <= model.upper ? "consistent" : "miss";
  return model.upper >= p.lower && model.lower <= p.upper ? "consistent" : "miss";
}

const MEASURE_WORDS: Record<(typeof MEASURES)[number], string> = {
  value: "mean",
  change: "change from enrolment",
  difference: "difference vs control",
};

export function endpointLabel(e: Endpoint, control: string): string {
  const arm = e.measure === "difference" ? `${e.arm} − ${e.versus ?? control}` : e.arm;
  return `${e.outcome}, ${MEASURE_WORDS[e.measure]}, ${arm}, week ${e.week}`;
}
