/**
 * The systemic blood compartment is a mass balance of measured inputs (src/model/therapy/blood.ts):
 * the plasma increment for a known pool equals the hand computation from the registry's declared
 * values and units, it is linear in the pool, zero MSCs change nothing, and the tissue law holds a
 * perfused sinusoid site b above its endogenous level when diffusion is left out.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../../src/model/simulation";
import { computeCombos, sourceScratch, sourceSinkFast, sourceSinkMsc } from "../../src/model/fields/secretion";
import { BLOOD_FIELD } from "../../src/model/fields/source-sink-law";
import { Vessel } from "../../src/model/lattice/codes";
import { compileParams } from "../../src/model/params/compiled";
import { presetLookup } from "../../src/model/params/presets";
import { PARAM_BY_KEY } from "../../src/model/params/registry";
import { resolveScenario } from "../../src/model/params/scenario";
import type { Blood } from "../../src/model/sim-state";
import { bloodLevels, plasmaIncrements, plasmaRatios, SYSTEMIC_FACTORS } from "../../src/model/therapy/blood";
import { convertDose } from "../../src/model/therapy/delivery";

const declared = (key: string) => PARAM_BY_KEY.get(key)!.default;
const iv = resolveScenario({ preset: "early-cirrhosis-bm-msc-iv" }, presetLookup);
const p = compileParams(iv);
const HGF = SYSTEMIC_FACTORS.findIndex((f) => f.key === "hgf");
const VEGF = SYSTEMIC_FACTORS.findIndex((f) => f.key === "vegf");

describe("systemic blood compartment", () => {
  it("gives the hand-computed plasma increment for the clinical IV dose", () => {
    const dose = convertDose(iv, p, iv.therapy.infusions[0]!);
    // 10⁶ cells/kg × 70 kg, 3 % to the liver: 6.79 × 10⁷ cells outside it.
    expect(dose.systemicCells).toBeCloseTo(6.79e7, -3);
    const byHand = (f: string, halfLifeMinutes: number) => {
      const perDay = (declared(`blood.${f}.msc_secretion`) / 1e6) * dose.systemicCells; // pg/day
      const residenceDays = halfLifeMinutes / Math.LN2 / (24 * 60);
      return (perDay * residenceDays) / (declared(`blood.${f}.volume`) * 70); // pg/mL
    };
    const hgf = byHand("hgf", declared("blood.hgf.half_life"));
    const vegf = byHand("vegf", declared("blood.vegf.half_life"));
    const inc = plasmaIncrements(iv, p, [dose.systemicCells]);
    const ratio = plasmaRatios(iv, p, [dose.systemicCells]);
    console.log(
      `IV 10⁶/kg: plasma HGF +${inc[HGF]!.toPrecision(3)} pg/mL (×${ratio[HGF]!.toPrecision(3)} of endogenous), ` +
        `VEGF +${inc[VEGF]!.toPrecision(3)} pg/mL (×${ratio[VEGF]!.toPrecision(3)})`,
    );
    expect(inc[HGF]).toBeCloseTo(hgf, 12);
    expect(inc[VEGF]).toBeCloseTo(vegf, 12);
    expect(ratio[HGF]).toBeCloseTo(hgf / declared("blood.hgf.plasma_level"), 12);
    // The numbers themselves: ≈ 1.19 pg/mL HGF, about a thousandth of the cirrhotic plasma level.
    expect(inc[HGF]).toBeGreaterThan(1.1);
    expect(inc[HGF]).toBeLessThan(1.3);
  });

  it("is linear in the pool: twice the cells, twice the increment; none, none", () => {
    const one = plasmaIncrements(iv, p, [1e7]);
    const two = plasmaIncrements(iv, p, [2e7]);
    for (let j = 0; j < one.length; j++) expect(two[j]).toBeCloseTo(2 * one[j]!, 12);
    expect(plasmaIncrements(iv, p, [0]).every((x) => x === 0)).toBe(true);
    expect(bloodLevels(iv, p, [0], [1, 1, 1, 1]).every((x) => x === 0)).toBe(true);
  });

  it("doubles with the dose through the schedule: blood levels on day 0 of 2 × 10⁶ vs 10⁶ cells/kg", () => {
    const levels = (dose: number) => {
      const s = resolveScenario(
        {
          preset: "healthy",
          seed: 2,
          days: 1,
          lattice: { width: 32, height: 32 },
          therapy: { infusions: [{ day: 0, source: "bone-marrow", route: "intravenous", dose_cells_per_kg: dose }] },
        },
        presetLookup,
      );
      const sim = createSimulation(s);
      sim.step(1);
      return sim.state.blood;
    };
    const a = levels(1e6);
    const b = levels(2e6);
    expect(a[0]).toBeGreaterThan(0);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(2 * a[i]!, 12);
  });

  it("leaves every field as it is with no MSCs, and holds a lone perfused sinusoid b above its level", () => {
    const s = resolveScenario(
      { preset: "healthy", seed: 3, days: 1, lattice: { width: 32, height: 32 } },
      presetLookup,
    );
    const sim = createSimulation(s);
    const st = sim.state;
    const t = st.tissue;
    const { tables } = st.derived;
    const { fast } = st.derived.fieldStages[0]!;
    /** A source pass as a point-wise implicit step in place: the pass writes (c + Δt·P)/(1 + Δt·L) − c into d = c. */
    const inPlace = (f: number, pass: (d: Float32Array) => void) => {
      const c = t.fields[f]!;
      const d = c.slice();
      pass(d);
      for (let k = 0; k < c.length; k++) c[k] = c[k]! + d[k]!;
    };
    const combo = st.derived.scratch.combo;
    computeCombos(t, combo, 0, t.height);
    const ref = st.baseline.bloodReference;
    expect(ref[0]).toBeGreaterThan(0); // endogenous HGF at perfused sinusoids
    const none = bloodLevels(s, st.derived.p, [0], ref);
    for (const f of BLOOD_FIELD) {
      const dt = st.derived.fieldDts[f]!;
      const before = t.fields[f]!.slice();
      inPlace(f, (d) => sourceSinkFast(t, d, f, tables, fast, combo, dt, 0, t.height, false, sourceScratch()));
      const endogenous = t.fields[f]!.slice();
      t.fields[f]!.set(before);
      inPlace(f, (d) => sourceSinkMsc(t, d, f, tables, [], none, combo, dt, 0, t.height, sourceScratch()));
      expect(t.fields[f]!).toEqual(endogenous);
      t.fields[f]!.set(before);
    }
    // Source steps and decay without diffusion relax each site to its own steady state: with blood
    // level b every perfused sinusoid site ends b higher, every other site where it was.
    const f = BLOOD_FIELD[0]!;
    const dt = st.derived.fieldDts[f]!;
    const decay = 1 / (1 + dt * tables.decay[f]!);
    const b = 0.01;
    const blood: Blood = [b, 0, 0, 0, 0];
    const relax = (levels: Blood) => {
      const saved = t.fields[f]!.slice();
      const c = t.fields[f]!;
      for (let i = 0; i < 4000; i++) {
        inPlace(f, (d) => sourceSinkMsc(t, d, f, tables, [], levels, combo, dt, 0, t.height, sourceScratch()));
        for (let k = 0; k < c.length; k++) c[k] = c[k]! * decay;
      }
      const out = c.slice();
      c.set(saved);
      return out;
    };
    const withBlood = relax(blood);
    const without = relax([0, 0, 0, 0, 0]);
    let sinusoids = 0;
    for (let k = 0; k < t.size; k++) {
      const fk = st.fieldSet.index(k);
      const d = withBlood[fk]! - without[fk]!;
      if (t.vessel[k] === Vessel.sinusoid) {
        sinusoids++;
        // b·(λ + L) / (λ + L + Δt·λ·L): b to within the splitting of source and decay (< 2 %).
        expect(Math.abs(d - b)).toBeLessThan(0.02 * b);
      } else expect(d).toBe(0);
    }
    expect(sinusoids).toBeGreaterThan(50);
  });
});
