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
  /** [field * COMBO_COUNT + combo]: production and loss of the (kind, vessel) pair with target 1. */
  comboProduction: Float64Array;
  comboLoss: Float64Array;
  /** 1 where the combo holds a hepatocyte (damage- and hypoxia-scaled secretion). */
  comboHepatocyte: Uint8Array;
  /** 1 where the combo holds an MSC (per-infusion secretion profile). */
  comboMsc: Uint8Array;
}

/** A site's (agent kind, vessel) pair: kind * 5 + vessel. */
export const COMBO_COUNT = KIND_COUNT * 5;

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

  const cp = new Float64Array(FIELD_COUNT * COMBO_COUNT);
  const cl = new Float64Array(FIELD_COUNT * COMBO_COUNT);
  const ch = new Uint8Array(COMBO_COUNT);
  const cm = new Uint8Array(COMBO_COUNT);
  for (let kind = 0; kind < KIND_COUNT; kind++) {
    for (let v = 0; v < 5; v++) {
      const cb = kind * 5 + v;
      ch[cb] = kind >> 2 === HEPATOCYTE ? 1 : 0;
      cm[cb] = kind >> 2 === MSC ? 1 : 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const sK = ks[f * KIND_COUNT + kind]!;
        const sV = vs[f * 5 + v]!;
        // Oxygen's vessel target depends on the zone: its vessel part is added per site.
        cp[f * COMBO_COUNT + cb] = sK + (f === F.oxygen ? 0 : sV);
        cl[f * COMBO_COUNT + cb] = sK + ku[f * KIND_COUNT + kind]! + vu[f * 5 + v]! + sV;
      }
    }
  }
  return {
    comboProduction: cp,
    comboLoss: cl,
    comboHepatocyte: ch,
    comboMsc: cm,
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
 * Applies secretion and uptake of field `f` over rows [y0, y1) for a time dt (h), every term per
 * site. `blood` holds the blood levels of MSC-derived factors; `profiles` the per-infusion MSC rates.
 * The reference the engine's table-driven passes (sourceSinkFast, sourceSinkMsc) are tested against
 * (test/numerics/source-paths.test.ts); the engine itself does not call it.
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
  const { width: w, pitch } = t;
  for (let y = y0; y < y1; y++) {
    for (let k = y * w, end = k + w, fk = y * pitch; k < end; k++, fk++) {
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
          const hyp = 1 - oxygen[fk]! / tab.hypoxiaThreshold;
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
      c[fk] = (c[fk]! + dt * production) / (1 + dt * loss);
    }
  }
}

/** Combo of every site, once per field phase (occupancy does not change during it). */
export function computeCombos(t: TissueState, combo: Uint8Array, y0: number, y1: number): void {
  const { cell, state, vessel } = t;
  const end = y1 * t.width;
  for (let k = y0 * t.width; k < end; k++) combo[k] = (cell[k]! * 4 + (state[k]! & 3)) * 5 + vessel[k]!;
}

/** Static oxygen target of blood at each site (1 − zonation·zone), cached per tissue. */
const oxygenTargets = new WeakMap<Float32Array, { zonation: number; values: Float32Array }>();
function oxygenTarget(zone: Float32Array, zonation: number): Float32Array {
  const hit = oxygenTargets.get(zone);
  if (hit && hit.zonation === zonation) return hit.values;
  const values = new Float32Array(zone.length);
  for (let k = 0; k < zone.length; k++) values[k] = 1 - zonation * zone[k]!;
  oxygenTargets.set(zone, { zonation, values });
  return values;
}

/**
 * Fast path of sourceSinkRows when no MSC or blood term acts on field f: one table lookup per site
 * plus the hepatocyte-specific terms. Same arithmetic as the general path, term for term.
 */
export interface FastTables {
  /** [field * COMBO_COUNT + combo]: dt·P and 1/(1 + dt·L) with each field's own dt. */
  dtProduction: Float64Array;
  invLoss: Float64Array;
  /** [combo]: dt · oxygen secretion of the combo's vessel (times the site's zonation target). */
  dtOxygenVessel: Float64Array;
}

/** Precomputes the plain-field update c ← (c + dt·P)·1/(1 + dt·L) per (field, combo). */
export function buildFastTables(tab: SecretionTables, fieldDts: readonly number[]): FastTables {
  const dtProduction = new Float64Array(FIELD_COUNT * COMBO_COUNT);
  const invLoss = new Float64Array(FIELD_COUNT * COMBO_COUNT);
  for (let f = 0; f < FIELD_COUNT; f++)
    for (let cb = 0; cb < COMBO_COUNT; cb++) {
      const i = f * COMBO_COUNT + cb;
      dtProduction[i] = fieldDts[f]! * tab.comboProduction[i]!;
      invLoss[i] = 1 / (1 + fieldDts[f]! * tab.comboLoss[i]!);
    }
  const dtOxygenVessel = new Float64Array(COMBO_COUNT);
  for (let cb = 0; cb < COMBO_COUNT; cb++) dtOxygenVessel[cb] = fieldDts[FieldIndex.oxygen]! * tab.vesselSecretion[FieldIndex.oxygen * 5 + (cb % 5)]!;
  return { dtProduction, invLoss, dtOxygenVessel };
}

export function sourceSinkFast(t: TissueState, f: number, tab: SecretionTables, fast: FastTables, combo: Uint8Array, dt: number, y0: number, y1: number): void {
  const c = t.fields[f]!;
  const base = f * COMBO_COUNT;
  const { width: w, pitch } = t;
  // Sites k0 … k1 of a run of rows are at k + off in the field: all rows at once unless rows are padded.
  const rows = pitch === w ? y1 - y0 : 1;
  for (let y = y0; y < y1; y += rows) {
    const k0 = y * w;
    const k1 = (y + rows) * w;
    const off = y * (pitch - w);
    if (f === FieldIndex.oxygen) oxygenPass(c, t, tab, fast, combo, base, k0, k1, off);
    else if (f === FieldIndex.damage) scaledPass(c, t.damage, tab.damagePerDamage, tab, combo, base, dt, k0, k1, off);
    else if (f === FieldIndex.vegf) hypoxiaPass(c, t.fields[FieldIndex.oxygen]!, tab, combo, base, dt, k0, k1, off);
    else plainPass(c, fast.dtProduction, fast.invLoss, combo, base, k0, k1, off);
  }
}

// One small function per case keeps each loop monomorphic and easy for the JIT to optimise.
// Site k's field value is at k + off (off = 0 unless field rows are padded).

function plainPass(c: Float32Array, dtProd: Float64Array, inv: Float64Array, combo: Uint8Array, base: number, k0: number, k1: number, off: number): void {
  for (let k = k0; k < k1; k++) {
    const i = base + combo[k]!;
    c[k + off] = (c[k + off]! + dtProd[i]!) * inv[i]!;
  }
}

function oxygenPass(c: Float32Array, t: TissueState, tab: SecretionTables, fast: FastTables, combo: Uint8Array, base: number, k0: number, k1: number, off: number): void {
  const target = oxygenTarget(t.zone, tab.oxygenZonation);
  const { dtProduction: dtProd, invLoss: inv, dtOxygenVessel: dtVessel } = fast;
  for (let k = k0; k < k1; k++) {
    const cb = combo[k]!;
    const i = base + cb;
    c[k + off] = (c[k + off]! + dtProd[i]! + dtVessel[cb]! * target[k]!) * inv[i]!;
  }
}

function scaledPass(c: Float32Array, scale: Float32Array, rate: number, tab: SecretionTables, combo: Uint8Array, base: number, dt: number, k0: number, k1: number, off: number): void {
  const isHep = tab.comboHepatocyte;
  const prod = tab.comboProduction;
  const loss = tab.comboLoss;
  for (let k = k0; k < k1; k++) {
    const cb = combo[k]!;
    const extra = isHep[cb] ? rate * scale[k]! : 0;
    c[k + off] = (c[k + off]! + dt * (prod[base + cb]! + extra)) / (1 + dt * (loss[base + cb]! + extra));
  }
}

function hypoxiaPass(c: Float32Array, oxygen: Float32Array, tab: SecretionTables, combo: Uint8Array, base: number, dt: number, k0: number, k1: number, off: number): void {
  const isHep = tab.comboHepatocyte;
  const prod = tab.comboProduction;
  const loss = tab.comboLoss;
  const s = tab.vegfHypoxic;
  const inv = 1 / tab.hypoxiaThreshold;
  for (let k = k0; k < k1; k++) {
    const cb = combo[k]!;
    const hyp = isHep[cb] ? 1 - oxygen[k + off]! * inv : 0;
    const extra = hyp > 0 ? s * hyp : 0;
    c[k + off] = (c[k + off]! + dt * (prod[base + cb]! + extra)) / (1 + dt * (loss[base + cb]! + extra));
  }
}

/** Per-combo dt·P and 1/(1 + dt·L) of the current step (the blood level changes per step); one pair per thread. */
const stepDtProduction = new Float64Array(COMBO_COUNT);
const stepInvLoss = new Float64Array(COMBO_COUNT);
/** Combos that need their own site's terms (MSCs; hepatocytes for hypoxic VEGF). */
const stepSpecial = new Uint8Array(COMBO_COUNT);

/**
 * Fast path for an MSC-derived factor while MSCs or blood-borne factor act: the blood exchange at
 * perfused sinusoids folds into a per-step combo table, so most sites cost one multiply-add as in
 * the plain pass; MSC sites (rare) add their profile's rate, and for VEGF hepatocytes add their
 * hypoxic secretion. Same terms as sourceSinkRows.
 */
export function sourceSinkMsc(
  t: TissueState,
  f: number,
  tab: SecretionTables,
  profiles: readonly MscProfile[],
  blood: readonly number[],
  combo: Uint8Array,
  dt: number,
  y0: number,
  y1: number,
): void {
  const c = t.fields[f]!;
  const base = f * COMBO_COUNT;
  const slot = BLOOD_FIELD.indexOf(f);
  const bloodLevel = slot >= 0 ? blood[slot]! : 0;
  const exchange = bloodLevel > 0 ? tab.systemicExchange * bloodLevel : 0;
  const hypoxic = f === FieldIndex.vegf;
  const loss = tab.comboLoss;
  const prod = stepDtProduction;
  const inv = stepInvLoss;
  const special = stepSpecial;
  for (let cb = 0; cb < COMBO_COUNT; cb++) {
    prod[cb] = dt * (tab.comboProduction[base + cb]! + (cb % 5 === V_SINUSOID ? exchange : 0));
    inv[cb] = 1 / (1 + dt * loss[base + cb]!);
    special[cb] = tab.comboMsc[cb] || (hypoxic && tab.comboHepatocyte[cb]) ? 1 : 0;
  }
  const isMsc = tab.comboMsc;
  const key = MSC_PROFILE_FIELD[f]!;
  const oxygen = t.fields[FieldIndex.oxygen]!;
  const sv = tab.vegfHypoxic;
  const invThreshold = 1 / tab.hypoxiaThreshold;
  const state = t.state;
  const { width: w, pitch } = t;
  const rows = pitch === w ? y1 - y0 : 1; // as in sourceSinkFast
  for (let y = y0; y < y1; y += rows) {
    for (let k = y * w, k1 = (y + rows) * w, off = y * (pitch - w); k < k1; k++) {
      const cb = combo[k]!;
      if (special[cb] === 0) {
        c[k + off] = (c[k + off]! + prod[cb]!) * inv[cb]!;
        continue;
      }
      let p = prod[cb]!;
      let l = loss[base + cb]!;
      if (isMsc[cb]) {
        const sm = profiles[state[k]! >> 2]![key] as number;
        p += dt * sm;
        l += sm;
      } else {
        const hyp = 1 - oxygen[k + off]! * invThreshold;
        if (hyp > 0) {
          p += dt * sv * hyp;
          l += sv * hyp;
        }
      }
      c[k + off] = (c[k + off]! + p) / (1 + dt * l);
    }
  }
}

/**
 * The fields the source/sink pass of field f reads at its own sites: f itself, and oxygen for VEGF
 * (hypoxic hepatocytes). A parallel step may start f's pass while another field is still diffusing
 * only if that field is not in this list.
 */
export function sourceReads(f: number): readonly number[] {
  return f === FieldIndex.vegf ? [f, FieldIndex.oxygen] : [f];
}

/** Does field f need the general path (MSCs present or blood-borne MSC factor)? */
export function needsGeneralPath(f: number, mscPresent: boolean, blood: readonly number[]): boolean {
  const slot = BLOOD_FIELD.indexOf(f);
  if (slot < 0) return false;
  return mscPresent || blood[slot]! > 0;
}

/** Largest linear loss (uptake) rate of field f over all kinds and vessels (1/h). */
export function maxUptake(tab: SecretionTables, f: number): number {
  let m = 0;
  for (let k = 0; k < KIND_COUNT; k++) m = Math.max(m, tab.kindUptake[f * KIND_COUNT + k]!);
  for (let v = 0; v < 5; v++) m = Math.max(m, tab.vesselUptake[f * 5 + v]!);
  return m;
}
