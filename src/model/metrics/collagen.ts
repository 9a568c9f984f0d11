/** Collagen proportionate area alone (cheap; the stage generator checks it often). */
import type { TissueState } from "../lattice/state";

export function collagenStainedPercent(t: TissueState, threshold: number): number {
  let stained = 0;
  const c = t.collagen;
  for (let k = 0; k < t.size; k++) if (c[k]! >= threshold) stained++;
  return (100 * stained) / t.size;
}
