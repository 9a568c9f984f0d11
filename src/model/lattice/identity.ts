/**
 * Cell identity, so a cell can be followed (docs/model.md, "Cell identity"): a cell is named by the
 * run step at which it arose and the site where it arose. At most one cell arises at a site in a
 * step, so the pair is unique among the cells present; it moves with the cell (the site it left is
 * marked VACATED), a daughter gets a new one, and a dead cell's pair stays on its empty site until
 * another cell takes the site. Derived
 * from the rules, never read by them: identity changes no other number.
 */
import type { TissueState } from "./state";

/** `born` of a site a cell moved away from (so only death leaves a cell's pair on an empty site). */
export const VACATED = 0xffffffff;

/** Set in `origin` when therapy placed the cell (it did not arise by division at that site). */
export const PLACED_BY_THERAPY = 0x80000000;

/** A cell arises at k during run step `step` (division, niche refill). */
export function markBirth(t: TissueState, k: number, step: number): void {
  t.born[k] = step + 1;
  t.origin[k] = k;
}

/** Therapy places a cell at k during run step `step`. */
export function markPlaced(t: TissueState, k: number, step: number): void {
  t.born[k] = step + 1;
  t.origin[k] = (k | PLACED_BY_THERAPY) >>> 0;
}

/** The cell at `from` moves to `to`, keeping its identity. */
export function moveIdentity(t: TissueState, from: number, to: number): void {
  t.born[to] = t.born[from]!;
  t.origin[to] = t.origin[from]!;
}

/** Day 0: every cell present is named by its site (stage generation's own births are forgotten). */
export function resetIdentities(t: TissueState): void {
  t.born.fill(0);
  for (let k = 0; k < t.size; k++) t.origin[k] = k;
}
