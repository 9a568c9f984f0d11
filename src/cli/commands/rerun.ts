/**
 * `hepatosim rerun DIR/manifest.json`: re-creates a run (or a whole batch) from its manifest alone and
 * checks that the numbers are identical to the recorded ones.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { InputError } from "../../model/params/validation";
import { analysisFor } from "../../study/analyses";
import { type BatchManifest, MANIFEST, RUNS_CSV, SUMMARY_CSV, TIMESERIES } from "../../study/batch-files";
import { flagError } from "../../study/flag-values";
import { groupRuns, type Plan, type PlanKind, type RunSpec, resolvedDoc, runKey } from "../../study/plan";
import { runBatch } from "../batch";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { parseThreads, parseWorkers } from "../flags";
import { gitState } from "../provenance";
import { readJsonFile } from "../scenario-source";
import { defaultWorkers } from "./run";

interface RunManifest {
  kind: "run";
  plan_kind: PlanKind;
  run_id: string;
  run_key: string;
  seed: number;
  labels: RunSpec["labels"];
  scenario: unknown;
  /** The scenario that made the day-0 stage, when not the run's own (--stage-set). */
  stage_scenario?: unknown;
  git_commit?: string;
}

function specFromRunManifest(m: RunManifest, index: number, group: string, file: string): RunSpec {
  if (m?.kind !== "run" || m.scenario === undefined)
    throw flagError("manifest", file, "a manifest.json written by `hepatosim run`, `sweep`, `cohort` or `sensitivity`");
  const { doc } = resolvedDoc(m.scenario);
  const spec: RunSpec = { index, runId: m.run_id, seed: m.seed, group, doc, labels: m.labels ?? {} };
  if (m.stage_scenario !== undefined) spec.stageDoc = resolvedDoc(m.stage_scenario).doc;
  if (runKey(spec) !== m.run_key)
    throw new InputError(
      [
        {
          path: file,
          value: m.run_key,
          allowed: runKey(spec),
          message: `${file}: the scenario no longer resolves to the recorded run (schema or presets changed since)`,
        },
      ],
      "manifest",
    );
  return spec;
}

function sameFile(a: string, b: string): boolean {
  return existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
}

export async function rerunCommand(
  manifestPath: string,
  flags: { out?: string; workers?: string; threads?: string; quiet?: boolean },
  ctx: CliContext,
): Promise<number> {
  const m = readJsonFile(manifestPath, "manifest") as (RunManifest | BatchManifest) & { git_commit?: string };
  const srcDir = dirname(manifestPath);
  const outDir = flags.out ?? `${srcDir.replace(/\/+$/, "")}-rerun`;
  let plan: Plan;
  let compare: [string, string][];
  if (m.kind === "run") {
    const spec = specFromRunManifest(m as RunManifest, 0, "run", manifestPath);
    plan = {
      kind: (m as RunManifest).plan_kind ?? "run",
      single: true,
      runs: [spec],
      labelKeys: Object.keys(spec.labels),
    };
    compare = [[join(srcDir, TIMESERIES), join(outDir, TIMESERIES)]];
  } else {
    const b = m as BatchManifest;
    if (!Array.isArray(b.runs)) throw flagError("manifest", manifestPath, "a manifest.json written by hepatosim");
    const runs = b.runs.map((r, i) => {
      const file = join(srcDir, r.runId, MANIFEST);
      return specFromRunManifest(readJsonFile(file, "manifest") as RunManifest, i, r.group, file);
    });
    plan = { kind: b.kind, single: false, runs, labelKeys: b.label_keys, spec: b.spec ?? undefined };
    compare = [RUNS_CSV, SUMMARY_CSV].map((f) => [join(srcDir, f), join(outDir, f)]);
  }
  const here = gitState().commit;
  if (m.git_commit && m.git_commit !== here)
    ctx.stderr.write(`note: made by commit ${m.git_commit}, rerunning with ${here}\n`);
  const options = {
    outDir,
    workers: flags.workers !== undefined ? parseWorkers(flags.workers) : defaultWorkers(groupRuns(plan.runs).length),
    threads: flags.threads !== undefined ? parseThreads(flags.threads) : 1,
    quiet: flags.quiet === true,
    resume: false,
    shard: null,
    argv: ctx.argv,
    stderr: ctx.stderr,
    signal: ctx.signal,
  };
  const result = await runBatch(plan, options, await analysisFor(plan.kind));
  if (result.exitCode !== EXIT.ok) return result.exitCode;
  const differing = compare.filter(([a, b]) => existsSync(a) && !sameFile(a, b));
  const compared = compare.filter(([a]) => existsSync(a));
  if (!compared.length) {
    ctx.stderr.write(`rerun written to ${outDir}; nothing recorded to compare with\n`);
    return EXIT.ok;
  }
  if (differing.length) {
    ctx.stderr.write(`NOT reproduced: ${differing.map(([a, b]) => `${b} differs from ${a}`).join("; ")}\n`);
    return EXIT.notReproduced;
  }
  ctx.stderr.write(`reproduced: ${compared.map(([, b]) => b).join(", ")} identical to the recorded numbers\n`);
  return EXIT.ok;
}
