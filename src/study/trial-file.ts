/**
 * Trial files (`"kind": "trial"`): a virtual cohort. N patients are sampled from stated baseline
 * distributions (each gets its own seed, so its tissue is its own), and every patient is run in every
 * arm — twins that differ only in treatment, the counterfactual no clinical trial can have.
 * Pure (no node:), so the page can expand the same files.
 */
import { z } from "zod";
import { READOUTS } from "../model/metrics/readouts";
import { boundedNumber } from "../model/params/scenario-schema";
import { InputError, parseOrThrow } from "../model/params/validation";
import type { Cell } from "./csv";
import { type Plan, type RunSpec, resolvedDoc } from "./plan";
import { setPath } from "./scenario-paths";
import { drawSeed, normal, type Uniform, uniformStream } from "./stats/random";
import { checkName } from "./sweep-file";
import { eligibilitySchema, publishedSchema, replicaIssues } from "./trial-replica";

const READOUT_KEYS = READOUTS.map((r) => r.key).filter((k) => k !== "day") as [string, ...string[]];
const readout = z.enum(READOUT_KEYS, { error: "allowed: a read-out column of timeseries.csv (docs/cli.md)" });
const scalar = z.union([z.number(), z.string(), z.boolean()], { error: "allowed: a number, a text or true/false" });
const positive = (what: string) =>
  z.number({ error: `allowed: ${what} > 0` }).positive({ error: `allowed: ${what} > 0` });

export const distributionSchema = z
  .object({
    value: scalar.optional().describe("The same value for every patient."),
    choice: z
      .array(scalar)
      .min(1, { error: "allowed: at least one value" })
      .optional()
      .describe("One of these values, with `weights` (default: equal)."),
    weights: z.array(z.number().min(0, { error: "allowed: ≥ 0" })).optional(),
    normal: z
      .object({ mean: z.number({ error: "allowed: a number" }), sd: positive("sd") })
      .strict()
      .optional(),
    lognormal: z
      .object({ median: positive("median"), gsd: z.number().min(1, { error: "allowed: ≥ 1 (geometric SD)" }) })
      .strict()
      .optional(),
    uniform: z
      .object({ min: z.number({ error: "allowed: a number" }), max: z.number({ error: "allowed: a number" }) })
      .strict()
      .optional(),
    min: z.number().optional().describe("Truncation: values below are redrawn."),
    max: z.number().optional().describe("Truncation: values above are redrawn."),
  })
  .strict()
  .superRefine((d, ctx) => {
    const kinds = (["value", "choice", "normal", "lognormal", "uniform"] as const).filter((k) => d[k] !== undefined);
    if (kinds.length !== 1)
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `allowed: exactly one of value | choice | normal | lognormal | uniform (found ${kinds.length ? kinds.join(", ") : "none"})`,
        input: d,
      });
    if (d.weights && (!d.choice || d.weights.length !== d.choice.length))
      ctx.addIssue({ code: "custom", path: ["weights"], message: "allowed: one weight per choice", input: d.weights });
    if (d.weights?.every((w) => w === 0))
      ctx.addIssue({
        code: "custom",
        path: ["weights"],
        message: "allowed: at least one weight > 0",
        input: d.weights,
      });
    if (d.uniform && d.uniform.min > d.uniform.max)
      ctx.addIssue({
        code: "custom",
        path: ["uniform", "max"],
        message: `allowed: ≥ min (${d.uniform.min}); the range is empty`,
        input: d.uniform.max,
      });
    if (d.min !== undefined && d.max !== undefined && d.min > d.max)
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: `allowed: ≥ min (${d.min}); the range is empty`,
        input: d.max,
      });
  });

export type Distribution = z.infer<typeof distributionSchema>;

const armSchema = z
  .object({
    name: z.string().min(1, { error: "allowed: a non-empty name" }).max(80),
    set: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Scenario fields or parameters this arm changes, e.g. therapy.infusions."),
  })
  .strict();

export const trialSchema = z
  .object({
    kind: z.literal("trial", { error: 'allowed: "trial"' }),
    title: z.string().max(200).optional(),
    scenario: z.union([z.string(), z.record(z.string(), z.unknown())], {
      error: "allowed: a preset name, a scenario file path, or a scenario object",
    }),
    patients: boundedNumber(1, 100_000, "patients", true),
    sample_seed: boundedNumber(0, 4294967295, "", true).optional(),
    weeks: boundedNumber(1, 520, "weeks", true).describe("Outcome time: the runs last 7 × weeks days."),
    enrolment_week: boundedNumber(0, 520, "weeks", true)
      .optional()
      .describe(
        "Week of the run at which patients enrol (default 0): the history before it (e.g. months of abstinence) is simulated; eligibility, baseline features and changes from baseline are read here.",
      ),
    baseline: z.record(z.string(), distributionSchema).optional(),
    arms: z.array(armSchema).min(2, { error: "allowed: at least two arms (a control and a treatment)" }).max(50),
    control: z.string().optional().describe("Name of the control arm (default: the first)."),
    outcomes: z.array(readout).min(1).optional(),
    responder: z
      .object({
        outcome: readout,
        direction: z.enum(["decrease", "increase"], { error: "allowed: decrease | increase" }),
        threshold: z.number().min(0, { error: "allowed: ≥ 0" }).optional(),
        relative_to: z.enum(["control", "baseline"], { error: "allowed: control | baseline" }).optional(),
      })
      .strict()
      .optional(),
    features: z.array(readout).optional().describe("Day-0 read-outs used as candidate response biomarkers."),
    eligibility: eligibilitySchema.optional(),
    published: publishedSchema
      .optional()
      .describe("A published trial this file replays: its endpoints, compared in replica.csv."),
  })
  .strict()
  .superRefine((t, ctx) => {
    const names = t.arms.map((a) => a.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: "custom", path: ["arms", i, "name"], message: "allowed: a name used once", input: n });
    });
    if (t.control !== undefined && !names.includes(t.control))
      ctx.addIssue({ code: "custom", path: ["control"], message: `allowed: ${names.join(" | ")}`, input: t.control });
    if ((t.enrolment_week ?? 0) >= t.weeks)
      ctx.addIssue({
        code: "custom",
        path: ["enrolment_week"],
        message: `allowed: < weeks (${t.weeks})`,
        input: t.enrolment_week,
      });
    for (const issue of replicaIssues(t.published, names, t.control ?? names[0]!, t.weeks, t.enrolment_week ?? 0))
      ctx.addIssue({ code: "custom", ...issue });
  });

export type TrialFile = z.infer<typeof trialSchema>;

export const DEFAULT_TRIAL_OUTCOMES = ["cpa_percent", "hepatocyte_mass_percent", "inflammation_index"];
/** Candidate response biomarkers read at enrolment: the tissue's, and the clinical proxies a hepatologist would screen on. */
export const DEFAULT_FEATURES = [
  "cpa_percent",
  "fibrosis_stage",
  "inflammation_index",
  "activated_hsc_fraction",
  "hepatocyte_mass_percent",
  "meld_score",
  "albumin_g_per_l",
  "hvpg_mmhg",
];
const LOWER_IS_BETTER = new Set([
  "meld_score",
  "child_pugh_score",
  "child_pugh_class",
  "hvpg_mmhg",
  "liver_stiffness_kpa",
  "bilirubin_mg_per_dl",
  "inr",
  "alt_u_per_l",
  "cpa_percent",
  "fibrosis_stage",
  "fibrosis_stage_continuous",
  "bridging_percent",
  "crosslinked_percent",
  "inflammation_index",
  "m1_kupffer",
  "activated_hsc_fraction",
  "hepatocyte_deaths_per_day",
  "senescent_percent",
  "mean_tnf",
  "mean_tgfb",
  "mean_damage",
]);

export function parseTrial(doc: unknown, file = "trial file"): TrialFile {
  return parseOrThrow(trialSchema, doc, file);
}

/** The trial with every default filled in, as the analysis reads it. */
export function trialSettings(t: TrialFile) {
  const outcomes = t.outcomes ?? DEFAULT_TRIAL_OUTCOMES;
  const primary = outcomes[0]!;
  const responder = {
    outcome: t.responder?.outcome ?? primary,
    direction:
      t.responder?.direction ?? (LOWER_IS_BETTER.has(t.responder?.outcome ?? primary) ? "decrease" : "increase"),
    threshold: t.responder?.threshold ?? 0,
    relative_to: t.responder?.relative_to ?? "control",
  } as const;
  return {
    outcomes,
    responder,
    control: t.control ?? t.arms[0]!.name,
    features: t.features ?? DEFAULT_FEATURES,
    enrolmentDay: 7 * (t.enrolment_week ?? 0),
    covariates: Object.keys(t.baseline ?? {}),
  };
}

const MAX_REDRAWS = 10_000;

export function sample(d: Distribution, u: Uniform, where: string, file: string): Cell {
  if (d.value !== undefined) return d.value;
  if (d.choice) {
    const w = d.weights ?? d.choice.map(() => 1);
    const total = w.reduce((a, b) => a + b, 0);
    let r = u() * total;
    for (let i = 0; i < d.choice.length; i++) if ((r -= w[i]!) < 0) return d.choice[i]!;
    return d.choice[d.choice.length - 1]!;
  }
  for (let i = 0; i < MAX_REDRAWS; i++) {
    const v = d.normal
      ? d.normal.mean + d.normal.sd * normal(u)
      : d.lognormal
        ? d.lognormal.median * d.lognormal.gsd ** normal(u)
        : d.uniform!.min + u() * (d.uniform!.max - d.uniform!.min);
    if ((d.min === undefined || v >= d.min) && (d.max === undefined || v <= d.max)) return v;
  }
  throw new InputError(
    [
      {
        path: where,
        value: JSON.stringify(d),
        allowed: "bounds that keep part of the distribution",
        message: `${where}: min/max exclude (nearly) all of the distribution`,
      },
    ],
    file,
  );
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "arm";

/** Samples the patients and expands patients × arms over the base scenario document (the caller reads `t.scenario`). */
export function trialPlan(t: TrialFile, file: string, baseDoc: unknown): Plan {
  const base = resolvedDoc(baseDoc).doc;
  const { covariates } = trialSettings(t);
  for (const name of covariates) checkName(base, name, ["baseline", name], file);
  t.arms.forEach((arm, i) => {
    for (const name of Object.keys(arm.set ?? {})) checkName(base, name, ["arms", i, "set", name], file);
  });
  const slugs = t.arms.map((a, i, all) =>
    all.some((b, j) => j !== i && slug(b.name) === slug(a.name)) ? `${slug(a.name)}-${i + 1}` : slug(a.name),
  );
  const u = uniformStream(t.sample_seed ?? 1, "cohort");
  const width = String(t.patients).length;
  const runs: RunSpec[] = [];
  for (let p = 1; p <= t.patients; p++) {
    const patient = `pt${String(p).padStart(width, "0")}`;
    const seed = drawSeed(u);
    const values = covariates.map((c) => sample(t.baseline![c]!, u, `baseline.${c}`, file));
    t.arms.forEach((arm, a) => {
      const doc = structuredClone(base) as Record<string, unknown>;
      covariates.forEach((c, j) => {
        setPath(doc, c, values[j]);
      });
      for (const [name, value] of Object.entries(arm.set ?? {})) setPath(doc, name, structuredClone(value));
      doc.seed = seed;
      doc.days = 7 * t.weeks;
      let resolved: ReturnType<typeof resolvedDoc>;
      try {
        resolved = resolvedDoc(doc);
      } catch (e) {
        if (e instanceof InputError)
          throw new InputError(
            e.issues.map((i) => ({ ...i, message: `patient ${p}, arm "${arm.name}": ${i.message}` })),
            file,
          );
        throw e;
      }
      const labels: Record<string, Cell> = { patient: p, arm: arm.name };
      covariates.forEach((c, j) => {
        labels[c] = values[j];
      });
      runs.push({
        index: runs.length,
        runId: `${patient}-${slugs[a]}`,
        seed,
        group: patient,
        doc: resolved.doc,
        labels,
      });
    });
  }
  return { kind: "cohort", single: false, runs, labelKeys: ["patient", "arm", ...covariates], spec: t };
}
