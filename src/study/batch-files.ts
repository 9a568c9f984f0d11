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
import { type Plan, type PlanKind, type RunSpec, runKey, type Shard } from "./plan";
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

/** The manifest of a whole batch (DIR/manifest.json) or of one shard (DIR/shard-i-of-n.json). */
export interface BatchManifest {
  kind: PlanKind;
  complete: boolean;
  plan_id: string;
  label_keys: string[];
  spec: unknown;
  shard: Shard | null;
  runs: (RunRef & { group: string })[];
  counts: { runs: number; ok: number; failed: number };
  workers: number;
  threads: number;
  wall_time_s: number;
  [provenance: string]: unknown;
}

export const shardManifestName = (s: Shard) => `shard-${s.index}-of-${s.count}.json`;

/** What every batch manifest starts with; the page's manifest of an experiment too. */
export function batchManifestBase(
  plan: Plan,
  id: string,
  shard: Shard | null,
): Pick<BatchManifest, "kind" | "plan_id" | "label_keys" | "spec" | "shard" | "runs"> {
  return {
    kind: plan.kind,
    plan_id: id,
    label_keys: plan.labelKeys,
    spec: plan.spec ?? null,
    shard,
    runs: plan.runs.map((r) => ({ ...runRef(r), group: r.group })),
  };
}
