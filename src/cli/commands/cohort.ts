/** `hepatosim cohort TRIAL.json`: a virtual trial — sampled patients × arms, then effects, responders and biomarkers. */
import { analysisFor } from "../../study/analyses";
import { parseTrial, trialPlan } from "../../study/trial-file";
import { runBatch } from "../batch";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { readJsonFile, studyScenario, writeNotices } from "../scenario-source";
import { batchOptions } from "./run";
import type { StudyFlags } from "./sweep";

export async function cohortCommand(file: string, flags: StudyFlags, ctx: CliContext): Promise<number> {
  const t = parseTrial(readJsonFile(file, "trial file"), file);
  const source = studyScenario(t.scenario, file, "trial");
  writeNotices(source.notices, ctx.stderr);
  const plan = trialPlan(t, file, source.doc);
  const options = batchOptions(flags, plan, `cohort-${source.name}`, ctx);
  if (flags.dryRun) {
    ctx.stdout.write(
      `${plan.runs.length} runs (${t.patients} patients × ${t.arms.length} arms, ${7 * t.weeks} days each) → ${options.outDir}\n`,
    );
    return EXIT.ok;
  }
  return (await runBatch(plan, options, await analysisFor("cohort"))).exitCode;
}
