/**
 * Hepatocytes: damage from toxin (zone-weighted), TNF and hypoxia; repair (faster with HGF);
 * necrosis past damage 1 (releasing damage signal) and baseline apoptosis (lowered by HGF);
 * cell-cycle entry driven by HGF/EGF when there is room, limited by collagen, senescence and
 * regenerative capacity; division after the cycle time into a free neighbour.
 */

import { FieldIndex } from "../fields/registry";
import { Cell, HepState, Vessel } from "../lattice/codes";
import { DX, DY } from "../lattice/neighbours";
import { hazard, need, type Params, saturating } from "../params/compiled";
import { siteKey, uniformAt, uniformFrom } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { Derived, SimState } from "../sim-state";
import { ROW_NECROTIC } from "../schedule/row-flags";

/** Weight of the injury in zone z: pericentral (toxic) or periportal (biliary). */
function injuryWeight(type: string, zone: number, power: number): number {
  if (type === "toxic") return zone ** power;
  if (type === "biliary") return (1 - zone) ** power;
  return 0;
}

/** Per-site injury weights depend only on the static zonation: computed once per run (kept in `Derived`) and injury type. */
function injuryWeights(derived: Derived, zone: Float32Array, type: string, power: number): Float32Array {
  const key = `${type}:${power}`;
  let w = derived.injuryWeights.get(key);
  if (!w) {
    w = new Float32Array(zone.length);
    for (let k = 0; k < zone.length; k++) w[k] = injuryWeight(type, zone[k]!, power);
    derived.injuryWeights.set(key, w);
  }
  return w;
}

/** The hepatocyte rules' constants, read from the registry once per step: rates per hour, probabilities per step. */
export interface HepatocyteConstants {
  dt: number;
  scarThreshold: number;
  apoptosisP: number;
  hgfAntiApoptosis: number;
  cycleEntryRate: number;
  quiescentEntry: number;
  /** Steps from cycle entry to division. */
  cycleSteps: number;
  hgfHalf: number;
  egfHalf: number;
  collagenInhibition: number;
  regenerativeCapacity: number;
  senescencePerDivision: number;
  repairRate: number;
  hgfRepairBoost: number;
  toxinRate: number;
  zonationPower: number;
  scarMarginDamage: number;
  tnfDamageRate: number;
  hypoxiaThreshold: number;
  hypoxiaDamageRate: number;
  necrosisCollapse: number;
}

export function hepatocyteConstants(p: Params, dt: number): HepatocyteConstants {
  return {
    dt,
    scarThreshold: need(p, "collagen.scar_threshold"),
    apoptosisP: hazard(1 / need(p, "hepatocyte.lifespan"), dt),
    hgfAntiApoptosis: need(p, "hepatocyte.hgf_antiapoptosis"),
    cycleEntryRate: need(p, "hepatocyte.cycle_entry_rate"),
    quiescentEntry: need(p, "hepatocyte.quiescent_entry_fraction"),
    cycleSteps: Math.max(1, Math.round(need(p, "hepatocyte.cycle_duration") / dt)),
    hgfHalf: need(p, "hepatocyte.hgf_half_saturation"),
    egfHalf: need(p, "hepatocyte.egf_half_saturation"),
    collagenInhibition: need(p, "hepatocyte.collagen_inhibition"),
    regenerativeCapacity: need(p, "hepatocyte.regenerative_capacity"),
    senescencePerDivision: need(p, "hepatocyte.senescence_per_division"),
    repairRate: need(p, "hepatocyte.repair_rate"),
    hgfRepairBoost: need(p, "hepatocyte.hgf_repair_boost"),
    toxinRate: need(p, "hepatocyte.toxin_damage_rate"),
    zonationPower: need(p, "hepatocyte.toxin_zonation_power"),
    scarMarginDamage: need(p, "hepatocyte.scar_margin_damage"),
    tnfDamageRate: need(p, "hepatocyte.tnf_damage_rate"),
    hypoxiaThreshold: need(p, "hepatocyte.hypoxia_threshold"),
    hypoxiaDamageRate: need(p, "hepatocyte.hypoxia_damage_rate"),
    necrosisCollapse: need(p, "collagen.necrosis_collapse"),
  };
}

/**
 * Own-site rules of the hepatocytes at sites[from … to) (schedule/site-lists): damage, repair, death,
 * cycle progress. Returns the number of deaths n; the sites that died (now empty) are left in
 * sites[from … from + n) for the niche-refill rule, over entries this loop has already read.
 */
export function hepatocyteOwnSite(
  sim: SimState,
  rc: HepatocyteConstants,
  key: number,
  sites: Int32Array,
  from: number,
  to: number,
): number {
  const t = sim.tissue;
  const { width: w, cell, state, timer, damage, zone, collagen } = t;
  const fields = sim.fieldSet;
  const hgf = fields.arrays[FieldIndex.hgf]!;
  const tnf = fields.arrays[FieldIndex.tnf]!;
  const oxygen = fields.arrays[FieldIndex.oxygen]!;
  const dt = rc.dt;
  const toxin = rc.toxinRate * sim.injury.intensity;
  const weights = toxin > 0 ? injuryWeights(sim.derived, zone, sim.injury.type, rc.zonationPower) : zone;
  // Septa bridge central veins (toxic) or portal tracts (biliary).
  const axes = sim.injury.type === "toxic" ? t.centralAxis : t.portalAxis;
  const {
    scarThreshold,
    hgfHalf,
    hypoxiaThreshold,
    tnfDamageRate,
    hypoxiaDamageRate,
    repairRate,
    hgfRepairBoost,
    apoptosisP,
    hgfAntiApoptosis,
  } = rc;
  const marginDamage = rc.scarMarginDamage * sim.injury.intensity;
  const { rowFlags, candidate, scarRows } = sim.derived.scratch;
  const size = t.size;
  const entryP = rc.cycleEntryRate * rc.regenerativeCapacity * dt;
  let deaths = 0;
  for (let i = from; i < to; i++) {
    const k = sites[i]!;
    const fk = fields.index(k);
    const hgfSat = saturating(hgf[fk]!, hgfHalf);
    // Hypoxia 1 − O₂/threshold where positive; the division only where it is (rare).
    const o2 = oxygen[fk]!;
    let gain = tnfDamageRate * tnf[fk]! + (o2 < hypoxiaThreshold ? hypoxiaDamageRate * (1 - o2 / hypoxiaThreshold) : 0);
    if (toxin > 0) {
      gain += toxin * weights[k]!;
      // Confluent (bridging) necrosis: at the scar margin, injury spreads along the axis joining
      // neighbouring central veins (toxic) or portal tracts (biliary), so septa bridge them
      // (reads neighbours' collagen, which this phase does not change). Off-axis: nothing to add.
      const axis = axes[k]!;
      if (axis >= 3) {
        // Scar among the 8 neighbours: row triples above, here and below, less the site itself.
        const scar =
          (k >= w ? scarRows[k - w]! : 0) +
          scarRows[k]! +
          (k + w < size ? scarRows[k + w]! : 0) -
          +(collagen[k]! >= scarThreshold);
        if (scar > 0) gain += marginDamage * (scar / 8) * (axis / 255);
      }
    }
    const repair = repairRate * (1 + hgfRepairBoost * hgfSat);
    const d = (damage[k]! + dt * gain) / (1 + dt * repair);
    const necrosis = d >= 1;
    const sk = siteKey(key, k); // both draws below share the site's half of the hash
    if (necrosis || uniformFrom(sk, Purpose.hepatocyteApoptosis) < apoptosisP * (1 - hgfAntiApoptosis * hgfSat)) {
      cell[k] = Cell.empty;
      state[k] = 0;
      timer[k] = 0;
      damage[k] = 0;
      if (necrosis) {
        // Collagen is read by neighbours in this pass: the collapse is applied after it (see below).
        damage[k] = NECROTIC;
        rowFlags[(k / w) | 0] = rowFlags[(k / w) | 0]! | ROW_NECROTIC;
      }
      sites[from + deaths++] = k;
      continue;
    }
    damage[k] = d;
    // Mark the few that the proposals pass must visit: cycling cells due to divide, and resting
    // cells whose cycle-entry draw passes its largest possible rate (the same draw decides there).
    const st = state[k]!;
    if (st === HepState.cycling) {
      if (timer[k]! < 65535) timer[k] = timer[k]! + 1;
      if (timer[k]! >= rc.cycleSteps) candidate[k] = 1;
    } else if (st === HepState.normal && uniformFrom(sk, Purpose.hepatocyteDivide) < entryP) candidate[k] = 1;
  }
  return deaths;
}

/** Marker left in `damage` of a site whose hepatocyte died by necrosis this step. */
const NECROTIC = -1;
/** One unit of necrotic debris in `damage` of the emptied site, after the collapse. */
const DEBRIS = 1;

/**
 * Passive septa: the collapsed reticulin framework of a necrotic cell stays behind as collagen.
 * Runs after hepatocyteOwnSite so that pass reads a collagen field nobody is writing.
 */
export function collapseNecrotic(
  sim: SimState,
  rc: HepatocyteConstants,
  y0: number,
  y1: number,
  addCollagen = true,
): void {
  const t = sim.tissue;
  const { damage, collagen, width: w } = t;
  const rowFlags = sim.derived.scratch.rowFlags;
  for (let y = y0; y < y1; y++) {
    if ((rowFlags[y]! & ROW_NECROTIC) === 0) continue;
    const end = (y + 1) * w;
    for (let k = y * w; k < end; k++) {
      if (damage[k] !== NECROTIC) continue;
      damage[k] = DEBRIS; // released into the damage signal by the next field phase (fields/source-sink-law)
      if (addCollagen) collagen[k] = Math.min(1, collagen[k]! + rc.necrosisCollapse);
    }
  }
}

/**
 * Proposal rules for the hepatocyte at k (marked by hepatocyteOwnSite): cycle entry when a free
 * neighbour exists, and a division proposal at the end of the cycle. Writes only this site's
 * state/timer/intent; reads neighbours' (fixed) occupancy. Returns true if it proposed.
 */
export function hepatocyteProposalAt(
  sim: SimState,
  rc: HepatocyteConstants,
  key: number,
  k: number,
  free: Int32Array,
): boolean {
  const t = sim.tissue;
  const { width: w, height: h, cell, state, timer, damage, collagen, vessel } = t;
  const st = state[k]!;
  if (st === HepState.senescent) return false;
  const u = uniformAt(key, k, Purpose.hepatocyteDivide);
  const dt = rc.dt;
  const ready = st === HepState.cycling && timer[k]! >= rc.cycleSteps;
  if (st === HepState.normal && u >= rc.cycleEntryRate * rc.regenerativeCapacity * dt) return false;
  if (st === HepState.cycling && !ready) return false;
  const x = k % w;
  const y = (k - x) / w;
  let nFree = 0;
  let localCollagen = 0;
  for (let d = 1; d <= 8; d++) {
    const nx = x + DX[d]!;
    const ny = y + DY[d]!;
    if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
    const n = ny * w + nx;
    localCollagen += collagen[n]!;
    // Free parenchyma, not scar.
    if (cell[n] === Cell.empty && vessel[n] === Vessel.none && collagen[n]! < rc.scarThreshold) free[nFree++] = d;
  }
  if (st === HepState.normal) {
    if (nFree === 0) return false;
    const fields = sim.fieldSet;
    const fk = fields.index(k);
    const hs = saturating(fields.arrays[FieldIndex.hgf]![fk]!, rc.hgfHalf);
    const es = saturating(fields.arrays[FieldIndex.egf]![fk]!, rc.egfHalf);
    const drive = rc.quiescentEntry + (1 - rc.quiescentEntry) * (1 - (1 - hs) * (1 - es));
    const inhibition = 1 - rc.collagenInhibition * Math.min(1, localCollagen / 8);
    const rate = rc.cycleEntryRate * rc.regenerativeCapacity * drive * inhibition * (1 - damage[k]!);
    if (u < rate * dt) {
      state[k] = HepState.cycling;
      timer[k] = 0;
    }
    return false;
  }
  if (nFree === 0) {
    // Contact inhibition: no room left, the cell returns to G0.
    state[k] = HepState.normal;
    timer[k] = 0;
    return false;
  }
  sim.derived.scratch.intent[k] = free[(uniformAt(key, k, Purpose.hepatocyteDivideTarget) * nFree) | 0]!;
  return true;
}
