/**
 * Secretion and uptake of every field by every agent and vessel, as lookup tables built once from
 * the parameters, applied point-wise and implicitly: dc/dt = Σ S_i (T_i − c) − U c.
 */
import { Cell, KIND_COUNT, Kind, Vessel } from "../lattice/codes";
import type { TissueState } from "../lattice/state";
import { need, type Params } from "../params/compiled";
import type { MscProfile } from "../sim-state";
import { FIELD_COUNT, FieldIndex } from "./registry";

// Local copies of the codes: hot loops must not go through module-export getters.
const HEPATOCYTE = Cell.hepatocyte;
const MSC = Cell.msc;
const V_SINUSOID = Vessel.sinusoid;
const V_CAPILLARISED = Vessel.capillarised;
const V_PORTAL_TRACT = Vessel.portalTract;
const V_CENTRAL_VEIN = Vessel.centralVein;
const KIND_HEPATOCYTE = Kind.hepatocyte;
const KIND_HEPATOCYTE_CYCLING = Kind.hepatocyteCycling;
const KIND_HEPATOCYTE_SENESCENT = Kind.hepatocyteSenescent;
const KIND_HSC_QUIESCENT = Kind.hscQuiescent;
const KIND_HSC_ACTIVATED = Kind.hscActivated;
const KIND_KUPFFER_M1 = Kind.kupfferM1;
const KIND_KUPFFER_M2 = Kind.kupfferM2;

export interface SecretionTables {
  /** [field * KIND_COUNT + kind]: secretion rate towards saturation 1 (1/h). */
  kindSecretion: Float64Array;
  /** [field * KIND_COUNT + kind]: uptake rate (1/h). */
  kindUptake: Float64Array;
  /** [field * 5 + vessel]: exchange rate (1/h) towards the vessel's target level. */
  vesselSecretion: Float64Array;
  /** [field * 5 + vessel]: uptake by vessel endothelium (1/h). */
  vesselUptake: Float64Array;
  /** Damage-signal release per unit hepatocyte damage (1/h). */
  damagePerDamage: number;
  /** VEGF release of a fully hypoxic hepatocyte (1/h). */
  vegfHypoxic: number;
  hypoxiaThreshold: number;
  /** Blood oxygen falls towards the central vein: target = 1 − zonation·zone. */
  oxygenZonation: number;
  /** Blood exchange of MSC-derived factors at perfused sinusoids (1/h). */
  systemicExchange: number;
}

export function buildSecretionTables(p: Params): SecretionTables {
  const ks = new Float64Array(FIELD_COUNT * KIND_COUNT);
  const ku = new Float64Array(FIELD_COUNT * KIND_COUNT);
  const vs = new Float64Array(FIELD_COUNT * 5);
  const vu = new Float64Array(FIELD_COUNT * 5);
  const F = FieldIndex;
  const setK = (t: Float64Array, f: number, kinds: number[], v: number) => {
    for (const k of kinds) t[f * KIND_COUNT + k] = v;
  };
  const hepatocytes = [KIND_HEPATOCYTE, KIND_HEPATOCYTE_CYCLING, KIND_HEPATOCYTE_SENESCENT];
  setK(ku, F.oxygen, hepatocytes, need(p, "uptake.oxygen_hepatocyte"));
  setK(ku, F.hgf, hepatocytes, need(p, "uptake.hgf_hepatocyte"));
  setK(ku, F.egf, hepatocytes, need(p, "uptake.egf_hepatocyte"));
  setK(ks, F.tnf, [KIND_HEPATOCYTE_SENESCENT], need(p, "secretion.tnf_senescent"));
  setK(ks, F.hgf, [KIND_HSC_QUIESCENT], need(p, "secretion.hgf_stellate"));
  setK(ks, F.tgfb, [KIND_HSC_ACTIVATED], need(p, "secretion.tgfb_activated_hsc"));
  setK(ks, F.tnf, [KIND_KUPFFER_M1], need(p, "secretion.tnf_m1"));
  setK(ks, F.tgfb, [KIND_KUPFFER_M1], need(p, "secretion.tgfb_m1"));
  setK(ks, F.il10, [KIND_KUPFFER_M2], need(p, "secretion.il10_m2"));

  const o2 = need(p, "secretion.oxygen_perfused");
  vs[F.oxygen * 5 + V_SINUSOID] = o2;
  vs[F.oxygen * 5 + V_CAPILLARISED] = o2 * need(p, "secretion.oxygen_capillarised_fraction");
  vs[F.oxygen * 5 + V_PORTAL_TRACT] = o2;
  vs[F.oxygen * 5 + V_CENTRAL_VEIN] = o2;
  vs[F.hgf * 5 + V_SINUSOID] = need(p, "secretion.hgf_sinusoid");
  vs[F.egf * 5 + V_PORTAL_TRACT] = need(p, "secretion.egf_portal");
  vu[F.vegf * 5 + V_SINUSOID] = need(p, "uptake.vegf_sinusoid");
  vu[F.vegf * 5 + V_CAPILLARISED] = need(p, "uptake.vegf_sinusoid");

  return {
    kindSecretion: ks,
    kindUptake: ku,
    vesselSecretion: vs,
    vesselUptake: vu,
    damagePerDamage: need(p, "secretion.damage_per_damage"),
    vegfHypoxic: need(p, "secretion.vegf_hypoxic_hepatocyte"),
    hypoxiaThreshold: need(p, "hepatocyte.hypoxia_threshold"),
    oxygenZonation: need(p, "secretion.oxygen_zonation"),
    systemicExchange: need(p, "msc.systemic_exchange"),
  };
}

/** Index of each MSC-derived factor in the blood compartment. */
const BLOOD_FIELD = [FieldIndex.hgf, FieldIndex.egf, FieldIndex.vegf, FieldIndex.il10];
const MSC_PROFILE_FIELD: Record<number, keyof MscProfile> = {
  [FieldIndex.hgf]: "hgf",
  [FieldIndex.egf]: "egf",
  [FieldIndex.vegf]: "vegf",
  [FieldIndex.il10]: "il10",
};

/**
 * Applies secretion and uptake of field `f` over rows [y0, y1) for a time dt (h).
 * `blood` holds the blood levels of MSC-derived factors; `profiles` the per-infusion MSC rates.
 */
export function sourceSinkRows(
  t: TissueState,
  f: number,
  tab: SecretionTables,
  profiles: readonly MscProfile[],
  blood: readonly number[],
  dt: number,
  y0: number,
  y1: number,
): void {
  const c = t.fields[f]!;
  const { cell, state, vessel, damage, zone } = t;
  const kBase = f * KIND_COUNT;
  const vBase = f * 5;
  const isDamage = f === FieldIndex.damage;
  const isVegf = f === FieldIndex.vegf;
  const isOxygen = f === FieldIndex.oxygen;
  const bloodSlot = BLOOD_FIELD.indexOf(f);
  const bloodLevel = bloodSlot >= 0 ? blood[bloodSlot]! : 0;
  const bloodExchange = bloodLevel > 0 ? tab.systemicExchange : 0;
  const profileKey = MSC_PROFILE_FIELD[f];
  const oxygen = t.fields[FieldIndex.oxygen]!;
  const end = y1 * t.width;
  for (let k = y0 * t.width; k < end; k++) {
    const cellK = cell[k]!;
    const kind = cellK * 4 + (state[k]! & 3);
    const v = vessel[k]!;
    const s = tab.kindSecretion[kBase + kind]!;
    let production = s;
    let loss = s + tab.kindUptake[kBase + kind]! + tab.vesselUptake[vBase + v]!;
    const vs = tab.vesselSecretion[vBase + v]!;
    if (vs > 0) {
      const target = isOxygen ? 1 - tab.oxygenZonation * zone[k]! : 1;
      production += vs * target;
      loss += vs;
    }
    if (cellK === HEPATOCYTE) {
      if (isDamage) {
        const sd = tab.damagePerDamage * damage[k]!;
        production += sd;
        loss += sd;
      } else if (isVegf) {
        const hyp = 1 - oxygen[k]! / tab.hypoxiaThreshold;
        if (hyp > 0) {
          const sv = tab.vegfHypoxic * hyp;
          production += sv;
          loss += sv;
        }
      }
    } else if (cellK === MSC && profileKey !== undefined) {
      const sm = profiles[state[k]! >> 2]![profileKey] as number;
      production += sm;
      loss += sm;
    }
    // MSC-derived factors arrive with perfusion on top of the endogenous levels: a source only
    // (an exchange term would also drain endogenous HGF/IL-10 towards a near-zero blood level).
    if (bloodExchange > 0 && v === V_SINUSOID) production += bloodExchange * bloodLevel;
    c[k] = (c[k]! + dt * production) / (1 + dt * loss);
  }
}

/** Largest linear loss (uptake) rate of field f over all kinds and vessels (1/h). */
export function maxUptake(tab: SecretionTables, f: number): number {
  let m = 0;
  for (let k = 0; k < KIND_COUNT; k++) m = Math.max(m, tab.kindUptake[f * KIND_COUNT + k]!);
  for (let v = 0; v < 5; v++) m = Math.max(m, tab.vesselUptake[f * 5 + v]!);
  return m;
}
