/**
 * Kupffer cells (resident macrophages on sinusoids): M0 (resting) → M1 under damage signal (DAMPs);
 * M1 → M2 as damage subsides, faster with IL-10 and MSC contact; M2 → M0 slowly. M1 secretes TNF and
 * TGF-β, M2 secretes IL-10 and provides MMP activity (fields/secretion, agents/collagen).
 */

import { FieldIndex } from "../fields/registry";
import { KupState } from "../lattice/codes";
import { hill2, need, type Params, saturating } from "../params/compiled";
import type { Scenario } from "../params/scenario-schema";
import { uniformAt } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";

/** The kupffer rules' constants, read from the registry once per step: rates per hour, probabilities per step. */
export interface KupfferConstants {
  dt: number;
  m1Activation: number;
  kupDamageHalf: number;
  m1ToM2: number;
  m2ToM0: number;
  il10Half: number;
  mscM1Suppression: number;
  /** Steps an MSC-educated Kupffer cell keeps its memory (0 with immunomodulation off). */
  memorySteps: number;
  memoryStrength: number;
  educationBloodIl10: number;
}

export function kupfferConstants(p: Params, s: Scenario, dt: number): KupfferConstants {
  const immuno = s.mechanisms.immunomodulation ? 1 : 0;
  return {
    dt,
    m1Activation: need(p, "kupffer.m1_activation_rate"),
    kupDamageHalf: need(p, "kupffer.damage_half_saturation"),
    m1ToM2: need(p, "kupffer.m1_to_m2_rate"),
    m2ToM0: need(p, "kupffer.m2_to_m0_rate"),
    il10Half: need(p, "kupffer.il10_half_saturation"),
    mscM1Suppression: need(p, "msc.m1_suppression") * immuno,
    memorySteps: Math.min(65535, Math.round(need(p, "msc.macrophage_memory") / dt)) * immuno,
    memoryStrength: need(p, "msc.macrophage_memory_strength"),
    educationBloodIl10: need(p, "msc.education_blood_il10"),
  };
}

/** Own-site rules of the Kupffer cells at sites[from … to) (schedule/site-lists): polarisation and education. */
export function kupfferOwnSite(
  sim: SimState,
  rc: KupfferConstants,
  key: number,
  sites: Int32Array,
  from: number,
  to: number,
): void {
  const t = sim.tissue;
  const { state, timer } = t;
  const fields = sim.fieldSet;
  const dmg = fields.arrays[FieldIndex.damage]!;
  const il10 = fields.arrays[FieldIndex.il10]!;
  const mscNear = sim.derived.scratch.mscNear;
  const dt = rc.dt;
  // Blood-borne MSC IL-10 (systemic route) educates macrophages that turn M2 while it lasts.
  const bloodEducates = rc.memorySteps > 0 && sim.blood[3] > rc.educationBloodIl10;
  for (let i = from; i < to; i++) {
    const k = sites[i]!;
    // DAMPs drive M1; TNF is their output, not their input (a TNF→M1 loop would ignite healthy tissue).
    const fk = fields.index(k);
    const danger = hill2(dmg[fk]!, rc.kupDamageHalf);
    const calm = saturating(il10[fk]!, rc.il10Half);
    const contact = rc.mscM1Suppression * mscNear[k]!;
    // Education (timer > 0): MSC-educated macrophages resist M1 and stay M2 for weeks.
    const educated = timer[k]! > 0;
    if (educated) timer[k] = timer[k]! - 1;
    const memory = educated ? 1 - rc.memoryStrength : 1;
    const u = uniformAt(key, k, Purpose.kupfferPolarise);
    const st = state[k]!;
    let next = st;
    if (st === KupState.m0) {
      const toM1 = rc.m1Activation * danger * (1 - 0.5 * calm) * memory;
      const toM2 = rc.m1ToM2 * calm * 0.5 + contact;
      if (u < toM1 * dt) next = KupState.m1;
      else if (u < (toM1 + toM2) * dt) next = KupState.m2;
    } else if (st === KupState.m1) {
      const toM2 = rc.m1ToM2 * (1 - danger) * (1 + 3 * calm) + contact;
      if (u < toM2 * dt) next = KupState.m2;
    } else {
      const toM1 = rc.m1Activation * danger * (1 - calm) * 0.5 * memory;
      const toM0 = rc.m2ToM0 * (1 - 0.5 * calm) * memory;
      if (u < toM1 * dt) next = KupState.m1;
      else if (u < (toM1 + toM0) * dt) next = KupState.m0;
    }
    state[k] = next;
    if (next === KupState.m2 && st !== KupState.m2 && rc.memorySteps > 0) {
      // Local education is as likely as there are real MSCs in reach (mscNear sums 1/A per agent),
      // so the number of educated cells does not depend on the display amplification.
      const local = mscNear[k]! > 0 && uniformAt(key, k, Purpose.kupfferEducate) < mscNear[k]!;
      if (bloodEducates || local) timer[k] = rc.memorySteps;
    }
  }
}
