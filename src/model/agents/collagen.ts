/**
 * Collagen (ECM): laid down around activated stellate cells, degraded by baseline turnover and MMP
 * activity (M2 Kupffer cells, MSCs); scar collagen cross-links with age and cross-linked collagen
 * resists degradation — why old cirrhotic septa regress less than young fibrosis.
 *   dC/dt = k_dep·n_aHSC·(1 − C) − (k_base + k_mmp·m/(1+m) + k_mmp·a·n_MSC)·(1 − r·X)·C
 * The MSC term is linear in the real MSCs in reach (n_MSC sums 1/A per agent), so it does not
 * depend on how many agents draw them (the display amplification A).
 *   dX/dt = k_xl·(1 − X) where C ≥ threshold
 */
import { Cell, Vessel } from "../lattice/codes";
import type { SimState } from "../sim-state";
import { HSC_PACK } from "./neighbourhoods";

const PACK = HSC_PACK;

import type { RuleConstants } from "./rates";

// Local copies of the codes: hot loops must not go through module-export getters.
const V_CENTRAL_VEIN = Vessel.centralVein;
const V_PORTAL_TRACT = Vessel.portalTract;
const HEPATOCYTE = Cell.hepatocyte;

export function collagenRows(sim: SimState, rc: RuleConstants, y0: number, y1: number): void {
  const t = sim.tissue;
  const { collagen, crosslink, vessel, cell } = t;
  const { mmp, hscBox, mscNear } = sim.derived.scratch;
  const dt = rc.dt;
  const end = y1 * t.width;
  for (let k = y0 * t.width; k < end; k++) {
    const v = vessel[k]!;
    if (v === V_CENTRAL_VEIN || v === V_PORTAL_TRACT) continue; // structural collagen of vessel walls
    const c = collagen[k]!;
    const dep = rc.depositionRate * Math.floor(hscBox[k]! / PACK) * (cell[k] === HEPATOCYTE ? rc.depositionUnderHepatocytes : 1);
    if (c === 0 && dep === 0) continue;
    const m = mmp[k]!;
    const x = crosslink[k]!;
    const msc = rc.mmpDegradation * rc.mscMmp * mscNear[k]!;
    const degradation = (rc.baselineDegradation + (rc.mmpDegradation * m) / (1 + m) + msc) * (1 - rc.crosslinkResistance * x);
    const next = (c + dt * dep) / (1 + dt * (dep + degradation));
    collagen[k] = next;
    if (next >= rc.scarThreshold) crosslink[k] = (x + dt * rc.crosslinkRate) / (1 + dt * rc.crosslinkRate);
    else if (next < 0.05) crosslink[k] = 0;
  }
}
