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
import { need, type Params } from "../params/compiled";
import type { Scenario } from "../params/scenario-schema";
import type { SimState } from "../sim-state";
import { activatedStellatesNear, MAX_MMP_UNITS, MMP_PER_UNIT, mmpUnitsNear } from "../schedule/neighbourhoods";

/** The collagen rules' constants, read from the registry once per step: rates per hour, probabilities per step. */
export interface CollagenConstants {
  dt: number;
  scarThreshold: number;
  depositionRate: number;
  depositionUnderHepatocytes: number;
  baselineDegradation: number;
  mmpDegradation: number;
  crosslinkRate: number;
  crosslinkResistance: number;
  mscMmp: number;
  systemicMmp: number;
}

export function collagenConstants(p: Params, s: Scenario, dt: number): CollagenConstants {
  return {
    dt,
    scarThreshold: need(p, "collagen.scar_threshold"),
    depositionRate: need(p, "stellate.collagen_deposition"),
    depositionUnderHepatocytes: need(p, "collagen.deposition_under_hepatocytes"),
    baselineDegradation: need(p, "collagen.baseline_degradation"),
    mmpDegradation: need(p, "collagen.mmp_degradation"),
    crosslinkRate: need(p, "collagen.crosslink_rate"),
    crosslinkResistance: need(p, "collagen.crosslink_resistance"),
    mscMmp: need(p, "msc.mmp_activity") * (s.mechanisms.mmp ? 1 : 0),
    systemicMmp: need(p, "msc.systemic_mmp"),
  };
}

/** The tables collagenRows rebuilds per call: degradation by MMP units in the 5×5 box and 1 + dt × it; deposition by cell code. */
export interface CollagenTables {
  unitDegradation: Float64Array;
  unitDenominator: Float64Array;
  depositionFactor: Float64Array;
}

export function collagenTables(): CollagenTables {
  return {
    unitDegradation: new Float64Array(MAX_MMP_UNITS + 1),
    unitDenominator: new Float64Array(MAX_MMP_UNITS + 1),
    depositionFactor: new Float64Array(8),
  };
}

export function collagenRows(sim: SimState, rc: CollagenConstants, y0: number, y1: number): void {
  const t = sim.tissue;
  const { collagen, crosslink, vessel, cell } = t;
  const { contact, mscNear } = sim.derived.scratch;
  const { unitDegradation, unitDenominator, depositionFactor } = sim.derived.local.collagen;
  // Before any MSC is delivered mscNear is all zero (schedule/neighbourhoods): not worth reading.
  const noMsc = sim.counters.mscDeliveredSimulated === 0;
  const dt = rc.dt;
  // Blood-borne MSC MMPs (systemic pool, gated by the mmp switch in bloodLevels) act everywhere.
  const systemic = rc.systemicMmp * sim.blood[4];
  const {
    depositionRate,
    depositionUnderHepatocytes,
    baselineDegradation,
    mmpDegradation,
    crosslinkResistance,
    crosslinkRate,
    scarThreshold,
  } = rc;
  const mscMmp = mmpDegradation * rc.mscMmp;
  const linkGain = dt * crosslinkRate;
  const linkDenominator = 1 + dt * crosslinkRate;
  // Baseline + Kupffer MMP degradation for each whole number of MMP units in the box (≤ 100).
  for (let u = 0; u < unitDegradation.length; u++) {
    const m = u * MMP_PER_UNIT + systemic;
    unitDegradation[u] = baselineDegradation + (mmpDegradation * m) / (1 + m);
    unitDenominator[u] = 1 + dt * unitDegradation[u]!;
  }
  // Deposition factor by cell code (a lookup, not a branch: cell types are interleaved).
  depositionFactor.fill(1);
  depositionFactor[Cell.hepatocyte] = depositionUnderHepatocytes;
  const end = y1 * t.width;
  for (let k = y0 * t.width; k < end; k++) {
    const v = vessel[k]!;
    if (v === Vessel.centralVein || v === Vessel.portalTract) continue; // structural collagen of vessel walls
    const c = collagen[k]!;
    const box = contact[k]!;
    const activated = activatedStellatesNear(box);
    const x = crosslink[k]!;
    if (activated === 0 && x === 0 && (noMsc || mscNear[k] === 0)) {
      // Most sites: no deposition, no cross-links, no MSC — the update below with those terms at
      // zero (same operations, so the same bits), its denominator from the table.
      if (c === 0) continue;
      const next = c / unitDenominator[mmpUnitsNear(box)]!;
      collagen[k] = next;
      if (next >= scarThreshold) crosslink[k] = linkGain / linkDenominator;
      continue;
    }
    const dep = depositionRate * activated * depositionFactor[cell[k]!]!;
    if (c === 0 && dep === 0) continue;
    const degradation = (unitDegradation[mmpUnitsNear(box)]! + mscMmp * mscNear[k]!) * (1 - crosslinkResistance * x);
    const next = (c + dt * dep) / (1 + dt * (dep + degradation));
    collagen[k] = next;
    // Scar cross-links; thin collagen loses them. Test x first: outside scar it is almost always 0,
    // a branch the predictor gets right, while thin collagen above and below 0.05 is interleaved.
    if (next >= scarThreshold) crosslink[k] = (x + linkGain) / linkDenominator;
    else if (x !== 0 && next < 0.05) crosslink[k] = 0;
  }
}
