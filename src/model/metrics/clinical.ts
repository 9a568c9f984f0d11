/**
 * Clinical read-outs as model proxies: the laboratory values, portal pressure and elastography a
 * hepatologist reads, each a small pure function of the tissue read-outs (CPA, functional hepatocyte
 * mass, hepatocyte deaths). The constants are registry parameters (group "readout", prefix
 * "clinical."), with their sources there; the equations and their anchors are listed in
 * CLINICAL_MAPPINGS, which docs/outputs.md prints. A 2-D section is no patient: these say what the
 * model's tissue would look like through the clinic's instruments, not what a patient would measure.
 */
import { ln, power } from "./portable-math";
import { need, type Params } from "../params/compiled";

export interface ClinicalConstants {
  altHealthy: number;
  albuminHealthy: number;
  bilirubinHealthy: number;
  inrHealthy: number;
  albuminExponent: number;
  bilirubinExponent: number;
  inrExponent: number;
  hvpgAtZeroCpa: number;
  hvpgPerCpa: number;
  stiffnessIntercept: number;
  stiffnessPerHvpg: number;
  stiffnessPerCpa: number;
  creatinine: number;
  ascitesPoints: number;
  encephalopathyPoints: number;
}

export function clinicalConstants(p: Params): ClinicalConstants {
  return {
    altHealthy: need(p, "clinical.alt_healthy"),
    albuminHealthy: need(p, "clinical.albumin_healthy"),
    bilirubinHealthy: need(p, "clinical.bilirubin_healthy"),
    inrHealthy: need(p, "clinical.inr_healthy"),
    albuminExponent: need(p, "clinical.albumin_mass_exponent"),
    bilirubinExponent: need(p, "clinical.bilirubin_mass_exponent"),
    inrExponent: need(p, "clinical.inr_mass_exponent"),
    hvpgAtZeroCpa: need(p, "clinical.hvpg_at_zero_cpa"),
    hvpgPerCpa: need(p, "clinical.hvpg_per_cpa"),
    stiffnessIntercept: need(p, "clinical.stiffness_intercept"),
    stiffnessPerHvpg: need(p, "clinical.stiffness_per_hvpg"),
    stiffnessPerCpa: need(p, "clinical.stiffness_per_cpa"),
    creatinine: need(p, "clinical.creatinine"),
    ascitesPoints: need(p, "clinical.ascites_points"),
    encephalopathyPoints: need(p, "clinical.encephalopathy_points"),
  };
}

/**
 * Below 1 % of the healthy functional mass the 1/mass proxies lose meaning; the floor only keeps
 * them finite (a numerical guard, not a physiological value).
 */
const MASS_FLOOR = 0.01;
const massOf = (fraction: number) => Math.max(MASS_FLOOR, fraction);

/**
 * Serum ALT (U/L): release ∝ hepatocyte deaths. At a steady release the serum level is release × t½ / ln 2
 * (first-order clearance, t½ ≈ 47 h: Dufour 2000), so the level scales with the death rate and
 * the half-life cancels against the healthy anchor: ALT = ALT_healthy × deaths / healthy deaths.
 */
export function altUPerL(deathsPerDay: number, healthyDeathsPerDay: number, c: ClinicalConstants): number {
  return healthyDeathsPerDay > 0 ? (c.altHealthy * deathsPerDay) / healthyDeathsPerDay : 0;
}

/**
 * The liver's synthetic and excretory function as a power of the functional mass M (1 = healthy):
 * exponents below 1 stand for the reserve that keeps laboratory values near normal while mass is
 * lost. Each exponent is set by one cohort's value at the model's compensated-cirrhosis mass (registry).
 */
/** Serum albumin (g/L) = healthy × M^k: falls with functional mass. */
export function albuminGPerL(massFraction: number, c: ClinicalConstants): number {
  return c.albuminHealthy * power(massOf(massFraction), c.albuminExponent);
}

/** Serum bilirubin (mg/dL) = healthy × M^−k: clearance falls with functional mass. */
export function bilirubinMgPerDl(massFraction: number, c: ClinicalConstants): number {
  return c.bilirubinHealthy * power(massOf(massFraction), -c.bilirubinExponent);
}

/** INR = healthy × M^−k: clotting-factor synthesis falls with functional mass. */
export function inrOf(massFraction: number, c: ClinicalConstants): number {
  return c.inrHealthy * power(massOf(massFraction), -c.inrExponent);
}

/** HVPG (mmHg): a line in CPA through the Calvaruso 2009 anchors (registry). */
export function hvpgMmHg(cpaPercent: number, c: ClinicalConstants): number {
  return c.hvpgAtZeroCpa + c.hvpgPerCpa * cpaPercent;
}

/** Liver stiffness (kPa): Lunova 2021's regression on HVPG and CPA (2-D shear-wave elastography). */
export function liverStiffnessKpa(hvpg: number, cpaPercent: number, c: ClinicalConstants): number {
  return c.stiffnessIntercept + c.stiffnessPerHvpg * hvpg + c.stiffnessPerCpa * cpaPercent;
}

/**
 * MELD, the original UNOS form: 3.78 ln(bilirubin mg/dL) + 11.2 ln(INR) + 9.57 ln(creatinine mg/dL) + 6.43,
 * each value floored at 1.0 and creatinine capped at 4.0 (UNOS). Left unrounded (UNOS rounds to the
 * nearest integer, `Math.round` of this) so that a chart shows changes smaller than one point.
 */
export function meldScore(bilirubin: number, inr: number, creatinine: number): number {
  const b = Math.max(1, bilirubin);
  const i = Math.max(1, inr);
  const cr = Math.min(4, Math.max(1, creatinine));
  return 3.78 * ln(b) + 11.2 * ln(i) + 9.57 * ln(cr) + 6.43;
}

/** Child-Pugh points for one laboratory value: 1 inside the first bound, 2 up to the second, 3 beyond. */
function points(value: number, first: number, second: number, rising: boolean): number {
  if (rising) return value < first ? 1 : value <= second ? 2 : 3;
  return value > first ? 1 : value >= second ? 2 : 3;
}

/**
 * Child-Pugh score (5–15): bilirubin < 2 | 2–3 | > 3 mg/dL, albumin > 35 | 28–35 | < 28 g/L,
 * INR < 1.7 | 1.7–2.3 | > 2.3, plus the ascites and encephalopathy points (1 = none).
 */
export function childPughScore(
  bilirubin: number,
  albuminGL: number,
  inr: number,
  ascitesPoints: number,
  encephalopathyPoints: number,
): number {
  return (
    points(bilirubin, 2, 3, true) +
    points(albuminGL, 35, 28, false) +
    points(inr, 1.7, 2.3, true) +
    ascitesPoints +
    encephalopathyPoints
  );
}

/** Child-Pugh class as a number for the CSV: 1 = A (5–6 points), 2 = B (7–9), 3 = C (≥ 10). */
export function childPughClass(score: number): number {
  return score <= 6 ? 1 : score <= 9 ? 2 : 3;
}

export interface ClinicalInputs {
  cpaPercent: number;
  /** Functional hepatocyte mass / healthy (1 = healthy). */
  massFraction: number;
  deathsPerDay: number;
  /** Hepatocyte deaths a day the healthy tissue of the run would have: healthy count / lifespan. */
  healthyDeathsPerDay: number;
}

export interface ClinicalReadouts {
  alt_u_per_l: number;
  albumin_g_per_l: number;
  bilirubin_mg_per_dl: number;
  inr: number;
  hvpg_mmhg: number;
  liver_stiffness_kpa: number;
  meld_score: number;
  child_pugh_score: number;
  child_pugh_class: number;
}

export function clinicalReadouts(x: ClinicalInputs, c: ClinicalConstants): ClinicalReadouts {
  const albumin = albuminGPerL(x.massFraction, c);
  const bilirubin = bilirubinMgPerDl(x.massFraction, c);
  const inr = inrOf(x.massFraction, c);
  const hvpg = hvpgMmHg(x.cpaPercent, c);
  const score = childPughScore(bilirubin, albumin, inr, c.ascitesPoints, c.encephalopathyPoints);
  return {
    alt_u_per_l: altUPerL(x.deathsPerDay, x.healthyDeathsPerDay, c),
    albumin_g_per_l: albumin,
    bilirubin_mg_per_dl: bilirubin,
    inr,
    hvpg_mmhg: hvpg,
    liver_stiffness_kpa: liverStiffnessKpa(hvpg, x.cpaPercent, c),
    meld_score: meldScore(bilirubin, inr, c.creatinine),
    child_pugh_score: score,
    child_pugh_class: childPughClass(score),
  };
}

/** The read-out list's entries for these columns (readouts.ts), with each mapping's equation and anchors for docs/outputs.md. */
export const CLINICAL_READOUTS = [
  {
    key: "alt_u_per_l",
    unit: "U/L",
    doc: "Serum ALT proxy from hepatocyte deaths over the last day.",
    equation: "ALT = `clinical.alt_healthy` × deaths per day ÷ (healthy hepatocytes ÷ hepatocyte lifespan)",
    anchors:
      "The healthy turnover (hepatocytes ÷ `hepatocyte.lifespan` on the run's species clock) reads `clinical.alt_healthy` (assumed, of the order of the healthy upper limits of Prati 2002). Steady state of first-order clearance: the level is release × t½ / ln 2, so with a fixed t½ (ALT ≈ 47 h, Dufour 2000, Clin Chem 46:2027–2049, as quoted by secondary sources; 34.6 h from the decline of ALT in 91,086 patients, Sherman 2022, medRxiv doi:10.1101/2022.09.14.22279084) it scales with the death rate. The one-day window ignores the ≈ 2-day lag of the serum level and is noisy on a small lattice (a few deaths a day).",
  },
  {
    key: "albumin_g_per_l",
    unit: "g/L",
    doc: "Serum albumin proxy: a power of the functional hepatocyte mass.",
    equation:
      "albumin = `clinical.albumin_healthy` × M^`clinical.albumin_mass_exponent`, M = max(`hepatocyte_mass_percent` / 100, 0.01)",
    anchors:
      "M = 1 reads the assumed healthy value (42 g/L). The exponent (0.534) makes the model's compensated cirrhosis (early-cirrhosis-untreated, day 0: M = 0.688, mean of seeds 1–3 at 96²) read the mean albumin of 138 outpatients with stable cirrhosis, 34.4 ± 4.6 g/L (Correa 2016, World J Hepatol, doi:10.4254/wjh.v8.i17.739; dataset `correa-2016-stable-cirrhosis-labs`). No dilution by ascites; albumin's ≈ 3-week half-life lag is ignored.",
  },
  {
    key: "bilirubin_mg_per_dl",
    unit: "mg/dL",
    doc: "Serum bilirubin proxy: rises as a power of 1 / functional hepatocyte mass.",
    equation: "bilirubin = `clinical.bilirubin_healthy` × M^(−`clinical.bilirubin_mass_exponent`)",
    anchors:
      "M = 1 reads the assumed healthy value (0.6 mg/dL). The exponent (1.368) makes M = 0.688 read the median of the same stable cohort, 1.00 mg/dL (Correa 2016). No cholestasis, no haemolysis.",
  },
  {
    key: "inr",
    unit: "ratio",
    doc: "INR proxy: rises as a power of 1 / functional hepatocyte mass.",
    equation: "INR = `clinical.inr_healthy` × M^(−`clinical.inr_mass_exponent`)",
    anchors:
      "M = 1 reads 1.0, the INR of normal plasma by definition. The exponent (0.488) makes M = 0.688 read the median of the same stable cohort, 1.20 (Correa 2016). No measured INR–mass curve was found: one point sets the exponent.",
  },
  {
    key: "hvpg_mmhg",
    unit: "mmHg",
    doc: "Hepatic venous pressure gradient proxy: linear in CPA.",
    equation: "HVPG = `clinical.hvpg_at_zero_cpa` + `clinical.hvpg_per_cpa` × CPA",
    anchors:
      "Calvaruso 2009 (Hepatology, doi:10.1002/hep.22745; 38 patients with repeated biopsies): CPA rose by 3.6 points (50 %) while HVPG rose by 1 mmHg (20 %), so a mean of 7.2 % CPA at 5 mmHg and 1 mmHg per 3.6 CPA points (our arithmetic); the line through them meets CPA 0 at 3.0 mmHg. Dataset `calvaruso-2009-cpa-hvpg`. Bridging septa and sinusoid capillarisation are not used: no data separating their share of the pressure were found. The line underestimates the HVPG of cirrhosis (CPA 17.3 % reads 7.8 mmHg, where Calvaruso's patients with HVPG ≥ 10 mmHg had a median CPA of 17.3 %).",
  },
  {
    key: "liver_stiffness_kpa",
    unit: "kPa",
    doc: "Liver stiffness proxy from HVPG and CPA (shear-wave elastography regression).",
    equation:
      "stiffness = `clinical.stiffness_intercept` + `clinical.stiffness_per_hvpg` × HVPG + `clinical.stiffness_per_cpa` × CPA",
    anchors:
      "Lunova 2021 (Physiol Res, doi:10.33549/physiolres.934626; 81 transplant candidates, 2-D shear-wave elastography, CPA on the explant): LS = 2.48 + 1.29 × HVPG + 0.26 × CPA. Dataset `lunova-2021-stiffness-hvpg-cpa`. Fitted on advanced cirrhosis: it overestimates healthy stiffness (compare `fung-2013-healthy-liver-stiffness`, 4.1 ± 0.89 kPa by transient elastography).",
  },
  {
    key: "meld_score",
    unit: "points",
    doc: "MELD (original UNOS formula) from the bilirubin and INR proxies; creatinine held at `clinical.creatinine`.",
    equation:
      "MELD = 3.78 ln(bilirubin) + 11.2 ln(INR) + 9.57 ln(creatinine) + 6.43, values floored at 1.0, creatinine capped at 4.0; not rounded",
    anchors:
      "The original UNOS MELD (Kamath 2001, Hepatology 33:464–470; UNOS floors and cap). Kidney function is not modelled: creatinine is an assumed constant (1.0 mg/dL adds 0).",
  },
  {
    key: "child_pugh_score",
    unit: "points (5–15)",
    doc: "Child-Pugh score from the bilirubin, albumin and INR proxies; ascites and encephalopathy held at `clinical.ascites_points` and `clinical.encephalopathy_points`.",
    equation:
      "points for bilirubin < 2 | 2–3 | > 3 mg/dL, albumin > 35 | 28–35 | < 28 g/L, INR < 1.7 | 1.7–2.3 | > 2.3, each 1 | 2 | 3, + ascites + encephalopathy points",
    anchors:
      "Pugh 1973 (Br J Surg, doi:10.1002/bjs.1800600817) with the INR bands in common use. Ascites and encephalopathy are not modelled: both are held at 1 point ('none', assumed); ascites arises with clinically significant portal hypertension (HVPG ≥ 10 mmHg, Baveno VII) but not in every patient who has it, so it is not derived from the HVPG proxy.",
  },
  {
    key: "child_pugh_class",
    unit: "1 = A, 2 = B, 3 = C",
    doc: "Child-Pugh class from the score: A 5–6, B 7–9, C ≥ 10.",
    equation: "A (1) if score ≤ 6, B (2) if ≤ 9, else C (3)",
    anchors: "Pugh 1973.",
  },
] as const;
