/**
 * Clinical read-outs (metrics/clinical.ts): MELD and Child-Pugh against worked examples computed by
 * hand from their published definitions; each mapping monotone in the right direction and equal to the
 * data it was anchored on; and a small run whose timeseries.csv carries the columns with finite,
 * plausible values.
 */
import { describe, expect, it } from "vitest";
import {
  albuminGPerL,
  altUPerL,
  bilirubinMgPerDl,
  CLINICAL_READOUTS,
  childPughClass,
  childPughScore,
  clinicalConstants,
  hvpgMmHg,
  inrOf,
  liverStiffnessKpa,
  meldScore,
} from "../../src/model/metrics/clinical";
import { compileParams } from "../../src/model/params/compiled";
import { presetLookup } from "../../src/model/params/presets";
import { baseScenario, resolveScenario } from "../../src/model/params/scenario";
import { createSimulation } from "../../src/model/simulation";
import { parseCsv } from "../../src/study/csv";
import { timeseriesCsv } from "../../src/study/tables";

const c = clinicalConstants(compileParams(baseScenario()));

describe("MELD (UNOS: 3.78 ln bilirubin + 11.2 ln INR + 9.57 ln creatinine + 6.43)", () => {
  it("matches worked examples", () => {
    // bilirubin 2.0, INR 1.5, creatinine 1.2:
    // 3.78 × 0.693147 = 2.620096; 11.2 × 0.405465 = 4.541210; 9.57 × 0.182322 = 1.744819; + 6.43 = 15.3361 → 15.
    expect(meldScore(2, 1.5, 1.2)).toBeCloseTo(15.3361, 3);
    expect(Math.round(meldScore(2, 1.5, 1.2))).toBe(15);
    // Values below 1.0 are raised to 1.0: every log is 0, MELD = 6.43.
    expect(meldScore(0.5, 0.9, 0.6)).toBeCloseTo(6.43, 10);
    // Creatinine above 4.0 is capped at 4.0: 9.57 × ln 4 = 9.57 × 1.386294 = 13.266836; + 6.43 = 19.6968.
    expect(meldScore(1, 1, 6)).toBeCloseTo(19.6968, 3);
    expect(meldScore(1, 1, 6)).toBe(meldScore(1, 1, 4));
    // bilirubin 5.0, INR 2.5, creatinine 2.0 (the ×10 form: 10 × (0.378 ln 5 + 1.12 ln 2.5 + 0.957 ln 2 + 0.643)):
    // 0.378 × 1.609438 = 0.608368; 1.12 × 0.916291 = 1.026246; 0.957 × 0.693147 = 0.663342; sum + 0.643 = 2.940956 → 29.41.
    expect(meldScore(5, 2.5, 2)).toBeCloseTo(29.4096, 3);
  });
});

describe("Child-Pugh (bilirubin < 2 | 2–3 | > 3 mg/dL; albumin > 35 | 28–35 | < 28 g/L; INR < 1.7 | 1.7–2.3 | > 2.3)", () => {
  it("matches worked examples and class bands", () => {
    // 1 + 1 + 1 + ascites 1 + encephalopathy 1 = 5 → A
    expect(childPughScore(1.5, 38, 1.2, 1, 1)).toBe(5);
    // bilirubin 2.5 → 2, albumin 30 → 2, INR 1.9 → 2, slight ascites 2, no encephalopathy 1 = 9 → B
    expect(childPughScore(2.5, 30, 1.9, 2, 1)).toBe(9);
    // 3 + 3 + 3 + moderate ascites 3 + grade 1–2 encephalopathy 2 = 14 → C
    expect(childPughScore(3.5, 25, 2.5, 3, 2)).toBe(14);
    // The band edges belong to the middle band: bilirubin 2.0 and 3.0, albumin 35 and 28, INR 1.7 and 2.3 each score 2.
    expect(childPughScore(2, 36, 1, 1, 1)).toBe(6);
    expect(childPughScore(3, 36, 1, 1, 1)).toBe(6);
    expect(childPughScore(1, 35, 1, 1, 1)).toBe(6);
    expect(childPughScore(1, 28, 1, 1, 1)).toBe(6);
    expect(childPughScore(1, 36, 1.7, 1, 1)).toBe(6);
    expect(childPughScore(1, 36, 2.3, 1, 1)).toBe(6);
    expect(childPughScore(1, 27.9, 2.31, 1, 1)).toBe(9);
    expect([5, 6, 7, 9, 10, 15].map(childPughClass)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe("mappings: direction and anchors", () => {
  const masses = [0.2, 0.4, 0.6, 0.8, 1, 1.1];
  const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);
  const decreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x < xs[i - 1]!);

  it("labs worsen as functional mass falls; MELD rises", () => {
    expect(increasing(masses.map((m) => albuminGPerL(m, c)))).toBe(true);
    expect(decreasing(masses.map((m) => bilirubinMgPerDl(m, c)))).toBe(true);
    expect(decreasing(masses.map((m) => inrOf(m, c)))).toBe(true);
    const meld = (m: number) => meldScore(bilirubinMgPerDl(m, c), inrOf(m, c), c.creatinine);
    expect(decreasing([0.2, 0.4, 0.6, 0.8].map(meld))).toBe(true);
    // At and above the healthy mass the labs sit at MELD's floors.
    expect(meld(1)).toBeCloseTo(6.43, 10);
    expect(meld(1.1)).toBeCloseTo(6.43, 10);
  });

  it("HVPG and stiffness rise with CPA; ALT with hepatocyte deaths", () => {
    const cpas = [0, 2, 6, 10, 15, 25, 40];
    expect(increasing(cpas.map((x) => hvpgMmHg(x, c)))).toBe(true);
    expect(increasing(cpas.map((x) => liverStiffnessKpa(hvpgMmHg(x, c), x, c)))).toBe(true);
    expect(increasing([0, 1, 5, 50].map((d) => altUPerL(d, 10, c)))).toBe(true);
  });

  it("healthy tissue reads the healthy values", () => {
    expect(albuminGPerL(1, c)).toBe(c.albuminHealthy);
    expect(bilirubinMgPerDl(1, c)).toBe(c.bilirubinHealthy);
    expect(inrOf(1, c)).toBe(1);
    expect(altUPerL(10, 10, c)).toBe(c.altHealthy);
  });

  it("the model's compensated-cirrhosis mass reads the stable cohort of Correa 2016 (albumin 34.4 g/L, bilirubin 1.00 mg/dL, INR 1.20)", () => {
    const m = 0.688; // early-cirrhosis-untreated, day 0, seeds 1–3 at 96² (registry sources)
    expect(albuminGPerL(m, c)).toBeCloseTo(34.4, 1);
    expect(bilirubinMgPerDl(m, c)).toBeCloseTo(1.0, 2);
    expect(inrOf(m, c)).toBeCloseTo(1.2, 2);
  });

  it("HVPG passes through Calvaruso 2009's repeated-biopsy anchors: 5 mmHg at 7.2 % CPA, +1 mmHg per +3.6 points", () => {
    expect(hvpgMmHg(7.2, c)).toBeCloseTo(5, 1);
    expect(hvpgMmHg(10.8, c) - hvpgMmHg(7.2, c)).toBeCloseTo(1, 2);
  });

  it("stiffness is Lunova 2021's regression: HVPG 15 mmHg and CPA 20 % read 2.48 + 19.35 + 5.2 = 27.03 kPa", () => {
    expect(liverStiffnessKpa(15, 20, c)).toBeCloseTo(27.03, 6);
  });
});

describe("a small run", () => {
  it("timeseries.csv has the clinical columns, finite and in plausible ranges", () => {
    const scenario = resolveScenario(
      { preset: "early-cirrhosis-untreated", seed: 1, days: 5, lattice: { width: 64, height: 64 } },
      presetLookup,
    );
    const sim = createSimulation(scenario);
    while (!sim.done()) sim.step(24);
    const { header, rows } = parseCsv(timeseriesCsv(sim.history()));
    const col = (key: string) => rows.map((r) => Number(r[header.indexOf(key)]));
    for (const { key } of CLINICAL_READOUTS) {
      expect(header).toContain(key);
      for (const v of col(key)) expect(Number.isFinite(v), key).toBe(true);
    }
    const within = (key: string, lo: number, hi: number) => {
      const vs = col(key);
      expect(Math.min(...vs), key).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...vs), key).toBeLessThanOrEqual(hi);
    };
    within("albumin_g_per_l", 20, 45);
    within("bilirubin_mg_per_dl", 0.5, 3);
    within("inr", 1, 2);
    within("hvpg_mmhg", 5, 12);
    within("liver_stiffness_kpa", 8, 30);
    within("meld_score", 6.43, 20);
    within("child_pugh_score", 5, 9);
    within("child_pugh_class", 1, 2);
    within("alt_u_per_l", 0, 2000);
    // ALT has a death window from day 1 on; a cirrhotic liver under continuing injury loses hepatocytes.
    expect(Math.max(...col("alt_u_per_l").slice(1))).toBeGreaterThan(0);
  });
});
