/**
 * Runs a plan: skips complete runs (--resume), spreads the rest over worker threads, writes each run's
 * folder as it finishes, then the combined tables, the analysis and the batch manifest. Ctrl-C stops
 * new runs, terminates the running ones and keeps only whole results.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../model/params/validation";
import {
  type BatchManifest,
  batchManifestBase,
  MANIFEST,
  runRef,
  shardManifestName,
  TIMESERIES,
} from "../study/batch-files";
import { groupRuns, type Plan, planId, type RunSpec, resolvedDoc, type Shard, shardRuns } from "../study/plan";
import type { Analysis, RunRef } from "../study/tables";
import { writeFileAtomic, writeJsonAtomic } from "./atomic";
import { EXIT } from "./exit-codes";
import { combineRuns, isComplete, runDir, writeCombined, writeRunError, writeRunOutputs } from "./outputs";
import { runOnWorkers, type SimWorker } from "./pool";
import { formatDuration, Progress, type ProgressSink } from "./progress";
import { provenance } from "./provenance";
import { executeRun, Interrupted } from "./run-one";

export interface BatchOptions {
  outDir: string;
  workers: number;
  /** Threads per run (lattice strips); the numbers do not depend on it. */
  threads: number;
  quiet: boolean;
  resume: boolean;
  shard: Shard | null;
  argv: readonly string[];
  stderr: ProgressSink;
  signal: AbortSignal;
}

export interface BatchResult {
  exitCode: number;
  ran: number;
  skipped: number;
  failed: string[];
  interrupted: boolean;
}

/** True if the directory already holds results of some batch (so a new batch must not mix in). */
function holdsResults(dir: string): boolean {
  if (!existsSync(dir)) return false;
  for (const name of readdirSync(dir)) {
    if (name === MANIFEST || name === TIMESERIES || /^shard-\d+-of-\d+\.json$/.test(name)) return true;
    if (existsSync(join(dir, name, MANIFEST)) || existsSync(join(dir, name, "error.json"))) return true;
  }
  return false;
}

/** Refuses to resume into a directory that holds another batch. */
function checkSamePlan(dir: string, id: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name !== MANIFEST && !/^shard-\d+-of-\d+\.json$/.test(name)) continue;
    let other: unknown;
    try {
      other = JSON.parse(readFileSync(join(dir, name), "utf8"));
    } catch {
      continue;
    }
    const otherId = (other as { plan_id?: unknown }).plan_id;
    if (typeof otherId === "string" && otherId !== id)
      throw new InputError(
        [
          {
            path: "--out",
            value: JSON.stringify(dir),
            allowed: `a directory of this batch (plan ${id})`,
            message: `--out: ${dir} holds another batch (plan ${otherId} in ${name}, this is ${id}); choose another directory`,
          },
        ],
        "input",
      );
  }
}

export async function runBatch(plan: Plan, opts: BatchOptions, analyse?: Analysis): Promise<BatchResult> {
  const t0 = performance.now();
  const id = planId(plan);
  const mine = shardRuns(plan, opts.shard);
  // A shard always resumes: array tasks share one directory, and a requeued task must not redo work.
  const resume = opts.resume || opts.shard !== null;
  if (resume) checkSamePlan(opts.outDir, id);
  else if (holdsResults(opts.outDir))
    throw new InputError(
      [
        {
          path: "--out",
          value: JSON.stringify(opts.outDir),
          allowed: "a new or empty directory, or --resume",
          message: `--out: ${opts.outDir} already holds results; use --resume to finish that batch, or choose another directory`,
        },
      ],
      "input",
    );
  const todo = resume ? mine.filter((r) => !isComplete(runDir(opts.outDir, plan, r), runRef(r))) : mine;
  const skipped = mine.length - todo.length;
  const progress = new Progress(opts.stderr, mine.length, opts.quiet, skipped);
  const failed: string[] = [];
  const failures: string[] = [];
  let ran = 0;

  const execute = async (worker: SimWorker, group: RunSpec[]) => {
    for (const spec of group) {
      if (opts.signal.aborted) return;
      const dir = runDir(opts.outDir, plan, spec);
      try {
        const outcome = await executeRun(
          worker,
          spec,
          opts.threads,
          (n, total) => progress.addSteps(spec.runId, n, total),
          opts.signal,
        );
        writeRunOutputs(dir, plan, spec, resolvedDoc(spec.doc).scenario, outcome, provenance(opts.argv), id);
        ran++;
        progress.runFinished(spec.runId, true);
      } catch (e) {
        if (opts.signal.aborted || e instanceof Interrupted) return;
        writeRunError(dir, spec, e);
        failed.push(spec.runId);
        failures.push(`${spec.runId}: ${e instanceof Error ? e.message : String(e)}`);
        ran++;
        progress.runFinished(spec.runId, false);
      }
    }
  };
  await runOnWorkers(groupRuns(todo), opts.workers, execute, opts.signal);

  const wall = (performance.now() - t0) / 1000;
  const tail = `${ran} run${ran === 1 ? "" : "s"}${skipped ? ` (+${skipped} already complete)` : ""}${failed.length ? `, ${failed.length} failed` : ""} in ${formatDuration(wall)}`;
  if (opts.signal.aborted) {
    const complete = skipped + ran - failed.length;
    progress.finish(
      `interrupted: ${complete} of ${mine.length} runs complete in ${opts.outDir}; run the same command with --resume to finish`,
    );
    return { exitCode: EXIT.interrupted, ran, skipped, failed, interrupted: true };
  }
  const base = batchManifestBase(plan, id, opts.shard);
  const manifest: BatchManifest = {
    ...provenance(opts.argv),
    ...base,
    complete: true,
    counts: { runs: mine.length, ok: mine.length - failed.length, failed: failed.length },
    workers: opts.workers,
    threads: opts.threads,
    wall_time_s: wall,
  };
  if (plan.single) {
    progress.finish(`${failed.length ? "failed" : "done"}: ${tail} → ${opts.outDir}`);
  } else if (opts.shard) {
    writeJsonAtomic(join(opts.outDir, shardManifestName(opts.shard)), manifest);
    progress.finish(
      `shard ${opts.shard.index}/${opts.shard.count} done: ${tail} → ${opts.outDir} (join shards with \`hepatosim merge\`)`,
    );
  } else {
    const extra = finishBatch(opts.outDir, manifest, analyse);
    progress.finish(
      `done: ${tail} → ${opts.outDir} (runs.csv, summary.csv${extra.length ? `, ${extra.join(", ")}` : ""})`,
    );
  }
  for (const f of failures.slice(0, 5)) opts.stderr.write(`  failed ${f}\n`);
  if (failures.length > 5)
    opts.stderr.write(
      `  … and ${failures.length - 5} more (status "error" in summary.csv, error.json in each run folder)\n`,
    );
  return { exitCode: failed.length ? EXIT.internal : EXIT.ok, ran, skipped, failed, interrupted: false };
}

/** Combined tables, analysis, and the batch manifest last (it marks the batch complete). Shared with `merge`. */
export function finishBatch(
  outDir: string,
  manifest: BatchManifest,
  analyse?: Analysis,
  dirOf: (r: RunRef) => string = (r) => join(outDir, r.runId),
): string[] {
  const tables = combineRuns(manifest.runs, manifest.label_keys, dirOf);
  if (tables.missing.length)
    throw new Error(
      `runs missing from ${outDir}: ${tables.missing.slice(0, 5).join(", ")}${tables.missing.length > 5 ? "…" : ""}`,
    );
  writeCombined(outDir, tables);
  const files = analyse ? analyse(tables, manifest.spec) : [];
  for (const f of files) writeFileAtomic(join(outDir, f.name), f.text);
  const extra = files.map((f) => f.name);
  const counts = {
    runs: manifest.runs.length,
    ok: manifest.runs.length - tables.failed.length,
    failed: tables.failed.length,
  };
  writeJsonAtomic(join(outDir, MANIFEST), { ...manifest, counts, outputs: ["runs.csv", "summary.csv", ...extra] });
  return extra;
}
