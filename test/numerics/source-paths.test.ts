/**
 * The fast source/sink passes (combo tables; MSC sites and blood exchange folded in per step) agree
 * with the general per-site path, field by field, to float32 rounding.
 */
import { describe, expect, it } from "vitest";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { FIELD_COUNT } from "../../src/model/fields/registry";
import {
  computeCombos,
  needsGeneralPath,
  sourceScratch,
  sourceSinkFast,
  sourceSinkMsc,
} from "../../src/model/fields/secretion";
import { Cell } from "../../src/model/lattice/codes";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { sourceSinkRows } from "./source-sink-reference";

const sim = createSimulation(
  resolveScenario(
    {
      preset: "early-cirrhosis-bm-msc-portal-vein",
      lattice: { width: 48, height: 48 },
      days: 6,
      seed: 3,
      disease: { stage: "F1" },
      therapy: { infusions: [{ day: 1, source: "bone-marrow", route: "portal-vein", dose_cells_per_kg: 1e6 }] },
    },
    presetLookup,
  ),
);
sim.step(3 * sim.state.derived.stepsPerDay);
const st = sim.state;
const t = st.tissue;
const { tables } = st.derived;
const { fast } = st.derived.fieldStages[0]!;
const combo = st.derived.scratch.combo;
computeCombos(t, combo, 0, t.height);

function maxRelativeGap(a: Float32Array, b: Float32Array): number {
  let gap = 0;
  for (let k = 0; k < a.length; k++) gap = Math.max(gap, Math.abs(a[k]! - b[k]!) / Math.max(1e-12, Math.abs(a[k]!)));
  return gap;
}

/** Runs `pass` on field f and returns the result, leaving the state as it was. */
function applied(f: number, pass: () => void): Float32Array {
  const saved = t.fields[f]!.slice();
  pass();
  const out = t.fields[f]!.slice();
  t.fields[f]!.set(saved);
  return out;
}

/**
 * Runs an engine pass on field f with d = c, so that it writes (c + Δt·P)/(1 + Δt·L) − c
 * (field-step.ts), and returns c + d: the point-wise implicit update the reference computes.
 */
function appliedDelta(f: number, pass: (d: Float32Array) => void): Float32Array {
  const c = t.fields[f]!;
  const d = c.slice();
  pass(d);
  return d.map((v, k) => v + c[k]!);
}

describe("source/sink fast paths", () => {
  it("the test state has MSCs and blood-borne factor", () => {
    let mscs = 0;
    for (let k = 0; k < t.cell.length; k++) if (t.cell[k] === Cell.msc) mscs++;
    console.log(`MSC sites ${mscs}; blood levels ${st.blood.map((b) => b.toExponential(2)).join(", ")}`);
    expect(mscs).toBeGreaterThan(0);
    expect(Math.max(...st.blood)).toBeGreaterThan(0);
  });

  it("MSC-aware pass = general pass for every MSC-derived factor", () => {
    let checked = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (!needsGeneralPath(f, true, st.blood)) continue;
      const dt = st.derived.fieldDts[f]!;
      const general = applied(f, () => sourceSinkRows(t, f, tables, st.mscProfiles, st.blood, dt, 0, t.height));
      const msc = appliedDelta(f, (d) =>
        sourceSinkMsc(t, d, f, tables, st.mscProfiles, st.blood, combo, dt, 0, t.height, sourceScratch()),
      );
      const unchanged = maxRelativeGap(general, t.fields[f]!);
      expect(unchanged).toBeGreaterThan(1e-4); // the pass does change the field
      expect(maxRelativeGap(general, msc)).toBeLessThan(1e-6);
      checked++;
    }
    expect(checked).toBe(4);
  });

  it("combo-table pass = general pass when no MSC acts", () => {
    const none = st.blood.map(() => 0);
    // Without MSCs on the lattice: the same tissue with its MSC sites emptied.
    const saved = { cell: t.cell.slice(), state: t.state.slice() };
    for (let k = 0; k < t.cell.length; k++) if (t.cell[k] === Cell.msc) t.cell[k] = t.state[k] = 0;
    computeCombos(t, combo, 0, t.height);
    for (let f = 0; f < FIELD_COUNT; f++) {
      expect(needsGeneralPath(f, false, none)).toBe(false);
      const dt = st.derived.fieldDts[f]!;
      const general = applied(f, () => sourceSinkRows(t, f, tables, [], none, dt, 0, t.height));
      const quick = appliedDelta(f, (d) =>
        sourceSinkFast(t, d, f, tables, fast, combo, dt, 0, t.height, false, sourceScratch()),
      );
      expect(maxRelativeGap(general, quick)).toBeLessThan(1e-6);
    }
    t.cell.set(saved.cell);
    t.state.set(saved.state);
    computeCombos(t, combo, 0, t.height);
  });
});
