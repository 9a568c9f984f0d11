/**
 * The proposals pass: divisions and moves propose a free neighbour (schedule/births resolves them).
 * The own-site pass marked in `candidate` the few sites that may propose (hepatocytes due to divide
 * or passing the cycle-entry draw, activated stellate cells, MSCs); this pass visits only those,
 * in index order, and applies each agent's rule — a superset filter, so the outcome is the one a
 * visit of every site would give.
 */
import { Cell } from "../lattice/codes";
import type { SimState } from "../sim-state";
import { hepatocyteProposalAt } from "../agents/hepatocyte";
import { mscProposalAt } from "../agents/msc";
import type { RuleConstants } from "../agents/rates";
import { ROW_INTENT } from "./row-flags";
import { stellateProposalAt } from "../agents/stellate";

const HEPATOCYTE = Cell.hepatocyte;
const STELLATE = Cell.stellate;
const MSC = Cell.msc;

export function proposalRows(sim: SimState, rc: RuleConstants, key: number, y0: number, y1: number): void {
  const { width: w, cell } = sim.tissue;
  const { candidate, rowFlags } = sim.derived.scratch;
  const { hepatocyte, stellate, msc } = rc;
  const free = sim.derived.local.free;
  const end = y1 * w;
  for (let k = candidate.indexOf(1, y0 * w); k >= 0 && k < end; k = candidate.indexOf(1, k + 1)) {
    candidate[k] = 0;
    const c = cell[k];
    const proposed =
      c === HEPATOCYTE
        ? hepatocyteProposalAt(sim, hepatocyte, key, k, free)
        : c === STELLATE
          ? stellateProposalAt(sim, stellate, key, k, free)
          : c === MSC
            ? mscProposalAt(sim, msc, key, k, free)
            : false;
    if (proposed) {
      const y = (k / w) | 0;
      rowFlags[y] = rowFlags[y]! | ROW_INTENT;
    }
  }
}
