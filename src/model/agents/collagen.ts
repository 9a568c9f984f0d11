/**
 * Collagen (ECM): laid down around activated stellate cells, degraded by baseline turnover and MMP
 * activity (M2 Kupffer cells, MSCs); scar collagen cross-links with age and cross-linked collagen
 * resists degradation — why old cirrhotic septa regress less than young fibrosis.
 *   dC/dt = k_dep·n_aHSC·(1 − C) − (k_base + (k_mmp·m/(1+m) + k_mmp·a·n_MSC)·f)·(1 − r·X)·C
 *   f = 1/(1 + τ·n_aHSC): MMP activity left free by the activated stellate cells' TIMP-1 (τ = 0 by default)
 * The MSC term is linear in the real MSCs in reach (n_MSC sums 1/A per agent), so it does not
 * depend on how many agents draw them (the display amplification A).
 *   dX/dt = k_xl·(1 − X) where C ≥ threshold;  X ← 0 where C falls below the loss threshold
 */
import { Cell, Vessel } from "../lattice/codes";
import { need, type Params } from "../params/compiled";
import type { Scenario } from "../params/scenario-schema";
import type { SimState } from "../sim-state";
import { activatedStellatesNear, MMP_PER_UNIT, mmpUnitsNear } from "../schedule/neighbourhoods";

/** The collagen rules' constants, read from the registry once per step: rates per hour, probabilities per step. */
export interface CollagenConstants {
  dt: number;
  scarThreshold: number;
  crosslinkLossThreshold: number;
  depositionRate: number;
  depositionUnderHepatocytes: number;
  baselineDegradation: number;
  mmpDegradation: number;
  crosslinkRate: number;
  crosslinkResistance: number;
  mscMmp: number;
  systemicMmp: number;
  timpInhibition: number;
}

export function collagenConstants(p: Params, s: Scenario, dt: number): CollagenConstants {
  return {
    dt,
    scarThreshold: need(p, "collagen.scar_threshold"),
    crosslinkLossThreshold: need(p, "collagen.crosslink_loss_threshold"),
    depositionRate: need(p, "stellate.collagen_deposition"),
    depositionUnderHepatocytes: need(p, "collagen.deposition_under_hepatocytes"),
    baselineDegradation: need(p, "collagen.baseline_degradation"),
    mmpDegradation: need(p, "collagen.mmp_degradation"),
    crosslinkRate: need(p, "collagen.crosslink_rate"),
    crosslinkResistance: need(p, "collagen.crosslink_resistance"),
    mscMmp: need(p, "msc.mmp_activity") * (s.mechanisms.mmp ? 1 : 0),
    systemicMmp: need(p, "msc.systemic_mmp"),
    timpInhibition: need(p, "collagen.timp_inhibition"),
  };
}

export function collagenRows(sim: SimState, rc: CollagenConstants, y0: number, y1: number): void {
  const t = sim.tissue;
  const { collagen, crosslink, vessel, cell } = t;
  const { contact, mscNear } = sim.derived.scratch;
  const dt = rc.dt;
  // Blood-borne MSC MMPs (systemic pool, gated by the mmp switch in bloodLevels) act everywhere.
  const systemic = rc.systemicMmp * sim.blood[4];
  const mscMmp = rc.mmpDegradation * rc.mscMmp;
  const end = y1 * t.width;
  for (let k = y0 * t.width; k < end; k++) {
    const v = vessel[k]!;
    if (v === Vessel.centralVein || v === Vessel.portalTract) continue; // structural collagen of vessel walls
    const c = collagen[k]!;
    const box = contact[k]!;
    const underHepatocyte = cell[k] === Cell.hepatocyte ? rc.depositionUnderHepatocytes : 1;
    const activated = activatedStellatesNear(box);
    const dep = rc.depositionRate * activated * underHepatocyte;
    if (c === 0 && dep === 0) continue;
    // Kupffer MMP activity m (and the blood's) saturates; MSC MMPs add linearly; cross-links X resist all.
    const m = mmpUnitsNear(box) * MMP_PER_UNIT + systemic;
    const x = crosslink[k]!;
    // TIMP-1 of the activated stellate cells in reach binds every MMP (not the baseline turnover).
    const free = 1 / (1 + rc.timpInhibition * activated);
    const degradation =
      (rc.baselineDegradation + ((rc.mmpDegradation * m) / (1 + m)) * free + mscMmp * mscNear[k]! * free) *
      (1 - rc.crosslinkResistance * x);
    const next = (c + dt * dep) / (1 + dt * (dep + degradation));
    collagen[k] = next;
    // Scar cross-links with age; collagen thinned below the loss threshold has lost its cross-linked fibres.
    if (next >= rc.scarThreshold) crosslink[k] = (x + dt * rc.crosslinkRate) / (1 + dt * rc.crosslinkRate);
    else if (x !== 0 && next < rc.crosslinkLossThreshold) crosslink[k] = 0;
  }
}
