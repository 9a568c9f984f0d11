/**
 * Sites of a strip grouped by the agent on them (a counting sort by cell code, ascending within each
 * group), so each own-site rule loops over its own agents only. Cell types are interleaved on the
 * lattice: testing every site's type in every rule's loop cost more in mispredicted branches than
 * the rules themselves for the sparse types (stellate, Kupffer, MSC).
 */
import { Cell } from "../lattice/codes";

const CELL_CODES = Object.keys(Cell).length;

/** A thread's buffers for the sort: group bounds (sites holding cell code c are list[bounds[c] … bounds[c + 1])) and counts. */
export interface SiteGroups {
  bounds: Int32Array;
  next: Int32Array;
}

export function siteGroups(): SiteGroups {
  return { bounds: new Int32Array(CELL_CODES + 1), next: new Int32Array(CELL_CODES) };
}

/**
 * Writes the sites k0 … k1 − 1 into list[k0 … k1), grouped by cell[k]; returns the group bounds
 * (valid until the next sort into `groups`). Cell codes are checked on load (model/invariants), so
 * every code has a group.
 */
export function sortSitesByCell(
  cell: Uint8Array,
  list: Int32Array,
  k0: number,
  k1: number,
  groups: SiteGroups,
): Int32Array {
  const { bounds, next } = groups;
  next.fill(0);
  for (let k = k0; k < k1; k++) next[cell[k]!]!++;
  let at = k0;
  for (let c = 0; c < CELL_CODES; c++) {
    bounds[c] = at;
    at += next[c]!;
    next[c] = bounds[c]!;
  }
  bounds[CELL_CODES] = at;
  for (let k = k0; k < k1; k++) {
    const c = cell[k]!;
    list[next[c]!] = k;
    next[c]!++;
  }
  return bounds;
}
