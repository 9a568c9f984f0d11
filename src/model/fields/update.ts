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
import { computeCombos, needsGeneralPath, sourceSinkFast, sourceSinkRows } from "./secretion";
import { diffuse } from "./solver";

export function updateFields(sim: SimState, tables: SecretionTables, fast: FastTables): void {
  const { operators, fieldDts, substeps } = sim.derived;
  const t = sim.tissue;
  const combo = sim.derived.scratch.combo;
  computeCombos(t, combo);
  const mscPresent = sim.counters.mscDeliveredSimulated > 0;
  for (let s = 0; s < substeps; s++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (needsGeneralPath(f, mscPresent, sim.blood)) sourceSinkRows(t, f, tables, sim.mscProfiles, sim.blood, fieldDts[f]!, 0, t.height);
      else sourceSinkFast(t, f, tables, fast, combo, fieldDts[f]!);
      diffuse(t.fields[f]!, operators[f]!);
    }
  }
}

/** Field step (h): the sub-step, capped so that (decay + uptake) × step ≤ rateCap. */
export function fieldStep(subStep: number, lossRate: number, rateCap: number): number {
  return lossRate > 0 ? Math.min(subStep, rateCap / lossRate) : subStep;
}
