/**
 * Local densities the contact rules need, computed from the (fixed) occupancy at the start of the
 * cell phase: stellate cells (all and activated) and Kupffer MMP units in 5×5, packed into one
 * whole number per site so a single integer box sum serves all three (niche refill, collagen
 * deposition, MMP); and MSC contact strength within the contact radius (immunomodulation, HSC
 * deactivation, MMP), scattered from the few MSCs rather than summed at every site.
 */

import { Cell, COMBO_COUNT, HscState, KIND_COUNT, KupState, kindOf } from "../lattice/codes";
import { boxSumColumnsInt, boxSumLineInt } from "../lattice/neighbours";
import { need, type Params } from "../params/compiled";
import type { SimState } from "../sim-state";

/**
 * Packing of `contact`: bits 0–4 all stellate cells, bits 5–9 activated ones (each ≤ 25 in 5×5),
 * bits 10+ Kupffer MMP units (≤ 100). Box sums of packed values never carry between the parts.
 */
const HSC_ALL_MASK = 31;
const HSC_ACTIVATED_SHIFT = 5;
const MMP_SHIFT = 10;

/** Stellate cells (quiescent and activated) in the 5×5 box of a site, from its packed `contact`. */
export const stellatesNear = (packed: number): number => packed & HSC_ALL_MASK;
/** Activated stellate cells in the 5×5 box, from `contact`. */
export const activatedStellatesNear = (packed: number): number => (packed >> HSC_ACTIVATED_SHIFT) & HSC_ALL_MASK;
/** Kupffer MMP units in the 5×5 box (MMP activity = units × MMP_PER_UNIT), from `contact`. */
export const mmpUnitsNear = (packed: number): number => packed >> MMP_SHIFT;
/** Half-width of the 5×5 box of the stellate and Kupffer densities: a site and its two rings of neighbours (≈ 50 µm). */
const CONTACT_RADIUS = 2;

/**
 * MMP units per Kupffer cell: M2 = 4, resting M0 = 1 (a quarter: healthy ECM turnover); 16 units,
 * i.e. four M2 cells in the 5×5 box, give MMP activity 1.
 */
const M2_PER_UNIT_MMP = 4;
export const MMP_PER_UNIT = 1 / 16;

/** Packed contribution of each (cell, state) kind. */
const UNITS = new Int32Array(KIND_COUNT);
UNITS[kindOf(Cell.stellate, HscState.quiescent)] = 1;
UNITS[kindOf(Cell.stellate, HscState.activated)] = 1 + (1 << HSC_ACTIVATED_SHIFT);
UNITS[kindOf(Cell.kupffer, KupState.m0)] = 1 << MMP_SHIFT;
UNITS[kindOf(Cell.kupffer, KupState.m2)] = M2_PER_UNIT_MMP << MMP_SHIFT;

/** Units by (kind, vessel) combo (lattice/codes: combo = kind × 5 + vessel). */
const COMBO_UNITS = Int32Array.from({ length: COMBO_COUNT }, (_, cb) => UNITS[Math.floor(cb / 5)]!);

/** The contact phase's constants (schedule/neighbourhoods). */
export interface ContactConstants {
  scarThreshold: number;
  toxinRate: number;
  mscContactRadius: number;
}

export function contactConstants(p: Params): ContactConstants {
  return {
    scarThreshold: need(p, "collagen.scar_threshold"),
    toxinRate: need(p, "hepatocyte.toxin_damage_rate"),
    mscContactRadius: Math.round(need(p, "msc.contact_radius")),
  };
}

/** Pass 1 (rows): packed units of each site (a lookup by kind), and MSC contact for these rows (both read only the fixed occupancy). */
export function neighbourhoodRows(
  sim: SimState,
  rc: ContactConstants,
  mscPresent: boolean,
  y0: number,
  y1: number,
): void {
  const w = sim.tissue.width;
  // The step's (kind, vessel) combos are still current: occupancy has not changed since the field phase.
  const { contactRows, combo } = sim.derived.scratch;
  const units = sim.derived.local.line;
  for (let y = y0; y < y1; y++) {
    const row = y * w;
    // Four sites per iteration: on its own the loop's overhead was as large as the lookups.
    let x = 0;
    for (; x + 3 < w; x += 4) {
      units[x] = COMBO_UNITS[combo[row + x]!]!;
      units[x + 1] = COMBO_UNITS[combo[row + x + 1]!]!;
      units[x + 2] = COMBO_UNITS[combo[row + x + 2]!]!;
      units[x + 3] = COMBO_UNITS[combo[row + x + 3]!]!;
    }
    for (; x < w; x++) units[x] = COMBO_UNITS[combo[row + x]!]!;
    boxSumLineInt(units, 0, contactRows, row, w, CONTACT_RADIUS);
  }
  // Only the bridging rule reads the scar triples, and only while a toxin acts.
  if (rc.toxinRate * sim.injury.intensity > 0) scarRows(sim, rc.scarThreshold, y0, y1);
  mscContact(sim, rc, mscPresent, y0, y1);
}

/**
 * Scar sites (collagen ≥ threshold) among x − 1, x, x + 1 of each site's row, for rows [y0, y1):
 * the own-site pass adds the rows above and below and subtracts the site itself to count its scar
 * neighbours (the bridging rule). Collagen does not change between this pass and that one.
 */
export function scarRows(sim: SimState, threshold: number, y0: number, y1: number): void {
  const { width: w, collagen } = sim.tissue;
  const out = sim.derived.scratch.scarRows;
  for (let y = y0; y < y1; y++) {
    const row = y * w;
    let left = 0;
    let here = +(collagen[row]! >= threshold);
    for (let x = 0; x + 1 < w; x++) {
      const right = +(collagen[row + x + 1]! >= threshold);
      out[row + x] = left + here + right;
      left = here;
      here = right;
    }
    out[row + w - 1] = left + here;
  }
}

/** Pass 2 (column blocks): vertical running sums. */
export function neighbourhoodColumns(sim: SimState, x0: number, x1: number): void {
  const { width: w, height: h } = sim.tissue;
  const { contactRows, contact } = sim.derived.scratch;
  boxSumColumnsInt(contactRows, contact, w, h, CONTACT_RADIUS, x0, x1);
}

/**
 * MSC contact of rows [y0, y1): each MSC within reach (rows y0 − r … y1 + r) adds its profile's
 * contact strength to the sites of its (2r+1)² window in these rows. MSCs are visited in raster
 * order, so every site receives its terms in the same order however the lattice is split.
 */
export function mscContact(sim: SimState, rc: ContactConstants, mscPresent: boolean, y0: number, y1: number): void {
  const t = sim.tissue;
  const { width: w, height: h, cell, state } = t;
  const near = sim.derived.scratch.mscNear;
  near.fill(0, y0 * w, y1 * w);
  if (!mscPresent) return;
  const r = rc.mscContactRadius;
  const profiles = sim.mscProfiles;
  const end = Math.min(h, y1 + r) * w;
  for (let k = cell.indexOf(Cell.msc, Math.max(0, y0 - r) * w); k >= 0 && k < end; k = cell.indexOf(Cell.msc, k + 1)) {
    const v = profiles[state[k]! >> 2]!.contact;
    const x = k % w;
    const y = (k - x) / w;
    const xa = Math.max(0, x - r);
    const xb = Math.min(w - 1, x + r);
    const yb = Math.min(y1 - 1, y + r);
    for (let yy = Math.max(y0, y - r); yy <= yb; yy++) {
      const row = yy * w;
      for (let xx = xa; xx <= xb; xx++) near[row + xx] = near[row + xx]! + v;
    }
  }
}

/** The whole neighbourhood computation on one thread (the parallel executor runs the passes itself). */
export function computeNeighbourhoods(sim: SimState, rc: ContactConstants, mscPresent: boolean): void {
  const { width: w, height: h } = sim.tissue;
  neighbourhoodRows(sim, rc, mscPresent, 0, h);
  neighbourhoodColumns(sim, 0, w);
}
