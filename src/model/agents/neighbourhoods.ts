/**
 * Local densities the contact rules need, computed from the (fixed) occupancy at the start of the
 * cell phase: stellate cells (all and activated) in 5×5 (niche refill, collagen deposition), M2 Kupffer cells in 5×5 (MMP),
 * and MSC contact strength within the contact radius (immunomodulation, HSC deactivation, MMP).
 */
import { Cell, HscState, KupState } from "../lattice/codes";
import { boxSumColumns, boxSumColumnsExact, boxSumRows } from "../lattice/neighbours";
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

/** Pass 1 (rows): whole-number sources — stellate cells into src (1 each, an activated one
 * HSC_PACK more) and Kupffer MMP units into mmp (M2 = 4, resting M0 = 1). */
export function neighbourhoodSources(sim: SimState, y0: number, y1: number): void {
  const t = sim.tissue;
  const { cell, state } = t;
  const { src, mmp } = sim.derived.scratch;
  const end = y1 * t.width;
  for (let k = y0 * t.width; k < end; k++) {
    const c = cell[k];
    const st = state[k];
    src[k] = c === STELLATE ? (st === HSC_ACTIVATED ? 1 + HSC_PACK : 1) : 0;
    mmp[k] = c === KUPFFER ? (st === KUP_M2 ? M2_PER_UNIT_MMP : st === KUP_M0 ? 1 : 0) : 0;
  }
}

/** Pass 2 (rows): horizontal running sums of both sources. */
export function neighbourhoodRows(sim: SimState, y0: number, y1: number): void {
  const { width: w, height: h } = sim.tissue;
  const { src, tmp, tmp2, mmp } = sim.derived.scratch;
  boxSumRows(src, tmp, w, h, 2, y0, y1);
  boxSumRows(mmp, tmp2, w, h, 2, y0, y1);
}

/** Pass 3 (column blocks): vertical running sums (exact: whole numbers). */
export function neighbourhoodColumns(sim: SimState, x0: number, x1: number): void {
  const { width: w, height: h } = sim.tissue;
  const { src, tmp, tmp2, hscBox } = sim.derived.scratch;
  boxSumColumnsExact(tmp, hscBox, w, h, 2, x0, x1);
  boxSumColumnsExact(tmp2, src, w, h, 2, x0, x1);
}

/** Pass 4 (rows): MMP units → activity; MSC contact sources (arbitrary reals) into src. */
export function neighbourhoodFinish(sim: SimState, rc: RuleConstants, mscPresent: boolean, y0: number, y1: number): void {
  const t = sim.tissue;
  const { src, mmp } = sim.derived.scratch;
  const k0 = y0 * t.width;
  const end = y1 * t.width;
  // Blood-borne MSC MMPs (systemic pool, gated by the mmp switch in bloodLevels) act everywhere.
  const systemic = rc.systemicMmp * sim.blood[4];
  for (let k = k0; k < end; k++) mmp[k] = src[k]! * MMP_PER_UNIT + systemic;
  if (!mscPresent) return;
  const { cell, state } = t;
  const profiles = sim.mscProfiles;
  for (let k = k0; k < end; k++) src[k] = cell[k] === MSC ? profiles[state[k]! >> 2]!.contact : 0;
}

/** Pass 5 (rows, only with MSCs): horizontal sums of MSC contact. */
export function mscContactRows(sim: SimState, rc: RuleConstants, y0: number, y1: number): void {
  const { width: w, height: h } = sim.tissue;
  const { src, tmp } = sim.derived.scratch;
  boxSumRows(src, tmp, w, h, rc.mscContactRadius, y0, y1);
}

/** Pass 6 (rows, only with MSCs): direct vertical sums (reals: split-independent). */
export function mscContactColumns(sim: SimState, rc: RuleConstants, y0: number, y1: number): void {
  const t = sim.tissue;
  const { tmp, mscNear } = sim.derived.scratch;
  boxSumColumns(tmp, mscNear, t.width, t.height, rc.mscContactRadius, y0, y1);
}

/** The whole neighbourhood computation on one thread (the parallel executor runs the passes itself). */
export function computeNeighbourhoods(sim: SimState, rc: RuleConstants, mscPresent: boolean): void {
  const { width: w, height: h } = sim.tissue;
  neighbourhoodSources(sim, 0, h);
  neighbourhoodRows(sim, 0, h);
  neighbourhoodColumns(sim, 0, w);
  neighbourhoodFinish(sim, rc, mscPresent, 0, h);
  if (mscPresent) {
    mscContactRows(sim, rc, 0, h);
    mscContactColumns(sim, rc, 0, h);
  } else sim.derived.scratch.mscNear.fill(0);
}
