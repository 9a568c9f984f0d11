/**
 * Sites of a strip grouped by the agent on them (a counting sort by cell code, ascending within each
 * group), so each own-site rule loops over its own agents only. Cell types are interleaved on the
 * lattice: testing every site's type in every rule's loop cost more in mispredicted branches than
 * the rules themselves for the sparse types (stellate, Kupffer, MSC).
 */
import { Cell } from "../lattice/codes";

const CELL_CODES = Object.keys(Cell).length;
if (CELL_CODES !== 5) throw new Error("site-lists: the packed counts below are written for five cell codes");

/** A thread's buffers for the sort: group bounds (sites holding cell code c are list[bounds[c] … bounds[c + 1])) and counts. */
export interface SiteGroups {
  bounds: Int32Array;
  next: Int32Array;
}

export function siteGroups(): SiteGroups {
  return { bounds: new Int32Array(CELL_CODES + 1), next: new Int32Array(CELL_CODES) };
}

/**
 * Counting two sites per read: a pair of cell codes read as one 16-bit number (either byte order)
 * indexes the count increments of both, packed base 2^26 into two doubles (exact: a strip holds far
 * fewer than 2^26 sites): `low` counts codes 0 and 1, `high` codes 2 and 3; code 4 is the rest.
 */
const BASE = 2 ** 26;
const LOW = [1, BASE, 0, 0, 0];
const HIGH = [0, 0, 1, BASE, 0];
const PAIR_LOW = new Float64Array(256 * CELL_CODES);
const PAIR_HIGH = new Float64Array(256 * CELL_CODES);
for (let a = 0; a < CELL_CODES; a++)
  for (let b = 0; b < CELL_CODES; b++) {
    PAIR_LOW[a + 256 * b] = LOW[a]! + LOW[b]!;
    PAIR_HIGH[a + 256 * b] = HIGH[a]! + HIGH[b]!;
  }
/** A 16-bit view of the cell layer (null if its offset is odd: counted one site at a time then). */
function pairView(cell: Uint8Array): Uint16Array | null {
  return cell.byteOffset % 2 === 0 ? new Uint16Array(cell.buffer, cell.byteOffset, cell.length >> 1) : null;
}

/** Sites of each cell code among k0 … k1 − 1, into `next`. */
function countCodes(cell: Uint8Array, k0: number, k1: number, next: Int32Array): void {
  let low = 0;
  let high = 0;
  let k = k0;
  const pairs = pairView(cell);
  if (pairs) {
    if (k & 1) {
      low += LOW[cell[k]!]!;
      high += HIGH[cell[k]!]!;
      k++;
    }
    const j1 = k1 >> 1;
    for (let j = k >> 1; j < j1; j++) {
      const v = pairs[j]!;
      low += PAIR_LOW[v]!;
      high += PAIR_HIGH[v]!;
    }
    k = 2 * j1;
  }
  for (; k < k1; k++) {
    low += LOW[cell[k]!]!;
    high += HIGH[cell[k]!]!;
  }
  const n1 = Math.floor(low / BASE);
  const n3 = Math.floor(high / BASE);
  next[0] = low - n1 * BASE;
  next[1] = n1;
  next[2] = high - n3 * BASE;
  next[3] = n3;
  next[4] = k1 - k0 - next[0]! - n1 - next[2]! - n3;
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
  countCodes(cell, k0, k1, next);
  let at = k0;
  for (let c = 0; c < CELL_CODES; c++) {
    bounds[c] = at;
    at += next[c]!;
    next[c] = bounds[c]!;
  }
  bounds[CELL_CODES] = at;
  // Four sites per iteration: the loop's own overhead was as large as the scatter.
  let k = k0;
  for (; k + 3 < k1; k += 4) {
    const a = cell[k]!;
    const b = cell[k + 1]!;
    const c = cell[k + 2]!;
    const d = cell[k + 3]!;
    const i = next[a]!;
    next[a] = i + 1;
    list[i] = k;
    const j = next[b]!;
    next[b] = j + 1;
    list[j] = k + 1;
    const l = next[c]!;
    next[c] = l + 1;
    list[l] = k + 2;
    const m = next[d]!;
    next[d] = m + 1;
    list[m] = k + 3;
  }
  for (; k < k1; k++) {
    const c = cell[k]!;
    const i = next[c]!;
    list[i] = k;
    next[c] = i + 1;
  }
  return bounds;
}
