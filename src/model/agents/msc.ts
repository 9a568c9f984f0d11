/**
 * Mesenchymal stem cells in the tissue: home up the damage-signal gradient, engraft after a day,
 * disappear with a persistence half-life, rarely become hepatocytes, and occasionally divide.
 * Their secretion is in fields/secretion, their contact effects in schedule/neighbourhoods.
 * A simulated MSC stands for 1/amplification real cells (see therapy/delivery).
 */

import { FieldIndex } from "../fields/registry";
import { Cell, HepState, MscState, Vessel } from "../lattice/codes";
import { DX, DY } from "../lattice/neighbours";
import { hazard, need, type Params } from "../params/compiled";
import { uniformAt } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";

/** Intent flag: the proposer moves (its site is vacated) instead of dividing. */
export const MOVE_FLAG = 16;

/** Hours a homing MSC moves before it settles (docs/model.md: "engrafted after 24 h in the tissue"); fixed, not a parameter. */
const MSC_ENGRAFT_HOURS = 24;

/** The MSC rules' constants, read from the registry once per step: rates per hour, probabilities per step. */
export interface MscConstants {
  dt: number;
  mscLossP: number;
  /** Steps before a homing MSC settles (engrafts). */
  mscEngraftSteps: number;
  mscMigrationP: number;
}

export function mscConstants(p: Params, dt: number): MscConstants {
  return {
    dt,
    mscLossP: hazard(Math.LN2 / need(p, "msc.persistence_half_life"), dt),
    mscEngraftSteps: Math.max(1, Math.round(MSC_ENGRAFT_HOURS / dt)),
    mscMigrationP: hazard(need(p, "msc.migration_rate"), dt),
  };
}

/**
 * Loss, differentiation and engraftment of the MSCs at sites[from … to) (schedule/site-lists).
 * Returns the number of simulated MSCs that became hepatocytes.
 */
export function mscOwnSite(
  sim: SimState,
  rc: MscConstants,
  key: number,
  sites: Int32Array,
  from: number,
  to: number,
): number {
  const t = sim.tissue;
  const { cell, state, timer, vessel, damage } = t;
  const profiles = sim.mscProfiles;
  const candidate = sim.derived.scratch.candidate;
  let differentiated = 0;
  for (let i = from; i < to; i++) {
    const k = sites[i]!;
    const st = state[k]!;
    const profile = profiles[st >> 2]!;
    const u = uniformAt(key, k, Purpose.mscLoss);
    if (u < rc.mscLossP) {
      cell[k] = Cell.empty;
      state[k] = 0;
      timer[k] = 0;
      continue;
    }
    if (vessel[k] === Vessel.none && uniformAt(key, k, Purpose.mscDifferentiate) < profile.differentiation * rc.dt) {
      cell[k] = Cell.hepatocyte;
      state[k] = HepState.normal;
      timer[k] = 0;
      damage[k] = 0;
      differentiated++;
      candidate[k] = 1; // a new hepatocyte may enter the cycle at once
      continue;
    }
    if (timer[k]! < 65535) timer[k] = timer[k]! + 1;
    if ((st & 3) === MscState.homing && timer[k]! >= rc.mscEngraftSteps) state[k] = (st & ~3) | MscState.engrafted;
    candidate[k] = 1; // moves or divides in schedule/proposals
  }
  return differentiated;
}

/** A move (mostly up the damage-signal gradient) or a division of the MSC at k. Returns true if it proposed. */
export function mscProposalAt(sim: SimState, rc: MscConstants, key: number, k: number, free: Int32Array): boolean {
  const t = sim.tissue;
  const { width: w, height: h, cell, state, vessel } = t;
  const fields = sim.fieldSet;
  const dmg = fields.arrays[FieldIndex.damage]!;
  const st = state[k]!;
  const engrafted = (st & 3) === MscState.engrafted;
  const divide = engrafted && uniformAt(key, k, Purpose.mscDivide) < sim.mscProfiles[st >> 2]!.proliferation * rc.dt;
  const moveP = engrafted ? rc.mscMigrationP * 0.2 : rc.mscMigrationP;
  if (!divide && uniformAt(key, k, Purpose.mscMove) >= moveP) return false;
  const x = k % w;
  const y = (k - x) / w;
  let nFree = 0;
  let best = 0;
  let bestSignal = -1;
  for (let d = 1; d <= 8; d++) {
    const nx = x + DX[d]!;
    const ny = y + DY[d]!;
    if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
    const n = ny * w + nx;
    // Any free site but the large vessels.
    const v = vessel[n];
    if (cell[n] !== Cell.empty || v === Vessel.centralVein || v === Vessel.portalTract) continue;
    free[nFree++] = d;
    const signal = dmg[fields.index(n)]!;
    if (signal > bestSignal) {
      bestSignal = signal;
      best = d;
    }
  }
  if (nFree === 0) return false;
  const u = uniformAt(key, k, Purpose.moveTarget);
  // Chemotaxis with noise: 80 % of steps follow the gradient, the rest are random.
  const dir = u < 0.8 ? best : free[(((u - 0.8) / 0.2) * nFree) | 0]!;
  sim.derived.scratch.intent[k] = divide ? dir : dir | MOVE_FLAG;
  return true;
}
