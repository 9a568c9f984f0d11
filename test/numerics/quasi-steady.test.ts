/**
 * The quasi-steady check (docs/model.md, "Quasi-steady fields"): one implicit field step per hour against 10 sub-steps.
 * (1) Whole engine: chronic-injury-f1 on 64², both runs from the same generated tissue (a snapshot),
 *     3 days; field means compared. Cell outcomes diverge once fields differ, so this is a report.
 * (2) Frozen tissue: fields alone iterated to their fixed point with 1, 10 and 40 sub-steps, which
 *     isolates the splitting error of the field phase (source/sink, then LOD diffusion–decay).
 * Bound: the field phase caps (decay + uptake) × field step at simulation.field_rate_cap (0.5); the
 * fixed point of a first-order splitting is off by O(that product), so a mean may differ by up to
 * about the cap itself. A larger difference means something other than the splitting is wrong.
 */
import { describe, expect, it } from "vitest";
import { buildDerived } from "../../src/model/derived";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { plainFieldSet } from "../../src/model/fields/field-set";
import { FIELDS } from "../../src/model/fields/registry";
import { buildFastTables, buildSecretionTables } from "../../src/model/fields/secretion";
import { updateFields } from "../../src/model/fields/update";
import { cloneTissue } from "../../src/model/lattice/state";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import type { Scenario } from "../../src/model/params/scenario-schema";
import type { SimState } from "../../src/model/sim-state";
import { restoreSnapshot, takeSnapshot } from "../../src/model/snapshot";
import { total } from "./fill";

const SUBSTEPS = "simulation.field_substeps";
const RATE_CAP = "simulation.field_rate_cap";
/** Below this mean (a.u.) a field is absent from the scenario and its relative difference means nothing. */
const PRESENT = 1e-6;

function fieldMeans(s: SimState): number[] {
  return s.tissue.fields.map((f) => total(f) / f.length);
}

function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

function withSubsteps(s: Scenario, n: number): Scenario {
  const out = structuredClone(s);
  out.parameters[SUBSTEPS] = n;
  return out;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

describe("quasi-steady fields: 1 vs 10 sub-steps", () => {
  const scenario = resolveScenario(
    { preset: "chronic-injury-f1", lattice: { width: 64, height: 64 }, days: 7 },
    presetLookup,
  );
  const cap = scenario.parameters[RATE_CAP]!;

  it("whole engine, 3 days from the same tissue: every present field mean within the rate cap", () => {
    const one = createSimulation(scenario);
    const snap = takeSnapshot(one);
    snap.meta.scenario = withSubsteps(snap.meta.scenario, 10);
    const ten = restoreSnapshot(snap);
    expect(ten.state.derived.substeps).toBe(10);
    one.step(72);
    ten.step(72);
    const a = fieldMeans(one.state);
    const b = fieldMeans(ten.state);
    const lines = FIELDS.map(
      (f, i) =>
        `${f.key}: ${a[i]!.toExponential(3)} vs ${b[i]!.toExponential(3)} (${Math.max(a[i]!, b[i]!) < PRESENT ? "absent" : pct(relDiff(a[i]!, b[i]!))})`,
    );
    console.log(
      `quasi-steady, engine, chronic-injury-f1 64², day 3, mean a.u. with 1 vs 10 sub-steps:\n  ${lines.join("\n  ")}`,
    );
    FIELDS.forEach((_, i) => {
      expect(Number.isFinite(a[i]!) && Number.isFinite(b[i]!)).toBe(true);
      if (Math.max(a[i]!, b[i]!) >= PRESENT) expect(relDiff(a[i]!, b[i]!)).toBeLessThanOrEqual(cap);
    });
  });

  it("frozen tissue: the fixed point converges as sub-steps increase", () => {
    const base = createSimulation(scenario);
    base.step(24);
    /** Iterations of the field phase alone: ≥ 20 h of pseudo-time for every field (slowest relaxation ≈ 2 h). */
    const fixedPoint = (substeps: number, iterations: number) => {
      const derived = buildDerived(withSubsteps(scenario, substeps));
      const tissue = cloneTissue(base.state.tissue);
      const state: SimState = {
        ...base.state,
        tissue,
        fieldSet: plainFieldSet(tissue.fields, tissue.width, tissue.height),
        derived,
      };
      const tables = buildSecretionTables(derived.p);
      const fast = buildFastTables(tables, derived.fieldDts);
      for (let k = 0; k < iterations; k++) updateFields(state, tables, fast);
      return fieldMeans(state);
    };
    const m1 = fixedPoint(1, 120);
    const m10 = fixedPoint(10, 30);
    const m40 = fixedPoint(40, 25);
    const lines = FIELDS.map((f, i) =>
      Math.max(m1[i]!, m40[i]!) < PRESENT
        ? `${f.key}: absent`
        : `${f.key}: 1 sub-step ${pct(relDiff(m1[i]!, m40[i]!))}, 10 sub-steps ${pct(relDiff(m10[i]!, m40[i]!))} from 40 sub-steps`,
    );
    console.log(`quasi-steady, frozen F1 tissue 64², fixed-point field means:\n  ${lines.join("\n  ")}`);
    FIELDS.forEach((_, i) => {
      if (Math.max(m1[i]!, m40[i]!) < PRESENT) return;
      expect(relDiff(m1[i]!, m40[i]!)).toBeLessThanOrEqual(cap);
      expect(relDiff(m10[i]!, m40[i]!)).toBeLessThanOrEqual(relDiff(m1[i]!, m40[i]!) + 1e-3);
      expect(relDiff(m10[i]!, m40[i]!)).toBeLessThanOrEqual(cap / 2);
    });
  });
});
