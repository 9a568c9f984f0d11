/**
 * `hepatosim validation`: runs every reference dataset's protocol (public/reference/*.json) over N
 * seeds, with untreated twins where the data compare arms, and writes validation.csv, one SVG per
 * dataset and report.html; prints one verdict line per dataset. Resumable like every batch.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Dataset, parseDataset } from "../../study/reference/dataset";
import { validationPlan, type ValidationSpec } from "../../study/validation/plan";
import { validationAnalysis, verdictLines } from "../../study/validation/report";
import type { AnalysisFile, CombinedTables } from "../../study/tables";
import { flagError } from "../../study/flag-values";
import { runBatch } from "../batch";
import type { CliContext } from "../context";
import { parseWorkers } from "../flags";
import { EXIT } from "../exit-codes";
import { readJsonFile } from "../scenario-source";
import { batchOptions } from "./run";
import type { StudyFlags } from "./sweep";

/** The library shipped with the project. */
export const REFERENCE_DIR = resolve(import.meta.dirname, "../../../public/reference");

export function loadLibrary(dir = REFERENCE_DIR): Dataset[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  return files.map((f) => {
    const d = parseDataset(readJsonFile(join(dir, f), "reference dataset"), f);
    if (`${d.id}.json` !== f) throw flagError("reference dataset", f, `a file named after its id (${d.id}.json)`);
    return d;
  });
}

export type ValidationFlags = StudyFlags & { seeds?: string; datasets?: string; library?: string };

export const MAX_VALIDATION_SEEDS = 100;

export async function validationCommand(flags: ValidationFlags, ctx: CliContext): Promise<number> {
  const library = loadLibrary(flags.library ?? REFERENCE_DIR);
  const n = flags.seeds === undefined ? 5 : Number(flags.seeds);
  if (!Number.isInteger(n) || n < 1 || n > MAX_VALIDATION_SEEDS) throw flagError("--seeds", flags.seeds ?? "", `a whole number of seeds from 1 to ${MAX_VALIDATION_SEEDS}`);
  let datasets = library;
  if (flags.datasets !== undefined) {
    const wanted = flags.datasets.split(",").map((s) => s.trim()).filter(Boolean);
    for (const id of wanted) if (!library.some((d) => d.id === id)) throw flagError("--datasets", id, `dataset ids of the library (${library.map((d) => d.id).join(", ")})`);
    datasets = library.filter((d) => wanted.includes(d.id));
  }
  if (flags.workers !== undefined) parseWorkers(flags.workers);
  const seeds = Array.from({ length: n }, (_, i) => i + 1);
  const plan = validationPlan(datasets, seeds);
  const options = batchOptions(flags, plan, "validation", ctx);
  if (flags.dryRun) {
    ctx.stdout.write(`${plan.runs.length} runs (${datasets.length} datasets × ${n} seeds, twins where the data compare arms) → ${options.outDir}\n`);
    return EXIT.ok;
  }
  let lines: string[] = [];
  const analyse = (tables: CombinedTables, spec: unknown): AnalysisFile[] => {
    lines = verdictLines(tables, spec as ValidationSpec);
    return validationAnalysis(tables, spec);
  };
  const result = await runBatch(plan, options, analyse);
  for (const line of lines) ctx.stdout.write(`${line}\n`);
  return result.exitCode;
}
