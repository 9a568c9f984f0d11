/**
 * Tells scenario, sweep and trial documents apart (sweeps and trials say `"kind"`), and checks a study
 * file as its command would. The caller reads the file's base scenario (a preset, a file beside it or
 * an inline document), so the check itself touches no disk.
 */
import { parseDataset, unrunnable } from "./reference/dataset";
import { checkNumericSweep, parseSweep, sweepPlan } from "./sweep-file";
import { parseTrial, trialPlan } from "./trial-file";

export type DocumentKind = "scenario" | "sweep" | "trial" | "dataset";

/** Sweeps and trials say their `kind`; a reference dataset (public/reference) is known by its citation and points. */
export function documentKind(doc: unknown): DocumentKind {
  if (doc === null || typeof doc !== "object") return "scenario";
  const kind = (doc as { kind?: unknown }).kind;
  if (kind === "sweep" || kind === "trial") return kind;
  return "citation" in doc && "points" in doc ? "dataset" : "scenario";
}

/** The base scenario document of a study file's `scenario` (`fallbackName` names an inline one). */
export type BaseScenario = (ref: string | Record<string, unknown>, fallbackName: string) => unknown;

/** Validates every run the file would make; returns a one-line description. */
export function validateStudyFile(
  doc: unknown,
  kind: "sweep" | "trial" | "dataset",
  file: string,
  baseScenario: BaseScenario,
): string {
  if (kind === "dataset") {
    const d = parseDataset(doc, file);
    const skip = unrunnable(d);
    return `reference dataset ${d.id}, ${d.role}, ${d.points.length} points${skip ? ` (not run by validation: ${skip})` : ""}`;
  }
  if (kind === "sweep") {
    const s = parseSweep(doc, file);
    const plan = sweepPlan(s, "sweep", file, baseScenario(s.scenario, "sweep"));
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
  const plan = trialPlan(t, file, baseScenario(t.scenario, "trial"));
  return `trial, ${t.patients} patients × ${t.arms.length} arms = ${plan.runs.length} runs`;
}
