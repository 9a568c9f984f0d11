/** Tells scenario, sweep and trial documents apart (sweeps and trials say `"kind"`), and checks a study file as its command would. */

import { checkNumericSweep, parseSweep, sweepPlan } from "../study/sweep-file";
import { parseTrial, trialPlan } from "../study/trial-file";
import { studyScenario } from "./scenario-source";

export type DocumentKind = "scenario" | "sweep" | "trial";

export function documentKind(doc: unknown): DocumentKind {
  const kind = doc !== null && typeof doc === "object" ? (doc as { kind?: unknown }).kind : undefined;
  return kind === "sweep" || kind === "trial" ? kind : "scenario";
}

/** Validates every run the file would make; returns a one-line description. */
export function validateStudyFile(doc: unknown, kind: "sweep" | "trial", file: string): string {
  if (kind === "sweep") {
    const s = parseSweep(doc, file);
    const plan = sweepPlan(s, "sweep", file, studyScenario(s.scenario, file, "sweep").doc);
    let numeric = "";
    try {
      checkNumericSweep(s, file);
      numeric = ", usable for sensitivity";
    } catch {
      numeric = "";
    }
    return `sweep, ${s.design}, ${plan.runs.length} runs${numeric}`;
  }
  const t = parseTrial(doc, file);
  const plan = trialPlan(t, file, studyScenario(t.scenario, file, "trial").doc);
  return `trial, ${t.patients} patients × ${t.arms.length} arms = ${plan.runs.length} runs`;
}
