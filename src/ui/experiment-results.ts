/**
 * What a finished experiment gives: runs.csv and summary.csv built by the table and CSV code of
 * src/study that the CLI uses too (byte-identical to `npx hepatosim sweep` or `cohort`), the files of the
 * same analysis (a sweep's points.csv; a trial's effects, forest plot and replica), a manifest shaped
 * like the CLI's batch manifest, and a sweep's end points arranged for the plot.
 * Pure (no DOM).
 */

import pkg from "../../package.json" with { type: "json" };
import { READOUTS } from "../model/metrics/readouts";
import { batchManifestBase, columnUnits, MANIFEST, RUNS_CSV, runRef, SUMMARY_CSV } from "../study/batch-files";
import { csvText } from "../study/csv";
import { type Plan, planId } from "../study/plan";
import type { SweepFile } from "../study/sweep-file";
import { type Analysis, buildTables, type CombinedTables, type RunStatus, summaryView } from "../study/tables";

export interface ExperimentFile {
  name: string;
  text: string;
  type: string;
}

/** The combined tables in plan order, from each run's rows (the CLI reads the same rows from its run folders). */
export function experimentTables(plan: Plan, statuses: ReadonlyMap<string, RunStatus>): CombinedTables {
  return buildTables(plan.runs.map(runRef), plan.labelKeys, (r) => statuses.get(r.runId) ?? { status: "missing" });
}

export interface ManifestContext {
  base: unknown;
  workers: number;
  wallTimeS: number;
  userAgent: string;
  created: string;
}

/**
 * The batch manifest as the CLI writes it (plan id, label keys, the sweep document, every run with
 * its key, counts), made by the page: no git commit or Node version, the browser instead, and the
 * resolved base scenario so the sweep can be made again even if the presets change.
 */
export function experimentManifest(
  plan: Plan,
  tables: CombinedTables,
  ctx: ManifestContext,
  outputs: readonly string[],
): Record<string, unknown> {
  return {
    generator: "browser",
    hepatosim_version: pkg.version,
    user_agent: ctx.userAgent,
    created: ctx.created,
    ...batchManifestBase(plan, planId(plan), null),
    complete: true,
    counts: { runs: plan.runs.length, ok: plan.runs.length - tables.failed.length, failed: tables.failed.length },
    workers: ctx.workers,
    wall_time_s: ctx.wallTimeS,
    base_scenario: ctx.base,
    columns: columnUnits(),
    outputs,
  };
}

/** The type a download of this file is saved with. */
export function fileType(name: string): string {
  if (name.endsWith(".svg")) return "image/svg+xml";
  if (name.endsWith(".json")) return "application/json";
  return "text/csv";
}

/** The analysis the CLI runs after this kind of batch (sweep: points.csv; cohort: effects, forest plot, replica…). */
async function analysisOf(plan: Plan): Promise<Analysis> {
  // mathjs (used by the analyses) is large: loaded only when an experiment has finished.
  if (plan.kind === "cohort") return (await import("../study/cohort-analysis")).cohortAnalysis;
  return (await import("../study/sweep-analysis")).sweepAnalysis;
}

/** runs.csv, summary.csv, the analysis's files (as `npx hepatosim sweep` or `cohort` writes them) and manifest.json. */
export async function experimentFiles(
  plan: Plan,
  tables: CombinedTables,
  ctx: ManifestContext,
): Promise<ExperimentFile[]> {
  const csv = (name: string, text: string): ExperimentFile => ({ name, text, type: "text/csv" });
  const analysis = (await analysisOf(plan))(tables, plan.spec).map((f) => ({ ...f, type: fileType(f.name) }));
  const files = [
    csv(RUNS_CSV, csvText(tables.header, tables.rows)),
    csv(SUMMARY_CSV, csvText(tables.summaryHeader, tables.summary)),
    ...analysis,
  ];
  const manifest = experimentManifest(
    plan,
    tables,
    ctx,
    files.map((f) => f.name),
  );
  return [...files, { name: MANIFEST, text: `${JSON.stringify(manifest, null, 2)}\n`, type: "application/json" }];
}

// ---- the plot's data

export interface PlotPoint {
  x: string;
  /** Position on the x axis: the value itself, or the category's index. */
  at: number;
  ys: number[];
  mean: number;
  /** Sample SD over seeds (NaN for one seed), as points.csv has it. */
  sd: number;
}

export interface PlotArm {
  label: string;
  points: PlotPoint[];
}

export interface PlotData {
  xName: string;
  /** Category names when the x values are not all numbers. */
  categories: string[] | null;
  log: boolean;
  output: string;
  unit: string;
  arms: PlotArm[];
}

function meanSd(ys: number[]): { mean: number; sd: number } {
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sd = ys.length > 1 ? Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / (ys.length - 1)) : Number.NaN;
  return { mean, sd };
}

/**
 * End points of the completed runs: x = the first swept name; one arm per combination of the other
 * names (a grid), or one arm for a Latin hypercube (every point differs in every name).
 */
export function plotData(tables: CombinedTables, spec: SweepFile, output: string): PlotData {
  const names = Object.keys(spec.parameters);
  const xName = names[0]!;
  const armNames = spec.design === "grid" ? names.slice(1) : [];
  const v = summaryView(tables);
  const xs = v.rows.map((r) => v.text(r, xName));
  const numeric = xs.every((x) => x !== "" && Number.isFinite(Number(x)));
  const categories = numeric ? null : [...new Set(xs)];
  const positive = numeric && xs.every((x) => Number(x) > 0);
  const span = positive ? Math.max(...xs.map(Number)) / Math.min(...xs.map(Number)) : 0;
  const arms = new Map<string, Map<string, number[]>>();
  for (const row of v.rows) {
    const y = v.num(row, output);
    if (!Number.isFinite(y)) continue;
    const label = armNames.map((n) => `${n} = ${v.text(row, n)}`).join(", ");
    const byX = arms.get(label) ?? new Map<string, number[]>();
    arms.set(label, byX);
    const x = v.text(row, xName);
    byX.set(x, [...(byX.get(x) ?? []), y]);
  }
  const position = (x: string) => (categories ? categories.indexOf(x) : Number(x));
  return {
    xName,
    categories,
    log: positive && span >= 100,
    output,
    unit: READOUTS.find((r) => r.key === output)?.unit ?? "",
    arms: [...arms.entries()].map(([label, byX]) => ({
      label,
      points: [...byX.entries()]
        .map(([x, ys]) => ({ x, at: position(x), ys, ...meanSd(ys) }))
        .sort((a, b) => a.at - b.at),
    })),
  };
}

/** Read-outs the plot can show (every column but the day), the sweep's own outputs first. */
export function plotOutputs(spec: SweepFile | undefined): string[] {
  const all = READOUTS.map((r) => r.key as string).filter((k) => k !== "day");
  const first = (spec?.outputs ?? ["cpa_percent"]).filter((k) => all.includes(k));
  return [...first, ...all.filter((k) => !first.includes(k))];
}
