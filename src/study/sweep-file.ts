/**
 * Sweep files (`"kind": "sweep"`): a base scenario, named parameters with values or ranges, a design
 * (full grid, or a Latin hypercube of `samples` points) and seeds. Expands into a plan of runs, each
 * checked by the scenario schema before anything runs. Pure (no node:), so the page can expand the same files.
 */
import { z } from "zod";
import { READOUTS } from "../model/metrics/readouts";
import { PARAM_BY_KEY } from "../model/params/registry";
import { boundedNumber } from "../model/params/scenario-schema";
import { InputError, parseOrThrow } from "../model/params/validation";
import type { Cell } from "./csv";
import { parseSeeds } from "./flag-values";
import { movesTissue, type Plan, type PlanKind, type RunSpec, resolvedDoc } from "./plan";
import { getPath, setPath } from "./scenario-paths";
import { latinHypercube } from "./stats/lhs";
import { uniformStream } from "./stats/random";

const READOUT_KEYS = READOUTS.map((r) => r.key).filter((k) => k !== "day") as [string, ...string[]];
export const DEFAULT_OUTPUTS = [
  "cpa_percent",
  "hepatocyte_mass_percent",
  "inflammation_index",
  "activated_hsc_fraction",
];
const seed = boundedNumber(0, 4294967295, "", true);

const axisSchema = z
  .object({
    values: z
      .array(z.union([z.number(), z.string(), z.boolean()]), {
        error: "allowed: a list of numbers, texts or true/false",
      })
      .min(1, { error: "allowed: at least one value (the list is empty)" })
      .max(10_000, { error: "allowed: at most 10000 values" })
      .optional(),
    min: z.number({ error: "allowed: a number" }).optional(),
    max: z.number({ error: "allowed: a number" }).optional(),
    steps: boundedNumber(1, 10_000, "points", true).optional().describe("Grid points along min…max (grid design)."),
    scale: z.enum(["linear", "log"], { error: "allowed: linear | log" }).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const hasRange = a.min !== undefined || a.max !== undefined;
    if (a.values && hasRange)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "allowed: either values or min/max, not both",
        input: a.values,
      });
    if (!a.values && (a.min === undefined || a.max === undefined))
      ctx.addIssue({
        code: "custom",
        path: [a.min === undefined ? "min" : "max"],
        message: "allowed: values: […] or both min and max",
        input: undefined,
      });
    if (a.min !== undefined && a.max !== undefined && a.min > a.max)
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: `allowed: ≥ min (${a.min}); the range is empty`,
        input: a.max,
      });
    if (a.scale === "log" && a.min !== undefined && a.min <= 0)
      ctx.addIssue({ code: "custom", path: ["min"], message: "allowed: > 0 on a log scale", input: a.min });
  });

export const sweepSchema = z
  .object({
    kind: z.literal("sweep", { error: 'allowed: "sweep"' }),
    title: z.string().max(200).optional(),
    scenario: z.union([z.string(), z.record(z.string(), z.unknown())], {
      error: "allowed: a preset name, a scenario file path, or a scenario object",
    }),
    design: z.enum(["grid", "lhs"], { error: "allowed: grid | lhs" }),
    samples: boundedNumber(1, 100_000, "points", true).optional().describe("Points of a Latin hypercube (lhs design)."),
    sample_seed: seed.optional().describe("Seed of the Latin-hypercube draw."),
    seeds: z
      .union([z.array(seed).min(1, { error: "allowed: at least one seed" }), z.string()], {
        error: 'allowed: a list of seeds or "1..10"',
      })
      .optional(),
    parameters: z
      .record(z.string(), axisSchema)
      .refine((p) => Object.keys(p).length > 0, { error: "allowed: at least one parameter" }),
    outputs: z
      .array(z.enum(READOUT_KEYS, { error: "allowed: a read-out column of timeseries.csv (docs/cli.md)" }))
      .min(1)
      .optional(),
    tissue: z
      .enum(["own", "base"], { error: "allowed: own | base" })
      .optional()
      .describe(
        "own (default): each run makes its own day-0 stage; base: every point starts on its seed's day-0 stage of the base scenario.",
      ),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.tissue === "base")
      for (const name of Object.keys(s.parameters))
        if (movesTissue(name))
          ctx.addIssue({
            code: "custom",
            path: ["parameters", name],
            message: 'allowed with "tissue": "base": parameters and disease fields; the points share the base tissue',
            input: name,
          });
    if (s.design === "lhs" && s.samples === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["samples"],
        message: "allowed: whole number 1 … 100000 (required by the lhs design)",
        input: undefined,
      });
    for (const [name, a] of Object.entries(s.parameters)) {
      if (s.design === "grid" && !a.values && a.steps === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["parameters", name, "steps"],
          message: "allowed: whole number 1 … 10000 (grid points along min…max)",
          input: undefined,
        });
    }
  });

export type SweepFile = z.infer<typeof sweepSchema>;
type Axis = SweepFile["parameters"][string];

/** Checks a document as a sweep file; errors name the field path inside the file. */
export function parseSweep(doc: unknown, file = "sweep file"): SweepFile {
  return parseOrThrow(sweepSchema, doc, file);
}

function gridValues(a: Axis): Cell[] {
  if (a.values) return a.values;
  const n = a.steps!;
  if (n === 1) return [a.min!];
  return Array.from({ length: n }, (_, i) => {
    const f = i / (n - 1);
    return a.scale === "log"
      ? Math.exp(Math.log(a.min!) + f * (Math.log(a.max!) - Math.log(a.min!)))
      : a.min! + f * (a.max! - a.min!);
  });
}

function lhsValue(a: Axis, u: number, name: string): Cell {
  if (a.values) return a.values[Math.min(a.values.length - 1, Math.floor(u * a.values.length))]!;
  const v =
    a.scale === "log"
      ? Math.exp(Math.log(a.min!) + u * (Math.log(a.max!) - Math.log(a.min!)))
      : a.min! + u * (a.max! - a.min!);
  return PARAM_BY_KEY.get(name.replace(/^parameters\./, ""))?.integer ? Math.round(v) : v;
}

/** A name must be a registry parameter or a field that exists in the base scenario. */
export function checkName(base: unknown, name: string, where: (string | number)[], file: string): void {
  const key = name.replace(/^parameters\./, "");
  if (PARAM_BY_KEY.has(key) || (!name.startsWith("parameters.") && getPath(base, name) !== undefined)) return;
  const path = where.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".");
  throw new InputError(
    [
      {
        path,
        value: JSON.stringify(name),
        allowed: "a parameter key (docs/scenario.schema.json) or a field of the scenario",
        message: `${path}: ${JSON.stringify(name)} is not a known parameter or scenario field`,
      },
    ],
    file,
  );
}

/** The points of the design: each a list of values in parameter order. */
export function designPoints(s: SweepFile): Cell[][] {
  const names = Object.keys(s.parameters);
  const axes = names.map((n) => s.parameters[n]!);
  if (s.design === "lhs") {
    const u = latinHypercube(s.samples!, names.length, uniformStream(s.sample_seed ?? 1, "sweep-lhs"));
    return u.map((row) => row.map((v, j) => lhsValue(axes[j]!, v, names[j]!)));
  }
  let points: Cell[][] = [[]];
  for (const a of axes) points = points.flatMap((p) => gridValues(a).map((v) => [...p, v]));
  return points;
}

/** Sensitivity needs numbers to rank: a parameter swept over texts cannot have a PRCC. */
export function checkNumericSweep(s: SweepFile, file: string): void {
  for (const [name, a] of Object.entries(s.parameters))
    if (a.values?.some((v) => typeof v !== "number"))
      throw new InputError(
        [
          {
            path: `parameters.${name}`,
            value: JSON.stringify(a.values),
            allowed: "numbers (PRCC ranks numeric inputs)",
            message: `parameters.${name}: sensitivity needs numeric values`,
          },
        ],
        file,
      );
  if (Object.keys(s.parameters).length < 1)
    throw new InputError(
      [{ path: "parameters", value: "{}", allowed: "at least one parameter", message: "parameters: at least one" }],
      file,
    );
}

export const MAX_RUNS = 1_000_000;

/** Expands a sweep over its base scenario document (the caller reads `s.scenario`: a preset, a file or an object). */
export function sweepPlan(s: SweepFile, kind: PlanKind, file: string, baseDoc: unknown): Plan {
  const base = resolvedDoc(baseDoc).doc;
  const names = Object.keys(s.parameters);
  for (const n of names) checkName(base, n, ["parameters", n], file);
  const seeds = s.seeds === undefined ? [1] : typeof s.seeds === "string" ? parseSeeds(s.seeds) : s.seeds;
  const points = designPoints(s);
  if (points.length * seeds.length > MAX_RUNS)
    throw new InputError(
      [
        {
          path: "parameters",
          value: String(points.length * seeds.length),
          allowed: `at most ${MAX_RUNS} runs`,
          message: `the sweep has ${points.length} points × ${seeds.length} seeds; allowed: at most ${MAX_RUNS} runs`,
        },
      ],
      file,
    );
  const width = String(points.length).length;
  const runs: RunSpec[] = [];
  points.forEach((values, p) => {
    const point = String(p + 1).padStart(width, "0");
    for (const sd of seeds) {
      const doc = structuredClone(base) as Record<string, unknown>;
      names.forEach((n, j) => {
        setPath(doc, n, values[j]);
      });
      doc.seed = sd;
      let resolved: ReturnType<typeof resolvedDoc>;
      try {
        resolved = resolvedDoc(doc);
      } catch (e) {
        if (e instanceof InputError)
          throw new InputError(
            e.issues.map((i) => ({
              ...i,
              message: `point ${p + 1} (${names.map((n, j) => `${n}=${values[j]}`).join(", ")}): ${i.message}`,
            })),
            file,
          );
        throw e;
      }
      const labels: Record<string, Cell> = { point: p + 1 };
      names.forEach((n, j) => {
        labels[n] = values[j];
      });
      runs.push({
        index: runs.length,
        runId: `p${point}-s${sd}`,
        seed: sd,
        group: `p${point}-s${sd}`,
        doc: resolved.doc,
        labels,
        ...(s.tissue === "base" ? { stageDoc: resolvedDoc({ ...base, seed: sd }).doc } : {}),
      });
    }
  });
  return { kind, single: false, runs, labelKeys: ["point", ...names], spec: s };
}
