/**
 * The source/sink passes the engine runs: each field's law (source-sink-law.ts) applied point-wise
 * through lookup tables per (kind, vessel) combo generated from it, plus the site-dependent terms
 * the law names (zonated oxygen target, damage release, hypoxic release, MSC profiles and blood
 * exchange). Each pass turns d = c − Δt·A·c (field-step.ts explicitRows) into the step's residual
 * δ₀ = (d + Δt·P)/(1 + Δt·L) − c = Δt·(P − L·c − A·c)/(1 + Δt·L).
 */
import { COMBO_COUNT, Vessel } from "../lattice/codes";
import type { TissueState } from "../lattice/state";
import type { MscProfile } from "../sim-state";
import { FIELD_COUNT, FieldIndex } from "./registry";
import { BLOOD_FIELD, MSC_PROFILE_FIELD, type SecretionTables, SITE_TERM } from "./source-sink-law";

export {
  buildSecretionTables,
  maxUptake,
  needsGeneralPath,
  type SecretionTables,
  sourceReads,
} from "./source-sink-law";

/** Combo of every site, once per field phase (occupancy does not change during it). */
export function computeCombos(t: TissueState, combo: Uint8Array, y0: number, y1: number): void {
  const { cell, state, vessel } = t;
  const end = y1 * t.width;
  for (let k = y0 * t.width; k < end; k++) combo[k] = (cell[k]! * 4 + (state[k]! & 3)) * 5 + vessel[k]!;
}

/**
 * A thread's working tables of the source/sink passes, held by its FieldSet (no module state, so
 * two simulations in one process share nothing): the current step's per-combo tables of
 * sourceSinkMsc (the blood level changes per step) and the static oxygen target of the tissue.
 */
export interface SourceScratch {
  /** [combo]: dt·P and 1/(1 + dt·L) of the current step. */
  dtProduction: Float64Array;
  invLoss: Float64Array;
  /** [combo]: 1 where the combo needs its own site's terms (MSCs; hepatocytes for hypoxic VEGF). */
  special: Uint8Array;
  /** Oxygen target of blood at each site (1 − zonation·zone), for the zone array and zonation it was made from. */
  oxygenTarget: { zone: Float32Array; zonation: number; values: Float32Array } | null;
}

export function sourceScratch(): SourceScratch {
  return {
    dtProduction: new Float64Array(COMBO_COUNT),
    invLoss: new Float64Array(COMBO_COUNT),
    special: new Uint8Array(COMBO_COUNT),
    oxygenTarget: null,
  };
}

/** Static oxygen target of blood at each site (1 − zonation·zone), made once per tissue. */
function oxygenTarget(scratch: SourceScratch, zone: Float32Array, zonation: number): Float32Array {
  const hit = scratch.oxygenTarget;
  if (hit && hit.zone === zone && hit.zonation === zonation) return hit.values;
  const values = new Float32Array(zone.length);
  for (let k = 0; k < zone.length; k++) values[k] = 1 - zonation * zone[k]!;
  scratch.oxygenTarget = { zone, zonation, values };
  return values;
}

/** The per-(field, combo) tables of the plain-field update with each field's own dt. */
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
  for (let cb = 0; cb < COMBO_COUNT; cb++)
    dtOxygenVessel[cb] = fieldDts[FieldIndex.oxygen]! * tab.vesselSecretion[FieldIndex.oxygen * 5 + (cb % 5)]!;
  return { dtProduction, invLoss, dtOxygenVessel };
}

/**
 * Field f over rows [y0, y1) when no MSC or blood term acts on it: one table lookup per site plus
 * the site-dependent term of its law. Same terms as sourceSinkMsc and the reference.
 */
export function sourceSinkFast(
  t: TissueState,
  d: Float32Array,
  f: number,
  tab: SecretionTables,
  fast: FastTables,
  combo: Uint8Array,
  dt: number,
  y0: number,
  y1: number,
  lastSubstep: boolean,
  scratch: SourceScratch,
): void {
  const c = t.fields[f]!;
  const base = f * COMBO_COUNT;
  const term = SITE_TERM[f];
  const { width: w, pitch } = t;
  // Sites k0 … k1 of a run of rows are at k + off in the field: all rows at once unless rows are padded.
  const rows = pitch === w ? y1 - y0 : 1;
  for (let y = y0; y < y1; y += rows) {
    const k0 = y * w;
    const k1 = (y + rows) * w;
    const off = y * (pitch - w);
    if (term === "zonated")
      oxygenPass(c, d, oxygenTarget(scratch, t.zone, tab.oxygenZonation), fast, combo, base, k0, k1, off);
    else if (term === "damage") damagePass(c, d, t.damage, tab, combo, base, dt, k0, k1, off, lastSubstep);
    else if (term === "hypoxic") hypoxiaPass(c, d, t.fields[FieldIndex.oxygen]!, tab, combo, base, dt, k0, k1, off);
    else plainPass(c, d, fast.dtProduction, fast.invLoss, combo, base, k0, k1, off);
  }
}

// One small function per case keeps each loop monomorphic and easy for the JIT to optimise.
// Site k's field value is at k + off (off = 0 unless field rows are padded).

function plainPass(
  c: Float32Array,
  d: Float32Array,
  dtProd: Float64Array,
  inv: Float64Array,
  combo: Uint8Array,
  base: number,
  k0: number,
  k1: number,
  off: number,
): void {
  for (let k = k0; k < k1; k++) {
    const i = base + combo[k]!;
    d[k + off] = (d[k + off]! + dtProd[i]!) * inv[i]! - c[k + off]!;
  }
}

function oxygenPass(
  c: Float32Array,
  d: Float32Array,
  target: Float32Array,
  fast: FastTables,
  combo: Uint8Array,
  base: number,
  k0: number,
  k1: number,
  off: number,
): void {
  const { dtProduction: dtProd, invLoss: inv, dtOxygenVessel: dtVessel } = fast;
  for (let k = k0; k < k1; k++) {
    const cb = combo[k]!;
    const i = base + cb;
    d[k + off] = (d[k + off]! + dtProd[i]! + dtVessel[cb]! * target[k]!) * inv[i]! - c[k + off]!;
  }
}

/**
 * Damaged hepatocytes release in proportion to their damage (towards saturation 1); necrotic debris
 * on any other site releases its amount over the field phase, and the last sub-step clears it (the
 * `damage` entry of a site without a hepatocyte means nothing else).
 */
function damagePass(
  c: Float32Array,
  d: Float32Array,
  damage: Float32Array,
  tab: SecretionTables,
  combo: Uint8Array,
  base: number,
  dt: number,
  k0: number,
  k1: number,
  off: number,
  clearDebris: boolean,
): void {
  const isHep = tab.comboHepatocyte;
  const prod = tab.comboProduction;
  const loss = tab.comboLoss;
  const rate = tab.damagePerDamage;
  const debris = tab.debrisRelease;
  for (let k = k0; k < k1; k++) {
    const cb = combo[k]!;
    let p = prod[base + cb]!;
    let l = loss[base + cb]!;
    const amount = damage[k]!;
    if (isHep[cb]) {
      p += rate * amount;
      l += rate * amount;
    } else if (amount > 0) {
      p += debris * amount;
      if (clearDebris) damage[k] = 0;
    }
    d[k + off] = (d[k + off]! + dt * p) / (1 + dt * l) - c[k + off]!;
  }
}

function hypoxiaPass(
  c: Float32Array,
  d: Float32Array,
  oxygen: Float32Array,
  tab: SecretionTables,
  combo: Uint8Array,
  base: number,
  dt: number,
  k0: number,
  k1: number,
  off: number,
): void {
  const isHep = tab.comboHepatocyte;
  const prod = tab.comboProduction;
  const loss = tab.comboLoss;
  const s = tab.vegfHypoxic;
  const inv = 1 / tab.hypoxiaThreshold;
  for (let k = k0; k < k1; k++) {
    const cb = combo[k]!;
    const hyp = isHep[cb] ? 1 - oxygen[k + off]! * inv : 0;
    const extra = hyp > 0 ? s * hyp : 0;
    d[k + off] = (d[k + off]! + dt * (prod[base + cb]! + extra)) / (1 + dt * (loss[base + cb]! + extra)) - c[k + off]!;
  }
}

/**
 * Fast path for an MSC-derived factor while MSCs or blood-borne factor act: the blood supply at
 * perfused sinusoids folds into a per-step combo table, so most sites cost one multiply-add as in
 * the plain pass; MSC sites (rare) add their profile's rate, and for VEGF hepatocytes add their
 * hypoxic secretion. Same terms as the law's site-by-site reference (test/numerics).
 */
export function sourceSinkMsc(
  t: TissueState,
  d: Float32Array,
  f: number,
  tab: SecretionTables,
  profiles: readonly MscProfile[],
  blood: readonly number[],
  combo: Uint8Array,
  dt: number,
  y0: number,
  y1: number,
  scratch: SourceScratch,
): void {
  const c = t.fields[f]!;
  const base = f * COMBO_COUNT;
  const slot = BLOOD_FIELD.indexOf(f);
  const bloodLevel = slot >= 0 ? blood[slot]! : 0;
  const decay = tab.decay[f]!;
  const hypoxic = SITE_TERM[f] === "hypoxic";
  const loss = tab.comboLoss;
  const { dtProduction: prod, invLoss: inv, special } = scratch;
  for (let cb = 0; cb < COMBO_COUNT; cb++) {
    // Blood-borne supply at perfused sinusoids: b·(λ + L), what holds the site b above its own level.
    const supply = cb % 5 === Vessel.sinusoid && bloodLevel > 0 ? bloodLevel * (decay + loss[base + cb]!) : 0;
    prod[cb] = dt * (tab.comboProduction[base + cb]! + supply);
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
        d[k + off] = (d[k + off]! + prod[cb]!) * inv[cb]! - c[k + off]!;
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
      d[k + off] = (d[k + off]! + p) / (1 + dt * l) - c[k + off]!;
    }
  }
}
