/**
 * Which analysis follows each kind of batch (after a full batch, and again after `merge`). Loaded on
 * demand: mathjs takes a second or more to import, and most commands never need it.
 */

import type { PlanKind } from "./plan";
import type { Analysis } from "./tables";

export async function analysisFor(kind: PlanKind): Promise<Analysis | undefined> {
  if (kind === "sweep") return (await import("./sweep-analysis")).sweepAnalysis;
  if (kind === "sensitivity") return (await import("./sweep-analysis")).sensitivityAnalysis;
  if (kind === "cohort") return (await import("./cohort-analysis")).cohortAnalysis;
  if (kind === "validation") return (await import("./validation/report")).validationAnalysis;
  return undefined;
}
