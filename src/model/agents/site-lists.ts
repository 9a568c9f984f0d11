/**
 * Sites of a strip grouped by the agent on them (a counting sort by cell code, ascending within each
 * group), so each own-site rule loops over its own agents only. Cell types are interleaved on the
 * lattice: testing every site's type in every rule's loop cost more in mispredicted branches than
 * the rules themselves for the sparse types (stellate, Kupffer, MSC).
 */
import { Cell } from "../lattice/codes";

const CELL_CODES = Object.keys(Cell).length;

/** Group bounds of the last sort: sites holding cell code c are list[bounds[c] … bounds[c + 1]). One per thread. */
const bounds = new Int32Array(CELL_CODES + 1);
const next = new Int32Array(CELL_CODES);

/**
 * Writes the sites k0 … k1 − 1 into list[k0 … k1), grouped by cell[k]; returns the group bounds
 * (valid until the next call on this thread). Two branch-free passes. Cell codes are checked on
 * load (model/invariants), so every code has a group.
 */
export function sortSitesByCell(cell: Uint8Array, list: Int32Array, k0: number, k1: number): Int32Array {
  next.fill(0);
  for (let k = k0; k < k1; k++) {
    const c = cell[k]!;
    next[c] = next[c]! + 1;
  }
  let at = k0;
  for (let c = 0; c < CELL_CODES; c++) {
    bounds[c] = at;
    at += next[c]!;
    next[c] = bounds[c]!;
  }
  bounds[CELL_CODES] = at;
  for (let k = k0; k < k1; k++) {
    const c = cell[k]!;
    const i = next[c]!;
    list[i] = k;
    next[c] = i + 1;
  }
  return bounds;
}
