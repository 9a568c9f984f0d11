/**
 * Read-outs: named pure functions of the state, computed in one pass over the lattice. The column
 * list below is the single source for CSV headers, chart labels and docs/outputs.md.
 */
import { FIELDS } from "../fields/registry";
import { Cell, HepState, HscState, KupState, Vessel } from "../lattice/codes";
import type { SimState } from "../sim-state";
import { CLINICAL_READOUTS, clinicalConstants, clinicalReadouts } from "./clinical";
import { bridgingPercent, continuousStage, estimateStage } from "./septa";

export const READOUTS = [
  { key: "day", unit: "day", doc: "Simulated day since the start of the run." },
  {
    key: "cpa_percent",
    unit: "%",
    doc: "Collagen proportionate area: % of sites with collagen above the staining threshold.",
  },
  { key: "fibrosis_stage", unit: "F0–F4", doc: "Stage estimate from CPA and bridging septa (0–4)." },
  {
    key: "fibrosis_stage_continuous",
    unit: "stages",
    doc: "Stage estimate plus the position of CPA within that stage's CPA band (0–4, linear within a band), for rates in stages a year.",
  },
  { key: "bridging_percent", unit: "%", doc: "% of central veins joined by scar to another vein or portal tract." },
  {
    key: "crosslinked_percent",
    unit: "%",
    doc: "Mean cross-linked fraction of stained scar (the structural collagen of vessel walls, which never cross-links, left out).",
  },
  {
    key: "hepatocyte_mass_percent",
    unit: "% of healthy",
    doc: "Functional hepatocyte mass: Σ(1 − damage) over hepatocytes (senescent count half), relative to the healthy tissue.",
  },
  { key: "proliferation_index", unit: "%", doc: "% of hepatocytes in the cell cycle." },
  { key: "senescent_percent", unit: "%", doc: "% of hepatocytes that are senescent." },
  {
    key: "hepatocyte_deaths_per_day",
    unit: "cells/day",
    doc: "Hepatocyte deaths over the last day (ALT-release proxy).",
  },
  { key: "inflammation_index", unit: "%", doc: "% of Kupffer cells in the M1 (pro-inflammatory) state." },
  { key: "m1_kupffer", unit: "cells", doc: "M1 Kupffer cells." },
  { key: "m2_kupffer", unit: "cells", doc: "M2 Kupffer cells." },
  { key: "activated_hsc_fraction", unit: "fraction", doc: "Activated / all stellate cells." },
  {
    key: "perfusion_index",
    unit: "% of healthy",
    doc: "Perfused (not capillarised) sinusoid sites relative to the healthy tissue.",
  },
  { key: "msc_count", unit: "real cells", doc: "MSCs in the section, in real cells (simulated MSCs / amplification)." },
  { key: "msc_simulated", unit: "agents", doc: "MSC agents drawn (real × amplification)." },
  { key: "msc_delivered_total", unit: "real cells", doc: "MSCs delivered to the section since day 0." },
  { key: "msc_differentiated_total", unit: "real cells", doc: "MSCs that became hepatocytes since day 0." },
  ...FIELDS.map((f) => ({ key: `mean_${f.key}`, unit: "a.u.", doc: `Mean ${f.label} over the section.` })),
  // Clinical proxies last: pure functions of the columns above (metrics/clinical.ts).
  ...CLINICAL_READOUTS.map(({ key, unit, doc }) => ({ key, unit, doc })),
] as const;

export type ReadoutKey = (typeof READOUTS)[number]["key"];
export type Readouts = Record<ReadoutKey, number>;

export function computeReadouts(sim: SimState): Readouts {
  const t = sim.tissue;
  const { size, cell, state, vessel, damage, collagen, crosslink } = t;
  const threshold = sim.scenario.parameters["collagen.scar_threshold"]!;
  let stained = 0;
  let scar = 0;
  let crosslinkSum = 0;
  let mass = 0;
  let hepatocytes = 0;
  let cycling = 0;
  let senescent = 0;
  let kupffer = 0;
  let m1 = 0;
  let m2 = 0;
  let hsc = 0;
  let activated = 0;
  let perfused = 0;
  let msc = 0;
  for (let k = 0; k < size; k++) {
    const v = vessel[k];
    if (collagen[k]! >= threshold) {
      stained++;
      // Vessel walls are stained (CPA counts them) but are not scar: they would dilute the mean.
      if (v !== Vessel.centralVein && v !== Vessel.portalTract) {
        scar++;
        crosslinkSum += crosslink[k]!;
      }
    }
    if (v === Vessel.sinusoid) perfused++;
    const c = cell[k];
    const s = state[k];
    if (c === Cell.hepatocyte) {
      hepatocytes++;
      if (s === HepState.cycling) cycling++;
      if (s === HepState.senescent) {
        senescent++;
        mass += 0.5 * (1 - damage[k]!);
      } else mass += 1 - damage[k]!;
    } else if (c === Cell.kupffer) {
      kupffer++;
      if (s === KupState.m1) m1++;
      else if (s === KupState.m2) m2++;
    } else if (c === Cell.stellate) {
      hsc++;
      if (s === HscState.activated) activated++;
    } else if (c === Cell.msc) msc++;
  }
  const cpa = (100 * stained) / size;
  const bridging = bridgingPercent(t, sim.scenario.parameters["collagen.septum_threshold"]!);
  const stage = estimateStage(cpa, bridging);
  const out: Record<string, number> = {
    day: sim.step / sim.derived.stepsPerDay,
    cpa_percent: cpa,
    fibrosis_stage: stage,
    fibrosis_stage_continuous: continuousStage(cpa, stage),
    bridging_percent: bridging,
    crosslinked_percent: scar ? (100 * crosslinkSum) / scar : 0,
    hepatocyte_mass_percent: (100 * mass) / Math.max(1, sim.baseline.hepatocytes),
    proliferation_index: hepatocytes ? (100 * cycling) / hepatocytes : 0,
    senescent_percent: hepatocytes ? (100 * senescent) / hepatocytes : 0,
    hepatocyte_deaths_per_day: sim.counters.hepatocyteDeathsLastDay,
    inflammation_index: kupffer ? (100 * m1) / kupffer : 0,
    m1_kupffer: m1,
    m2_kupffer: m2,
    activated_hsc_fraction: hsc ? activated / hsc : 0,
    perfusion_index: (100 * perfused) / Math.max(1, sim.baseline.sinusoids),
    msc_count: msc / sim.amplification,
    msc_simulated: msc,
    msc_delivered_total: sim.counters.mscDeliveredReal,
    // An agent differentiates at the real per-cell rate ÷ A (therapy/delivery.ts), so each event
    // already stands for one real cell: dividing by A again would count it twice.
    msc_differentiated_total: sim.counters.mscDifferentiatedSimulated,
  };
  const fields = sim.fieldSet;
  FIELDS.forEach((f, i) => {
    let sum = 0;
    for (let y = 0; y < fields.height; y++) {
      const row = fields.row(i, y);
      for (let x = 0; x < row.length; x++) sum += row[x]!;
    }
    out[`mean_${f.key}`] = sum / size;
  });
  // Healthy turnover on the run's species clock: the ALT proxy's anchor (lifespan is in hours).
  const healthyDeathsPerDay = (sim.baseline.hepatocytes * 24) / sim.derived.p["hepatocyte.lifespan"];
  Object.assign(
    out,
    clinicalReadouts(
      {
        cpaPercent: cpa,
        massFraction: mass / Math.max(1, sim.baseline.hepatocytes),
        deathsPerDay: sim.counters.hepatocyteDeathsLastDay,
        healthyDeathsPerDay,
      },
      clinicalConstants(sim.derived.p),
    ),
  );
  return out as Readouts;
}
