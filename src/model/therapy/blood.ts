/**
 * The systemic (blood) compartment, as a mass balance (docs/model.md, "Systemic blood compartment").
 * MSCs outside the liver (lung-trapped) secrete factor F at a measured rate q_F per cell; F leaves the
 * plasma with its measured half-life t½ from its distribution volume V. The pool changes over a day
 * (msc.lung_half_life) while t½ is minutes to hours, so the plasma holds the steady state of each step:
 *
 *   ΔC_F = q_F · N_sys · (t½_F / ln 2) / (V_F · body mass)
 *
 * ΔC_F is read against the patient's endogenous plasma level C_F, and the ratio r_F = ΔC_F / C_F is
 * carried into the tissue as the same fraction of the endogenous tissue level at perfused sinusoids
 * (baseline.bloodReference): the blood level b_F = r_F · ĉ_F (a.u.). Endogenous blood alone gives
 * r_F = 0 and changes nothing.
 */
import { BLOOD_FIELD } from "../fields/source-sink-law";
import { Vessel } from "../lattice/codes";
import { need, type Params } from "../params/compiled";
import type { ParamKey } from "../params/registry";
import type { Scenario } from "../params/scenario-schema";
import type { Blood, SimState } from "../sim-state";
import { sourceMultiplier } from "./delivery";
import { SPECIES_MASS } from "./species";

/** The factors the systemic MSC pool puts in the blood, with their slot in SimState.blood. EGF (slot 1): none measured. */
export const SYSTEMIC_FACTORS = [
  { slot: 0, key: "hgf", source: "hgf", mechanism: "hgf" },
  { slot: 2, key: "vegf", source: "vegf", mechanism: "vegf" },
  { slot: 3, key: "il10", source: "il10", mechanism: "immunomodulation" },
] as const;
/** Slot of the systemic MSC MMP term: lung-trapped MSCs per kg body mass, in 10⁶ cells/kg. */
export const BLOOD_MMP_SLOT = 4;

type Factor = (typeof SYSTEMIC_FACTORS)[number]["key"];
const key = (f: Factor, what: string) => `blood.${f}.${what}` as ParamKey;

export function bodyMassKg(s: Scenario): number {
  return s.therapy.body_mass_kg ?? SPECIES_MASS[s.species].bodyKg;
}

/**
 * Plasma increment ΔC_F (pg/mL) of each systemic factor from the MSCs outside the liver, in
 * SYSTEMIC_FACTORS order. Source and engineering multipliers and the mechanism switches apply.
 */
export function plasmaIncrements(s: Scenario, p: Params, systemicByInfusion: readonly number[]): number[] {
  const mass = bodyMassKg(s);
  return SYSTEMIC_FACTORS.map(({ key: f, source, mechanism }) => {
    if (!s.mechanisms[mechanism]) return 0;
    // pg per cell per hour × residence time (h) ÷ volume (mL).
    const perCell = need(p, key(f, "msc_secretion")) / 1e6;
    const residence = need(p, key(f, "half_life")) / Math.LN2;
    const volume = need(p, key(f, "volume")) * mass;
    let cells = 0;
    s.therapy.infusions.forEach((inf, i) => {
      const engineered = f === "hgf" ? (inf.hgf_multiplier ?? 1) : 1;
      cells += (systemicByInfusion[i] ?? 0) * sourceMultiplier(p, inf.source, source) * engineered;
    });
    return (perCell * cells * residence) / volume;
  });
}

/** r_F = ΔC_F / C_F: the MSC-derived plasma increment as a fraction of the endogenous plasma level. */
export function plasmaRatios(s: Scenario, p: Params, systemicByInfusion: readonly number[]): number[] {
  const inc = plasmaIncrements(s, p, systemicByInfusion);
  return SYSTEMIC_FACTORS.map(({ key: f }, j) => inc[j]! / need(p, key(f, "plasma_level")));
}

/**
 * Blood levels [hgf, egf, vegf, il10, mmp]: the tissue increment b_F = r_F · ĉ_F (a.u.) of each factor
 * at perfused sinusoids, and the lung-trapped MSCs per kg (10⁶ cells/kg) for the systemic MMP term.
 */
export function bloodLevels(
  s: Scenario,
  p: Params,
  systemicByInfusion: readonly number[],
  reference: readonly number[],
): Blood {
  const out: Blood = [0, 0, 0, 0, 0];
  const ratios = plasmaRatios(s, p, systemicByInfusion);
  SYSTEMIC_FACTORS.forEach(({ slot }, j) => {
    out[slot] = ratios[j]! * (reference[slot] ?? 0);
  });
  if (s.mechanisms.mmp) {
    const cells = systemicByInfusion.reduce((a, n) => a + n, 0);
    out[BLOOD_MMP_SLOT] = cells / 1e6 / bodyMassKg(s);
  }
  return out;
}

/** ĉ_F: the mean of each blood-carried field over perfused sinusoid sites (BLOOD_FIELD order), the day-0 reference. */
export function tissueReference(sim: SimState): number[] {
  const t = sim.tissue;
  const fields = sim.fieldSet;
  return BLOOD_FIELD.map((f) => {
    const c = fields.arrays[f]!;
    let sum = 0;
    let n = 0;
    for (let k = 0; k < t.size; k++) {
      if (t.vessel[k] !== Vessel.sinusoid) continue;
      sum += c[fields.index(k)]!;
      n++;
    }
    return n > 0 ? sum / n : 0;
  });
}
