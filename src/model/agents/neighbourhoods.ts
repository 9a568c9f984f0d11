/**
 * Local densities the contact rules need, computed from the (fixed) occupancy at the start of the
 * cell phase: activated stellate cells in 5×5 (collagen deposition), M2 Kupffer cells in 5×5 (MMP),
 * and MSC contact strength within the contact radius (immunomodulation, HSC deactivation, MMP).
 */
import { Cell, HscState, KupState } from "../lattice/codes";
import { boxSum } from "../lattice/neighbours";
import type { SimState } from "../sim-state";
import type { RuleConstants } from "./rates";

// Local copies of the codes: hot loops must not go through module-export getters.
const STELLATE = Cell.stellate;
const MSC = Cell.msc;
const KUPFFER = Cell.kupffer;
const HSC_ACTIVATED = HscState.activated;
const KUP_M2 = KupState.m2;
const KUP_M0 = KupState.m0;

/** M2 Kupffer cells in the 5×5 box that give MMP activity 1. */
const M2_PER_UNIT_MMP = 4;

export function computeNeighbourhoods(sim: SimState, rc: RuleConstants, mscPresent: boolean): void {
  const t = sim.tissue;
  const { width: w, height: h, size, cell, state } = t;
  const { src, tmp, mmp, mscNear, hscNear, hscAll } = sim.derived.scratch;

  for (let k = 0; k < size; k++) src[k] = cell[k] === STELLATE && state[k] === HSC_ACTIVATED ? 1 : 0;
  boxSum(src, tmp, hscNear, w, h, 2);
  for (let k = 0; k < size; k++) src[k] = cell[k] === STELLATE ? 1 : 0;
  boxSum(src, tmp, hscAll, w, h, 2);

  if (mscPresent) {
    const profiles = sim.mscProfiles;
    for (let k = 0; k < size; k++) src[k] = cell[k] === MSC ? profiles[state[k]! >> 2]!.contact : 0;
    boxSum(src, tmp, mscNear, w, h, rc.mscContactRadius);
  } else {
    mscNear.fill(0);
  }

  // Resting (M0) Kupffer cells keep a quarter of the M2 MMP activity: healthy ECM turnover.
  for (let k = 0; k < size; k++) {
    const kup = cell[k] === KUPFFER;
    src[k] = kup && state[k] === KUP_M2 ? 1 / M2_PER_UNIT_MMP : kup && state[k] === KUP_M0 ? 0.25 / M2_PER_UNIT_MMP : 0;
  }
  boxSum(src, tmp, mmp, w, h, 2);
  if (mscPresent && rc.mscMmp > 0) for (let k = 0; k < size; k++) mmp[k] = mmp[k]! + rc.mscMmp * mscNear[k]!;
}
