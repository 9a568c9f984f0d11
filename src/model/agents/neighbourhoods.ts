/**
 * Local densities the contact rules need, computed from the (fixed) occupancy at the start of the
 * cell phase: stellate cells (all and activated) in 5×5 (niche refill, collagen deposition), M2 Kupffer cells in 5×5 (MMP),
 * and MSC contact strength within the contact radius (immunomodulation, HSC deactivation, MMP).
 */
import { Cell, HscState, KupState } from "../lattice/codes";
import { boxSum, boxSumExact } from "../lattice/neighbours";
import type { SimState } from "../sim-state";
import type { RuleConstants } from "./rates";

// Local copies of the codes: hot loops must not go through module-export getters.
const STELLATE = Cell.stellate;
const MSC = Cell.msc;
const KUPFFER = Cell.kupffer;
const HSC_ACTIVATED = HscState.activated;
const KUP_M2 = KupState.m2;
const KUP_M0 = KupState.m0;

/** Packing factor of hscBox: value = all stellate cells + HSC_PACK × activated ones (≤ 25 < 32). */
export const HSC_PACK = 32;

/**
 * MMP units per Kupffer cell: M2 = 4, resting M0 = 1 (a quarter: healthy ECM turnover); 16 units,
 * i.e. four M2 cells in the 5×5 box, give MMP activity 1.
 */
const M2_PER_UNIT_MMP = 4;
const MMP_PER_UNIT = 1 / 16;

export function computeNeighbourhoods(sim: SimState, rc: RuleConstants, mscPresent: boolean): void {
  const t = sim.tissue;
  const { width: w, height: h, size, cell, state } = t;
  const { src, tmp, mmp, mscNear, hscBox } = sim.derived.scratch;

  // One pass writes both whole-number sources: stellate cells (each adds 1, an activated one
  // HSC_PACK more) into src, Kupffer MMP units (M2 = 4, resting M0 = 1) into mmp.
  for (let k = 0; k < size; k++) {
    const c = cell[k];
    const st = state[k];
    src[k] = c === STELLATE ? (st === HSC_ACTIVATED ? 1 + HSC_PACK : 1) : 0;
    mmp[k] = c === KUPFFER ? (st === KUP_M2 ? M2_PER_UNIT_MMP : st === KUP_M0 ? 1 : 0) : 0;
  }
  boxSumExact(src, tmp, hscBox, w, h, 2);
  boxSumExact(mmp, tmp, src, w, h, 2);
  for (let k = 0; k < size; k++) mmp[k] = src[k]! * MMP_PER_UNIT;

  // MSC contact strengths are arbitrary reals: direct vertical sums keep them split-independent.
  if (mscPresent) {
    const profiles = sim.mscProfiles;
    for (let k = 0; k < size; k++) src[k] = cell[k] === MSC ? profiles[state[k]! >> 2]!.contact : 0;
    boxSum(src, tmp, mscNear, w, h, rc.mscContactRadius);
  } else {
    mscNear.fill(0);
  }

  if (mscPresent && rc.mscMmp > 0) for (let k = 0; k < size; k++) mmp[k] = mmp[k]! + rc.mscMmp * mscNear[k]!;
}
