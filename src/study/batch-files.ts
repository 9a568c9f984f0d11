/**
 * The files a batch writes, named once, and the parts of them that need no disk: per run
 * timeseries.csv, summary.json, then manifest.json (or error.json); for the batch runs.csv and
 * summary.csv. The CLI writes them into run folders (src/cli/outputs.ts); the page offers the same
 * combined files for download.
 */
import { READOUTS } from "../model/metrics/readouts";
import { compileParams } from "../model/params/compiled";
import type { Scenario } from "../model/params/scenario-schema";
import { convertDose } from "../model/therapy/delivery";
import { type RunSpec, runKey } from "./plan";
import type { RunRef } from "./tables";

export const TIMESERIES = "timeseries.csv";
export const SUMMARY_JSON = "summary.json";
export const MANIFEST = "manifest.json";
export const ERROR_JSON = "error.json";
export const RUNS_CSV = "runs.csv";
export const SUMMARY_CSV = "summary.csv";

export function runRef(spec: RunSpec): RunRef {
  return { runId: spec.runId, seed: spec.seed, labels: spec.labels, key: runKey(spec) };
}

/** Unit of each column, for the manifest and docs. */
export function columnUnits(): Record<string, string> {
  return Object.fromEntries(READOUTS.map((r) => [r.key, r.unit]));
}

export function doseConversions(s: Scenario) {
  const p = compileParams(s);
  return s.therapy.infusions.map((inf, i) => ({ infusion: i, ...inf, ...convertDose(s, p, inf) }));
}
