/** `hepatosim sweep SWEEP.json` and `hepatosim sensitivity SWEEP.json`: a design over named parameters × seeds, then its analysis. */
import { analysisFor } from "../../study/analyses";
import { checkNumericSweep, parseSweep, sweepPlan } from "../../study/sweep-file";
import { runBatch } from "../batch";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { readJsonFile, studyScenario, writeNotices } from "../scenario-source";
import { batchOptions, type RunFlags } from "./run";

export type StudyFlags = Pick<RunFlags, "out" | "workers" | "quiet" | "resume" | "shard"> & { dryRun?: boolean };

export async function sweepCommand(
  file: string,
  flags: StudyFlags,
  ctx: CliContext,
  sensitivity = false,
): Promise<number> {
  const s = parseSweep(readJsonFile(file, "sweep file"), file);
  if (sensitivity) checkNumericSweep(s, file);
  const kind = sensitivity ? "sensitivity" : "sweep";
  const source = studyScenario(s.scenario, file, "sweep");
  writeNotices(source.notices, ctx.stderr);
  const plan = sweepPlan(s, kind, file, source.doc);
  const options = batchOptions(flags, plan, `${kind}-${source.name}`, ctx);
  if (flags.dryRun) {
    ctx.stdout.write(
      `${plan.runs.length} runs (${new Set(plan.runs.map((r) => r.labels.point)).size} points × seeds) → ${options.outDir}\n`,
    );
    return EXIT.ok;
  }
  return (await runBatch(plan, options, await analysisFor(kind))).exitCode;
}
