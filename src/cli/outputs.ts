/**
 * What a batch writes, on disk (the file names and the parts that need no disk are in
 * src/study/batch-files.ts). Per run: timeseries.csv, summary.json, then manifest.json — written last,
 * it marks the folder complete. A run that throws leaves error.json instead. The combined tidy tables
 * (runs.csv, summary.csv) are always rebuilt from the run folders in plan order, which is why 1 or K
 * workers, a resumed batch and merged shards give the same bytes.
 */
export type { RunRef } from "../study/tables";

import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { presetLookup } from "../model/params/presets";
import { scenarioDelta } from "../model/params/scenario";
import type { Scenario } from "../model/params/scenario-schema";
import { InputError } from "../model/params/validation";
import {
  columnUnits,
  doseConversions,
  ERROR_JSON,
  MANIFEST,
  RUNS_CSV,
  SUMMARY_CSV,
  SUMMARY_JSON,
  TIMESERIES,
} from "../study/batch-files";
import { csvText, parseCsv } from "../study/csv";
import { type Plan, type RunSpec, runKey } from "../study/plan";
import {
  buildTables,
  type CombinedTables,
  READOUT_KEYS,
  type RunRef,
  type RunStatus,
  timeseriesCsv,
} from "../study/tables";
import { writeFileAtomic, writeJsonAtomic } from "./atomic";
import type { Provenance } from "./provenance";
import type { RunOutcome } from "./run-one";

export function runDir(outDir: string, plan: Pick<Plan, "single">, run: Pick<RunRef, "runId">): string {
  return plan.single ? outDir : join(outDir, run.runId);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/**
 * True if the folder holds this run, complete. A complete folder of a different run is refused
 * rather than overwritten (the output directory belongs to another batch).
 */
export function isComplete(dir: string, run: RunRef): boolean {
  const m = readJson(join(dir, MANIFEST)) as { run_key?: string; complete?: boolean } | null;
  if (!m?.complete || !existsSync(join(dir, TIMESERIES))) return false;
  if (m.run_key !== run.key)
    throw new InputError(
      [
        {
          path: dir,
          value: String(m.run_key),
          allowed: `run ${run.runId} of this batch (${run.key})`,
          message: `${dir} holds a different run than ${run.runId} of this batch; choose another --out`,
        },
      ],
      "output directory",
    );
  return true;
}

export function writeRunOutputs(
  dir: string,
  plan: Plan,
  spec: RunSpec,
  scenario: Scenario,
  outcome: RunOutcome,
  prov: Provenance,
  id: string,
): void {
  rmSync(join(dir, ERROR_JSON), { force: true });
  rmSync(join(dir, MANIFEST), { force: true });
  writeFileAtomic(join(dir, TIMESERIES), timeseriesCsv(outcome.history));
  const first = outcome.history[0];
  const last = outcome.history[outcome.history.length - 1];
  const totalSteps = outcome.load.totalSteps;
  writeJsonAtomic(join(dir, SUMMARY_JSON), {
    run_id: spec.runId,
    seed: spec.seed,
    labels: spec.labels,
    end_point: last,
    day_0: first,
    generation: {
      stage: scenario.disease.stage,
      cirrhosis_grade: scenario.disease.cirrhosis_grade,
      target_cpa_percent: scenario.disease.target_cpa_percent,
      generation_injury: scenario.disease.generation_injury,
      hepatectomy_fraction: scenario.disease.hepatectomy_fraction,
      day_0_cpa_percent: first?.cpa_percent ?? null,
      day_0_fibrosis_stage: first?.fibrosis_stage ?? null,
    },
    lattice: { width: outcome.load.width, height: outcome.load.height },
    steps_per_day: outcome.load.stepsPerDay,
    total_steps: totalSteps,
    display_amplification: outcome.load.amplification,
    wall_time_s: outcome.wallTimeS,
    steps_per_s: outcome.wallTimeS > 0 ? totalSteps / outcome.wallTimeS : null,
  });
  writeJsonAtomic(join(dir, MANIFEST), {
    kind: "run",
    complete: true,
    ...prov,
    plan_kind: plan.kind,
    plan_id: id,
    run_id: spec.runId,
    run_key: runKey(spec),
    seed: spec.seed,
    labels: spec.labels,
    wall_time_s: outcome.wallTimeS,
    display_amplification: outcome.load.amplification,
    dose_conversion: doseConversions(scenario),
    scenario_delta: scenarioDelta(scenario, presetLookup),
    scenario,
    // The scenario that made the day-0 stage, when it is not the run's own (--stage-set).
    ...(spec.stageDoc ? { stage_scenario: spec.stageDoc } : {}),
    outputs: { [TIMESERIES]: columnUnits(), [SUMMARY_JSON]: "end-point and day-0 read-outs, generation, timing" },
  });
}

export function writeRunError(dir: string, spec: RunSpec, error: unknown): void {
  rmSync(join(dir, MANIFEST), { force: true });
  const e = error instanceof Error ? error : new Error(String(error));
  writeJsonAtomic(join(dir, ERROR_JSON), {
    run_id: spec.runId,
    seed: spec.seed,
    labels: spec.labels,
    error: e.message,
    stack: e.stack ?? null,
    scenario: spec.doc,
  });
}

/** What a run folder holds, read back as written (strings, so numbers keep their exact digits). */
export function readRun(dir: string, run: RunRef): RunStatus {
  if (isComplete(dir, run)) {
    const { header, rows } = parseCsv(readFileSync(join(dir, TIMESERIES), "utf8"));
    if (header.join(",") !== READOUT_KEYS.join(","))
      throw new Error(`${join(dir, TIMESERIES)}: columns differ from this version's read-outs`);
    return { status: "ok", rows };
  }
  const err = readJson(join(dir, ERROR_JSON)) as { error?: string } | null;
  if (err) return { status: "error", message: String(err.error ?? "unknown error") };
  return { status: "missing" };
}

/** runs.csv and summary.csv rebuilt from the run folders, in plan order. */
export function combineRuns(
  runs: readonly RunRef[],
  labelKeys: readonly string[],
  dirOf: (run: RunRef) => string,
): CombinedTables {
  return buildTables(runs, labelKeys, (r) => readRun(dirOf(r), r));
}

export function writeCombined(outDir: string, t: CombinedTables): void {
  writeFileAtomic(join(outDir, RUNS_CSV), csvText(t.header, t.rows));
  writeFileAtomic(join(outDir, SUMMARY_CSV), csvText(t.summaryHeader, t.summary));
}
