/**
 * The field phase: secretion/uptake then diffusion–decay for every field, `substeps` times per cell
 * step. Cytokines and oxygen relax in minutes while cells change over hours, so the fields are
 * treated as quasi-steady: a field whose (decay + uptake) × step would exceed the rate cap takes a
 * shorter pseudo-time step instead. The splitting error of the steady state is then bounded by the
 * cap, and the field approaches its steady state over a few cell steps rather than minutes.
 */
import type { SimState } from "../sim-state";
import { FIELD_COUNT } from "./registry";
import type { FastTables, SecretionTables } from "./secretion";
import { computeCombos, needsGeneralPath, sourceSinkFast, sourceSinkMsc } from "./secretion";

/** Secretion/uptake of field f over rows [y0, y1) (combos must be current). */
export function fieldSources(
  sim: SimState,
  tables: SecretionTables,
  fast: FastTables,
  f: number,
  y0: number,
  y1: number,
): void {
  const t = sim.tissue;
  const dt = sim.derived.fieldDts[f]!;
  if (needsGeneralPath(f, sim.counters.mscDeliveredSimulated > 0, sim.blood))
    sourceSinkMsc(t, f, tables, sim.mscProfiles, sim.blood, sim.derived.scratch.combo, dt, y0, y1);
  else sourceSinkFast(t, f, tables, fast, sim.derived.scratch.combo, dt, y0, y1);
}

/** The whole field phase on one thread (the parallel executor runs the same passes by strips). */
export function updateFields(sim: SimState, tables: SecretionTables, fast: FastTables): void {
  const { operators, substeps } = sim.derived;
  const t = sim.tissue;
  computeCombos(t, sim.derived.scratch.combo, 0, t.height);
  for (let s = 0; s < substeps; s++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      fieldSources(sim, tables, fast, f, 0, t.height);
      sim.fieldSet.diffuse(f, operators[f]!);
    }
  }
}

/** Field step (h): the sub-step, capped so that (decay + uptake) × step ≤ rateCap. */
export function fieldStep(subStep: number, lossRate: number, rateCap: number): number {
  return lossRate > 0 ? Math.min(subStep, rateCap / lossRate) : subStep;
}
