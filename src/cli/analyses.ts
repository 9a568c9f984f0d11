/** Which analysis follows each kind of batch (after a full batch, and again after `merge`). */
import type { Analysis } from "./batch";
import type { PlanKind } from "./plan";

const ANALYSES: Partial<Record<PlanKind, Analysis>> = {};

export function analysisFor(kind: PlanKind): Analysis | undefined {
  return ANALYSES[kind];
}
