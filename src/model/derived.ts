/**
 * What a scenario compiles to before a step can run: parameters, time grid, diffusion operators,
 * the rule constants, the secretion tables, the phase list and the scratch arrays. Rebuilt from the
 * scenario on load and on reconfiguration; never saved. The simulation's state holds it (`SimState.derived`).
 */
import { type RuleConstants, ruleConstants } from "./agents/rates";
import { type Phase, stepPhases } from "./engine";
import { FIELDS } from "./fields/registry";
import {
  buildFastTables,
  buildSecretionTables,
  type FastTables,
  maxUptake,
  type SecretionTables,
} from "./fields/secretion";
import { type DiffusionOperator, makeDiffusionOperator } from "./fields/solver";
import { fieldStepCycle } from "./fields/update";
import { compileParams, need, type Params } from "./params/compiled";
import type { Scenario } from "./params/scenario-schema";
import { CLOCK_FACTORS, REFERENCE_SPECIES } from "./params/species-clock";
import { type SiteGroups, siteGroups } from "./schedule/site-lists";

/** One step of the field cycle: each field's pseudo-time step (h), its line-solve operator and source tables. */
export interface FieldStage {
  dts: number[];
  operators: DiffusionOperator[];
  fast: FastTables;
}

export interface Derived {
  p: Params;
  dt: number;
  stepsPerDay: number;
  /** The field steps' cycle (fields/update fieldStepCycle): step j of field f is fieldStages[j].dts[f]. */
  fieldStages: FieldStage[];
  /** Per-field largest pseudo-time step (h): the cell step / sub-steps, capped for fast fields; fieldStages[0].dts. */
  fieldDts: number[];
  substeps: number;
  /** The cell rules' constants (agents/rates), on the scenario's species clock. */
  rc: RuleConstants;
  /** The same on the reference clock, for stage generation (the same object when the species is the reference). */
  rcGeneration: RuleConstants;
  /** Secretion and uptake per (kind, vessel) combo (fields/secretion). */
  tables: SecretionTables;
  /** The phases of one step, in order (engine.ts). */
  phases: Phase[];
  /** Injury weight per site by "type:power", from the tissue's static zonation (agents/hepatocyte); filled on first use. */
  injuryWeights: Map<string, Float32Array>;
  /** Sites where intravascular MSCs may enter, from the static portal tracts (therapy/placement); filled on first use. */
  portalEntry: Int32Array | null;
  /** This thread's own buffers (strip threads each build their own Derived; never shared, unlike `scratch`). */
  local: {
    /** Packed contact units of the row being summed (schedule/neighbourhoods). */
    line: Int32Array;
    /** Free-neighbour directions of the site proposing (schedule/proposals). */
    free: Int32Array;
    /** Targets claimed in the strip being placed, grown as needed (schedule/births). */
    targets: Int32Array;
    /** The own-site phase's sort of sites by cell code (schedule/site-lists). */
    groups: SiteGroups;
  };
  scratch: {
    intent: Uint8Array;
    claim: Uint8Array;
    /** (kind, vessel) pair per site for the field phase. */
    combo: Uint8Array;
    /** Per-row markers of rare events (schedule/row-flags): passes skip quiet rows. */
    rowFlags: Uint8Array;
    /** 1 where the own-site pass found that the proposals pass must look (schedule/proposals). */
    candidate: Uint8Array;
    /** Packed contact units summed along rows, then the 5×5 sums (schedule/neighbourhoods); `contactRows` then holds the own-site phase's site lists (schedule/site-lists). */
    contactRows: Int32Array;
    contact: Int32Array;
    /** Scar sites among each site and its left and right neighbours (schedule/neighbourhoods). */
    scarRows: Uint8Array;
    /** MSC contact strength in reach of each site (real MSCs: sums 1/A per agent). */
    mscNear: Float32Array;
  };
}

export function buildDerived(s: Scenario): Derived {
  const p = compileParams(s);
  const dt = need(p, "simulation.dt");
  const substeps = Math.round(need(p, "simulation.field_substeps"));
  const dx = need(p, "simulation.site_size");
  const { width, height } = s.lattice;
  const size = width * height;
  const tables = buildSecretionTables(p);
  const cycle = FIELDS.map((f, i) =>
    fieldStepCycle(
      dt / substeps,
      need(p, `fields.${f.key}.decay`) + maxUptake(tables, i),
      need(p, `fields.${f.key}.diffusion`) / (dx * dx),
      need(p, "simulation.field_rate_cap"),
      Math.round(need(p, "simulation.field_step_cycle")),
    ),
  );
  const fieldStages: FieldStage[] = cycle[0]!.map((_, j) => {
    const dts = cycle.map((steps) => steps[j]!);
    const operators = FIELDS.map((f, i) =>
      makeDiffusionOperator(
        width,
        height,
        need(p, `fields.${f.key}.diffusion`),
        need(p, `fields.${f.key}.decay`),
        dx,
        dts[i]!,
      ),
    );
    return { dts, operators, fast: buildFastTables(tables, dts) };
  });
  const rc = ruleConstants(p, s, dt);
  return {
    p,
    dt,
    stepsPerDay: 24 / dt,
    fieldStages,
    fieldDts: fieldStages[0]!.dts,
    substeps,
    rc,
    // Stages are generated on the reference clock: a human stage takes as many steps as a rat's.
    rcGeneration: CLOCK_FACTORS[s.species] ? ruleConstants(compileParams(s, REFERENCE_SPECIES), s, dt) : rc,
    tables,
    phases: stepPhases(substeps),
    injuryWeights: new Map(),
    portalEntry: null,
    local: {
      line: new Int32Array(width),
      free: new Int32Array(8),
      targets: new Int32Array(0),
      groups: siteGroups(),
    },
    scratch: {
      intent: new Uint8Array(size),
      claim: new Uint8Array(size),
      combo: new Uint8Array(size),
      rowFlags: new Uint8Array(height),
      candidate: new Uint8Array(size),
      contactRows: new Int32Array(size),
      contact: new Int32Array(size),
      scarRows: new Uint8Array(size),
      mscNear: new Float32Array(size),
    },
  };
}
