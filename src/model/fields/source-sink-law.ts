/**
 * The source/sink law of every field, written once: which agent kinds and vessels secrete or take
 * up the field, at which parameter's rate, and which site-dependent terms act. Secretion relaxes a
 * site towards a target (1, or the blood's zonated oxygen level), uptake removes in proportion:
 *
 *   dc/dt = Σ s (T − c) − Σ u c,
 *
 * applied point-wise and implicitly over a step dt, c ← (c + dt·P) / (1 + dt·L) with P = Σ s·T and
 * L = Σ s + Σ u: exact steady state, unconditionally stable, c ≥ 0 for P, L ≥ 0. The lookup tables the passes read (secretion.ts) are generated from
 * this law and nothing else.
 */
import { Cell, COMBO_COUNT, KIND_COUNT, Kind, VESSEL_COUNT, Vessel } from "../lattice/codes";
import { need, type Params } from "../params/compiled";
import type { ParamKey } from "../params/registry";
import type { MscProfile } from "../sim-state";
import { FIELD_COUNT, FIELDS, FieldIndex, type FieldKey } from "./registry";

/** A rate (1/h): a parameter, or one derived from parameters. */
type Rate = ParamKey | ((p: Params) => number);
/** Agent kinds (lattice/codes Kind) or vessel codes and the rate they act with. */
type Term = readonly [codes: readonly number[], rate: Rate];

export interface FieldLaw {
  /** Agent kinds secreting towards saturation 1. */
  secretedBy?: readonly Term[];
  /** Agent kinds taking the field up. */
  takenUpBy?: readonly Term[];
  /** Vessels exchanging with the field towards their target level (1; oxygen: zonated, see `zonatedTarget`). */
  exchangedBy?: readonly Term[];
  /** Vessels whose endothelium takes the field up. */
  takenUpByVessels?: readonly Term[];
  /** The vessels' target is the blood's oxygen, 1 − zonation·zone (falls towards the central vein). */
  zonatedTarget?: true;
  /** Hepatocytes secrete towards 1 at a rate proportional to their damage (1/h per unit damage). */
  damageRelease?: ParamKey;
  /**
   * Necrotic debris (a non-hepatocyte site whose `damage` entry is > 0, set when its hepatocyte died
   * by necrosis) releases this amount (a.u. at one site) over the next field phase, as a production
   * of amount/Δt: the same exposure whatever the step or sub-steps (hepatocyte.ts collapseNecrotic).
   */
  debrisRelease?: ParamKey;
  /** Hepatocytes below the hypoxia threshold secrete towards 1 at rate · (1 − O₂/threshold). */
  hypoxicRelease?: ParamKey;
  /** An MSC-derived factor: MSCs secrete it at their infusion profile's rate, and blood carries it to perfused sinusoids. */
  mscFactor?: keyof Pick<MscProfile, "hgf" | "egf" | "vegf" | "il10">;
}

const HEPATOCYTES = [Kind.hepatocyte, Kind.hepatocyteCycling, Kind.hepatocyteSenescent];

export const SOURCE_SINK_LAW: Record<FieldKey, FieldLaw> = {
  hgf: {
    secretedBy: [[[Kind.hscQuiescent], "secretion.hgf_stellate"]],
    takenUpBy: [[HEPATOCYTES, "uptake.hgf_hepatocyte"]],
    exchangedBy: [[[Vessel.sinusoid], "secretion.hgf_sinusoid"]],
    mscFactor: "hgf",
  },
  egf: {
    takenUpBy: [[HEPATOCYTES, "uptake.egf_hepatocyte"]],
    exchangedBy: [[[Vessel.portalTract], "secretion.egf_portal"]],
    mscFactor: "egf",
  },
  vegf: {
    takenUpByVessels: [[[Vessel.sinusoid, Vessel.capillarised], "uptake.vegf_sinusoid"]],
    hypoxicRelease: "secretion.vegf_hypoxic_hepatocyte",
    mscFactor: "vegf",
  },
  tnf: {
    secretedBy: [
      [[Kind.hepatocyteSenescent], "secretion.tnf_senescent"],
      [[Kind.kupfferM1], "secretion.tnf_m1"],
    ],
  },
  il10: {
    secretedBy: [[[Kind.kupfferM2], "secretion.il10_m2"]],
    mscFactor: "il10",
  },
  tgfb: {
    secretedBy: [
      [[Kind.hscActivated], "secretion.tgfb_activated_hsc"],
      [[Kind.kupfferM1], "secretion.tgfb_m1"],
    ],
  },
  oxygen: {
    takenUpBy: [[HEPATOCYTES, "uptake.oxygen_hepatocyte"]],
    exchangedBy: [
      [[Vessel.sinusoid, Vessel.portalTract, Vessel.centralVein], "secretion.oxygen_perfused"],
      [
        [Vessel.capillarised],
        (p) => need(p, "secretion.oxygen_perfused") * need(p, "secretion.oxygen_capillarised_fraction"),
      ],
    ],
    zonatedTarget: true,
  },
  damage: {
    damageRelease: "secretion.damage_per_damage",
    debrisRelease: "secretion.damage_death_burst",
  },
};

const LAWS = FIELDS.map((f) => SOURCE_SINK_LAW[f.key]);

/**
 * Fields carried by blood from the systemic MSC pool, in the order of SimState.blood. At a perfused
 * sinusoid site a blood level b (a.u., therapy/blood.ts) adds the production b·(λ + L), L the site's own
 * loss: on its own the site would stand b above its endogenous level.
 */
export const BLOOD_FIELD: readonly number[] = LAWS.flatMap((law, f) => (law.mscFactor ? [f] : []));
/** The MSC profile rate of each MSC-derived factor, by field. */
export const MSC_PROFILE_FIELD: Readonly<Record<number, keyof MscProfile>> = Object.fromEntries(
  LAWS.flatMap((law, f) => (law.mscFactor ? [[f, law.mscFactor]] : [])),
);

/** Which site-dependent term a field's fast pass adds to its table lookup. */
export type SiteTerm = "none" | "zonated" | "damage" | "hypoxic";
export const SITE_TERM: readonly SiteTerm[] = LAWS.map((law) =>
  law.zonatedTarget ? "zonated" : law.damageRelease ? "damage" : law.hypoxicRelease ? "hypoxic" : "none",
);

export interface SecretionTables {
  /** [field * KIND_COUNT + kind]: secretion rate towards saturation 1 (1/h). */
  kindSecretion: Float64Array;
  /** [field * KIND_COUNT + kind]: uptake rate (1/h). */
  kindUptake: Float64Array;
  /** [field * VESSEL_COUNT + vessel]: exchange rate (1/h) towards the vessel's target level. */
  vesselSecretion: Float64Array;
  /** [field * VESSEL_COUNT + vessel]: uptake by vessel endothelium (1/h). */
  vesselUptake: Float64Array;
  /** Damage-signal release per unit hepatocyte damage (1/h). */
  damagePerDamage: number;
  /** Damage-signal production at a site per unit of necrotic debris during one field phase (a.u./h): amount / Δt. */
  debrisRelease: number;
  /** VEGF release of a fully hypoxic hepatocyte (1/h). */
  vegfHypoxic: number;
  hypoxiaThreshold: number;
  /** Blood oxygen falls towards the central vein: target = 1 − zonation·zone. */
  oxygenZonation: number;
  /** [field]: decay rate λ (1/h), part of a site's own loss for the blood-borne supply. */
  decay: Float64Array;
  /** [field * COMBO_COUNT + combo]: production and loss of the (kind, vessel) pair with target 1. */
  comboProduction: Float64Array;
  comboLoss: Float64Array;
  /** 1 where the combo holds a hepatocyte (damage- and hypoxia-scaled secretion). */
  comboHepatocyte: Uint8Array;
  /** 1 where the combo holds an MSC (per-infusion secretion profile). */
  comboMsc: Uint8Array;
}

const rateOf = (p: Params, r: Rate): number => (typeof r === "string" ? need(p, r) : r(p));
const lawParam = (p: Params, pick: (law: FieldLaw) => ParamKey | undefined): number => {
  const law = LAWS.find((l) => pick(l) !== undefined);
  return law ? need(p, pick(law)!) : 0;
};

/** The law's rates as tables per (field, kind), (field, vessel) and (field, combo). */
export function buildSecretionTables(p: Params): SecretionTables {
  const ks = new Float64Array(FIELD_COUNT * KIND_COUNT);
  const ku = new Float64Array(FIELD_COUNT * KIND_COUNT);
  const vs = new Float64Array(FIELD_COUNT * VESSEL_COUNT);
  const vu = new Float64Array(FIELD_COUNT * VESSEL_COUNT);
  const fill = (table: Float64Array, stride: number, f: number, terms: readonly Term[] | undefined) => {
    for (const [codes, rate] of terms ?? []) {
      const v = rateOf(p, rate);
      for (const c of codes) table[f * stride + c] = v;
    }
  };
  LAWS.forEach((law, f) => {
    fill(ks, KIND_COUNT, f, law.secretedBy);
    fill(ku, KIND_COUNT, f, law.takenUpBy);
    fill(vs, VESSEL_COUNT, f, law.exchangedBy);
    fill(vu, VESSEL_COUNT, f, law.takenUpByVessels);
  });

  const cp = new Float64Array(FIELD_COUNT * COMBO_COUNT);
  const cl = new Float64Array(FIELD_COUNT * COMBO_COUNT);
  const ch = new Uint8Array(COMBO_COUNT);
  const cm = new Uint8Array(COMBO_COUNT);
  for (let kind = 0; kind < KIND_COUNT; kind++) {
    for (let v = 0; v < VESSEL_COUNT; v++) {
      const cb = kind * VESSEL_COUNT + v;
      ch[cb] = kind >> 2 === Cell.hepatocyte ? 1 : 0;
      cm[cb] = kind >> 2 === Cell.msc ? 1 : 0;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const sK = ks[f * KIND_COUNT + kind]!;
        const sV = vs[f * VESSEL_COUNT + v]!;
        // A zonated vessel target depends on the site: its vessel part is added per site.
        cp[f * COMBO_COUNT + cb] = sK + (LAWS[f]!.zonatedTarget ? 0 : sV);
        cl[f * COMBO_COUNT + cb] = sK + ku[f * KIND_COUNT + kind]! + vu[f * VESSEL_COUNT + v]! + sV;
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
    damagePerDamage: lawParam(p, (l) => l.damageRelease),
    debrisRelease: lawParam(p, (l) => l.debrisRelease) / need(p, "simulation.dt"),
    vegfHypoxic: lawParam(p, (l) => l.hypoxicRelease),
    hypoxiaThreshold: need(p, "hepatocyte.hypoxia_threshold"),
    oxygenZonation: need(p, "secretion.oxygen_zonation"),
    decay: Float64Array.from(FIELDS, (f) => need(p, `fields.${f.key}.decay`)),
  };
}

/**
 * The fields the source/sink pass of field f reads at its own sites: f itself, and oxygen for a
 * hypoxic release. A parallel step may start f's pass while another field is still diffusing
 * only if that field is not in this list.
 */
export function sourceReads(f: number): readonly number[] {
  return LAWS[f]!.hypoxicRelease ? [f, FieldIndex.oxygen] : [f];
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
  for (let v = 0; v < VESSEL_COUNT; v++) m = Math.max(m, tab.vesselUptake[f * VESSEL_COUNT + v]!);
  return m;
}
