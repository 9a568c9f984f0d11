/**
 * The field phase: `substeps` pseudo-time steps of every field towards the quasi-steady state of
 * the current cells (field-step.ts: explicit residual, source/sink, implicit line solves, add).
 * Cytokines and oxygen relax in minutes while cells change over hours, so what the cells see is that
 * steady state; a field whose (decay + uptake) × step would exceed the rate cap takes a shorter
 * pseudo-time step, which sets how fast it gets there, not where it ends.
 */
import type { SimState } from "../sim-state";
import { INCREMENT_SLOTS } from "./field-set";
import { explicitRows } from "./field-step";
import { FIELD_COUNT } from "./registry";
import type { SecretionTables } from "./secretion";
import { computeCombos, needsGeneralPath, sourceSinkFast, sourceSinkMsc } from "./secretion";

/** Increment slot of field f in sub-step s: consecutive field steps alternate (FieldSet.increments). */
export function incrementSlot(s: number, f: number): number {
  return (s * FIELD_COUNT + f) % INCREMENT_SLOTS;
}

/**
 * The residual δ₀ of field f over rows [y0, y1) into increment `slot` with stage j of the cycle
 * (combos must be current); the last sub-step of a field phase clears what is released once.
 */
export function fieldSources(
  sim: SimState,
  tables: SecretionTables,
  f: number,
  slot: number,
  j: number,
  lastSubstep: boolean,
  y0: number,
  y1: number,
): void {
  const t = sim.tissue;
  const d = sim.fieldSet.increments[slot]!;
  const { dts, operators, fast } = sim.derived.fieldStages[j]!;
  const dt = dts[f]!;
  explicitRows(t.fields[f]!, d, operators[f]!, t.pitch, y0, y1);
  if (needsGeneralPath(f, sim.counters.mscDeliveredSimulated > 0, sim.blood))
    sourceSinkMsc(
      t,
      d,
      f,
      tables,
      sim.mscProfiles,
      sim.blood,
      sim.derived.scratch.combo,
      dt,
      y0,
      y1,
      sim.fieldSet.sources,
    );
  else sourceSinkFast(t, d, f, tables, fast, sim.derived.scratch.combo, dt, y0, y1, lastSubstep, sim.fieldSet.sources);
}

/** Field f's step after its residual: the line solves of increment `slot` (stage j), then the field plus it. */
export function relaxField(sim: SimState, f: number, slot: number, j: number): void {
  const op = sim.derived.fieldStages[j]!.operators[f]!;
  sim.fieldSet.relaxRows(slot, op, 0, op.height);
  sim.fieldSet.relaxColumns(f, slot, op, 0, op.width);
}

/**
 * The whole field phase on one thread (the parallel executor runs the same passes by strips).
 * `offset` moves the cycle on where the clock does not (warm-up, tests iterating fields alone).
 */
export function updateFields(sim: SimState, tables: SecretionTables, offset = 0): void {
  const { substeps } = sim.derived;
  const t = sim.tissue;
  computeCombos(t, sim.derived.scratch.combo, 0, t.height);
  for (let s = 0; s < substeps; s++) {
    const j = cycleIndex(sim, s, offset);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const slot = incrementSlot(s, f);
      fieldSources(sim, tables, f, slot, j, s === substeps - 1, 0, t.height);
      relaxField(sim, f, slot, j);
    }
  }
}

/**
 * A field's cycle of pseudo-time steps (h), largest first: from the sub-step capped so that
 * (decay + uptake) × step ≤ rateCap, down geometrically to 1/(largest eigenvalue of the discrete
 * operator), loss + 8·D/Δx². One step damps well only the modes whose rate is near its inverse
 * (delta-form splitting; the fine checkerboard modes hardly move with a long step), so successive
 * field steps cycle through the list (the Wachspress parameters of ADI iteration).
 * `diffusionRate` is D/Δx² (1/h).
 */
export function fieldStepCycle(
  subStep: number,
  lossRate: number,
  diffusionRate: number,
  rateCap: number,
  length: number,
): number[] {
  const longest = lossRate > 0 ? Math.min(subStep, rateCap / lossRate) : subStep;
  const shortest = Math.min(longest, 1 / (lossRate + 8 * diffusionRate));
  if (length <= 1) return [longest];
  return Array.from({ length }, (_, j) => longest * (shortest / longest) ** (j / (length - 1)));
}

/** Which step of the cycle sub-step s of the step at `clock` takes (`offset`: warm-up iterations). */
export function cycleIndex(sim: SimState, s: number, offset = 0): number {
  const { substeps, fieldStages } = sim.derived;
  return (sim.clock * substeps + s + offset) % fieldStages.length;
}
