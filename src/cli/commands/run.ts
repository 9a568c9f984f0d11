/** `hepatosim run SCENARIO`: one run, or one run per seed with --seeds, written as tidy files. */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { flagError, parseSeeds } from "../../study/flag-values";
import type { ScenarioInput } from "../../model/params/scenario-schema";
import { groupRuns, movesTissue, type Plan, type RunSpec, resolvedDoc } from "../../study/plan";
import { LEGACY_PATHS, legacyPathNotice } from "../../model/params/legacy";
import { setPath } from "../../study/scenario-paths";
import { runBatch } from "../batch";
import type { CliContext } from "../context";
import { parseDays, parseSeed, parseSet, parseShard, parseThreads, parseWorkers, shardFromEnv } from "../flags";
import { scenarioSource, writeNotices } from "../scenario-source";

export interface RunFlags {
  seed?: string;
  seeds?: string;
  days?: string;
  set?: string[];
  /** Overrides that make the day-0 stage only: the run starts on that tissue under its own parameters. */
  stageSet?: string[];
  out?: string;
  workers?: string;
  threads?: string;
  quiet?: boolean;
  resume?: boolean;
  shard?: string;
}

export function defaultWorkers(groups: number): number {
  return Math.max(1, Math.min(availableParallelism(), groups));
}

export const defaultOutDir = (name: string) => join("out", name);

/** The scenario named on the command line with --set, --days and --seed applied, fully resolved; notices name old spellings read. */
export function scenarioFromFlags(arg: string, flags: Pick<RunFlags, "set" | "days" | "seed">) {
  const source = scenarioSource(arg);
  const notices = [...source.notices];
  const { doc } = resolvedDoc(source.doc);
  const edited = structuredClone(doc) as Record<string, unknown>;
  for (const raw of flags.set ?? []) {
    const { path, value } = parseSet(raw);
    const renamed = LEGACY_PATHS[path];
    if (renamed !== undefined) notices.push(legacyPathNotice(`--set ${path}`, renamed));
    setPath(edited, path, value);
  }
  if (flags.days !== undefined) edited.days = parseDays(flags.days);
  if (flags.seed !== undefined) edited.seed = parseSeed(flags.seed);
  return { name: source.name, notices, ...resolvedDoc(edited) };
}

/**
 * The scenario whose stage a run starts from under `--stage-set`: the run's own with those overrides.
 * They may not move the seed or the lattice (one tissue); none given: the run makes its own stage.
 */
function stageDocOf(doc: ScenarioInput, stageSets: readonly string[] | undefined): ScenarioInput | undefined {
  if (!stageSets?.length) return undefined;
  const edited = structuredClone(doc) as Record<string, unknown>;
  for (const raw of stageSets) {
    const { path, value } = parseSet(raw);
    if (movesTissue(path))
      throw flagError("--stage-set", raw, "a parameter or disease field; the stage keeps the run's seed and lattice");
    setPath(edited, path, value);
  }
  return resolvedDoc(edited).doc;
}

export function runPlan(arg: string, flags: RunFlags): { name: string; plan: Plan; notices: string[] } {
  if (flags.seed !== undefined && flags.seeds !== undefined)
    throw flagError("--seed", flags.seed, "either --seed or --seeds, not both");
  const seeds = flags.seeds !== undefined ? parseSeeds(flags.seeds) : null;
  const base = scenarioFromFlags(arg, flags);
  const { notices } = base;
  const withStage = (spec: RunSpec): RunSpec => {
    const stageDoc = stageDocOf(spec.doc, flags.stageSet);
    return stageDoc ? { ...spec, stageDoc } : spec;
  };
  if (!seeds) {
    const run = withStage({
      index: 0,
      runId: "run",
      seed: base.scenario.seed,
      group: "run",
      doc: base.doc,
      labels: {},
    });
    return { name: base.name, notices, plan: { kind: "run", single: true, runs: [run], labelKeys: [] } };
  }
  const runs = seeds.map((seed, index): RunSpec => {
    const { doc } = resolvedDoc({ ...base.doc, seed });
    return withStage({ index, runId: `seed-${seed}`, seed, group: `seed-${seed}`, doc, labels: {} });
  });
  return { name: base.name, notices, plan: { kind: "seeds", single: false, runs, labelKeys: [] } };
}

/** Flags shared by every command that runs a batch. */
export function batchOptions(
  flags: Pick<RunFlags, "out" | "workers" | "threads" | "quiet" | "resume" | "shard">,
  plan: Plan,
  name: string,
  ctx: CliContext,
) {
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : plan.single ? null : shardFromEnv(ctx.env);
  if (shard && plan.single)
    throw flagError("--shard", flags.shard, "only with a batch (--seeds, sweep, cohort, sensitivity)");
  const workers =
    flags.workers !== undefined ? parseWorkers(flags.workers) : defaultWorkers(groupRuns(plan.runs).length);
  return {
    outDir: flags.out ?? defaultOutDir(name),
    workers,
    threads: flags.threads !== undefined ? parseThreads(flags.threads) : 1,
    quiet: flags.quiet === true,
    resume: flags.resume === true,
    shard,
    argv: ctx.argv,
    stderr: ctx.stderr,
    signal: ctx.signal,
  };
}

export async function runCommand(arg: string, flags: RunFlags, ctx: CliContext): Promise<number> {
  const { name, plan, notices } = runPlan(arg, flags);
  writeNotices(notices, ctx.stderr);
  const result = await runBatch(plan, batchOptions(flags, plan, name, ctx));
  return result.exitCode;
}
