/**
 * A batch plan: the ordered list of runs a command will make. Run order is the plan's order, never
 * completion order, so outputs do not depend on the worker count, the shard split or a resume.
 * Pure (no node:), like the sweep and trial expansion, so the page can build the same plans.
 */
import { presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import type { Scenario, ScenarioInput } from "../model/params/scenario-schema";
import type { Cell } from "./csv";
import { asInput } from "./scenario-paths";

export type PlanKind = "run" | "seeds" | "sweep" | "cohort" | "sensitivity" | "validation";

export interface RunSpec {
  /** Position in the plan: the order of rows in every combined file. */
  index: number;
  /** Folder name of the run inside the output directory. */
  runId: string;
  seed: number;
  /** Runs of one group go to one worker in order (cohort arms of one patient share generated tissue). */
  group: string;
  /** The fully resolved scenario, as an input document. */
  doc: ScenarioInput;
  /** Values of the columns that vary across the plan (sweep parameters, patient, arm…). */
  labels: Record<string, Cell>;
  /**
   * The scenario whose day-0 stage the run starts from, when it is not the run's own (`--stage-set`):
   * same seed, lattice and hepatectomy. Absent: the run makes (or finds) its own stage.
   */
  stageDoc?: ScenarioInput;
}

export interface Plan {
  kind: PlanKind;
  /** True for a single run written straight into the output directory. */
  single: boolean;
  runs: RunSpec[];
  /** Column names of `labels`, in order. */
  labelKeys: string[];
  /** The sweep or trial document that produced the plan (kept in the manifest, used by the analysis). */
  spec?: unknown;
}

/** A scenario path that changes the tissue itself, so a run on another scenario's stage may not set it. */
export function movesTissue(path: string): boolean {
  return path === "seed" || path === "preset" || path.startsWith("lattice");
}

/** Resolves a document (validating it) and keeps the full scenario, so a run needs no preset to be re-made. */
export function resolvedDoc(doc: unknown): { scenario: Scenario; doc: ScenarioInput } {
  const scenario = resolveScenario(doc, presetLookup);
  return { scenario, doc: asInput(scenario) };
}

/** 64-bit text fingerprint (two multiplicative 32-bit lanes): identifies inputs, not a security measure. */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return (a >>> 0).toString(16).padStart(8, "0") + ((b ^ (b >>> 16)) >>> 0).toString(16).padStart(8, "0");
}

/** Identifies a run's inputs: a folder whose manifest has another key holds a different run. */
export function runKey(spec: RunSpec): string {
  const inputs: unknown[] = [spec.runId, spec.seed, spec.labels, spec.doc];
  if (spec.stageDoc) inputs.push(spec.stageDoc); // runs without one keep the keys they had
  return fingerprint(JSON.stringify(inputs));
}

/** Identifies a plan: shards and resumes must belong to the same one. */
export function planId(plan: Plan): string {
  return fingerprint(JSON.stringify([plan.kind, plan.labelKeys, plan.spec ?? null, plan.runs.map(runKey)]));
}

/** Shard i of n of a batch (--shard i/n, or a Slurm job array). */
export interface Shard {
  /** 1-based shard number. */
  index: number;
  count: number;
}

/**
 * The runs of shard i of n: every n-th group (a group is one run, or the arms of one patient), so each
 * shard gets a similar mix of long and short runs and a patient's arms stay together.
 */
export function shardRuns(plan: Plan, shard: Shard | null): RunSpec[] {
  if (!shard) return plan.runs;
  const groupIndex = new Map<string, number>();
  for (const r of plan.runs) if (!groupIndex.has(r.group)) groupIndex.set(r.group, groupIndex.size);
  return plan.runs.filter((r) => groupIndex.get(r.group)! % shard.count === shard.index - 1);
}

/** Runs grouped for the workers, groups in plan order. */
export function groupRuns(runs: readonly RunSpec[]): RunSpec[][] {
  const groups = new Map<string, RunSpec[]>();
  for (const r of runs) {
    const g = groups.get(r.group);
    if (g) g.push(r);
    else groups.set(r.group, [r]);
  }
  return [...groups.values()];
}
