/**
 * Hepatic stellate cells: quiescent ↔ activated. Activation by TGF-β and damage signal; activated
 * cells secrete TGF-β (see fields/secretion), lay down collagen (agents/collagen), proliferate, and
 * revert or die when TGF-β falls — faster with HGF, IL-10 and MSC contact.
 */

import { FieldIndex } from "../fields/registry";
import { Cell, HscState, Vessel } from "../lattice/codes";
import { markBirth } from "../lattice/identity";
import { DX, DY } from "../lattice/neighbours";
import { hill2, need, type Params, saturating } from "../params/compiled";
import type { Scenario } from "../params/scenario-schema";
import { uniformAt } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";
import { stellatesNear } from "../schedule/neighbourhoods";

function nextToSinusoid(t: SimState["tissue"], k: number): boolean {
  const w = t.width;
  const x = k % w;
  const v = t.vessel;
  return (
    (x > 0 && v[k - 1] === Vessel.sinusoid) ||
    (x < w - 1 && v[k + 1] === Vessel.sinusoid) ||
    (k >= w && v[k - w] === Vessel.sinusoid) ||
    (k + w < t.size && v[k + w] === Vessel.sinusoid)
  );
}

/**
 * MSC contact drives activated stellate cells to apoptosis at half the rate it reverts them to
 * quiescence (docs/model.md: "half as much to apoptosis"); `msc.hsc_deactivation` scales both.
 */
const MSC_CONTACT_APOPTOSIS = 0.5;

/** The stellate rules' constants, read from the registry once per step: rates per hour, probabilities per step. */
export interface StellateConstants {
  dt: number;
  hscActivation: number;
  tgfbHalf: number;
  hscDamageHalf: number;
  hscReversion: number;
  hscApoptosis: number;
  hgfDeactivation: number;
  il10Deactivation: number;
  hscProliferation: number;
  hscNicheRefill: number;
  mscHscDeactivation: number;
  hgfHalf: number;
  il10Half: number;
}

export function stellateConstants(p: Params, s: Scenario, dt: number): StellateConstants {
  const immuno = s.mechanisms.immunomodulation ? 1 : 0;
  return {
    dt,
    hscActivation: need(p, "stellate.activation_rate"),
    tgfbHalf: need(p, "stellate.tgfb_half_saturation"),
    hscDamageHalf: need(p, "stellate.damage_half_saturation"),
    hscReversion: need(p, "stellate.reversion_rate"),
    hscApoptosis: need(p, "stellate.apoptosis_rate"),
    hgfDeactivation: need(p, "stellate.hgf_deactivation"),
    il10Deactivation: need(p, "stellate.il10_deactivation"),
    hscProliferation: need(p, "stellate.proliferation_rate"),
    hscNicheRefill: need(p, "stellate.niche_refill_rate"),
    mscHscDeactivation: need(p, "msc.hsc_deactivation") * immuno,
    hgfHalf: need(p, "hepatocyte.hgf_half_saturation"),
    il10Half: need(p, "kupffer.il10_half_saturation"),
  };
}

/**
 * Niche refill keeps the stellate population: a free perisinusoidal site far from any HSC may gain a
 * quiescent one. Runs at the empty sites sites[from … to) (schedule/site-lists), including those whose
 * hepatocyte died in this phase.
 */
export function stellateNicheRefill(
  sim: SimState,
  rc: StellateConstants,
  key: number,
  sites: Int32Array,
  from: number,
  to: number,
): void {
  const t = sim.tissue;
  const { cell, state, timer, vessel } = t;
  const box = sim.derived.scratch.contact;
  const refillP = rc.hscNicheRefill * rc.dt;
  for (let i = from; i < to; i++) {
    const k = sites[i]!;
    if (
      vessel[k] === Vessel.none &&
      stellatesNear(box[k]!) === 0 &&
      nextToSinusoid(t, k) &&
      uniformAt(key, k, Purpose.stellateRepopulate) < refillP
    ) {
      cell[k] = Cell.stellate;
      state[k] = HscState.quiescent;
      timer[k] = 0;
      markBirth(t, k, sim.step);
    }
  }
}

/** Own-site rules of the stellate cells at sites[from … to) (schedule/site-lists): activation, reversion, apoptosis. */
export function stellateOwnSite(
  sim: SimState,
  rc: StellateConstants,
  key: number,
  sites: Int32Array,
  from: number,
  to: number,
): void {
  const t = sim.tissue;
  const { cell, state, timer } = t;
  const fields = sim.fieldSet;
  const tgfb = fields.arrays[FieldIndex.tgfb]!;
  const dmg = fields.arrays[FieldIndex.damage]!;
  const hgf = fields.arrays[FieldIndex.hgf]!;
  const il10 = fields.arrays[FieldIndex.il10]!;
  const { mscNear, candidate } = sim.derived.scratch;
  const dt = rc.dt;
  for (let i = from; i < to; i++) {
    const k = sites[i]!;
    if (timer[k]! < 65535) timer[k] = timer[k]! + 1;
    const fk = fields.index(k);
    const tg = saturating(tgfb[fk]!, rc.tgfbHalf);
    if (state[k] === HscState.quiescent) {
      // Activation is sigmoidal in its signals: trace TGF-β or DAMPs must not activate a healthy liver.
      const drive = Math.max(hill2(tgfb[fk]!, rc.tgfbHalf), hill2(dmg[fk]!, rc.hscDamageHalf));
      if (uniformAt(key, k, Purpose.stellateActivate) < rc.hscActivation * drive * dt) {
        state[k] = HscState.activated;
        timer[k] = 0;
        candidate[k] = 1;
      }
      continue;
    }
    const hs = saturating(hgf[fk]!, rc.hgfHalf);
    const is = saturating(il10[fk]!, rc.il10Half);
    const contact = rc.mscHscDeactivation * mscNear[k]!;
    const revert = rc.hscReversion * (1 - tg) * (1 + rc.hgfDeactivation * hs + rc.il10Deactivation * is) + contact;
    const die = rc.hscApoptosis * (1 - tg) * (1 + rc.hgfDeactivation * hs) + MSC_CONTACT_APOPTOSIS * contact;
    const u = uniformAt(key, k, Purpose.stellateRevert);
    if (u < die * dt) {
      cell[k] = Cell.empty;
      state[k] = 0;
      timer[k] = 0;
    } else if (u < (die + revert) * dt) {
      state[k] = HscState.quiescent;
      timer[k] = 0;
    } else candidate[k] = 1; // still activated: may divide (schedule/proposals)
  }
}

/** An activated cell next to free parenchyma proposes a division (TGF-β- or DAMP-driven). Returns true if it proposed. */
export function stellateProposalAt(
  sim: SimState,
  rc: StellateConstants,
  key: number,
  k: number,
  free: Int32Array,
): boolean {
  const t = sim.tissue;
  const { width: w, height: h, cell, state, vessel } = t;
  if (state[k] !== HscState.activated) return false;
  // Myofibroblasts expand into injured, matrix-rich space: TGF-β or DAMPs drive division.
  const fields = sim.fieldSet;
  const fk = fields.index(k);
  const drive = Math.max(
    saturating(fields.arrays[FieldIndex.tgfb]![fk]!, rc.tgfbHalf),
    hill2(fields.arrays[FieldIndex.damage]![fk]!, rc.hscDamageHalf),
  );
  if (uniformAt(key, k, Purpose.stellateDivide) >= rc.hscProliferation * drive * rc.dt) return false;
  const x = k % w;
  const y = (k - x) / w;
  let nFree = 0;
  for (let d = 1; d <= 8; d++) {
    const nx = x + DX[d]!;
    const ny = y + DY[d]!;
    if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
    const n = ny * w + nx;
    if (cell[n] === Cell.empty && vessel[n] === Vessel.none) free[nFree++] = d;
  }
  if (nFree === 0) return false;
  sim.derived.scratch.intent[k] = free[(uniformAt(key, k, Purpose.stellateDivideTarget) * nFree) | 0]!;
  return true;
}
