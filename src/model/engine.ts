/**
 * The simulation step: the order of phases, written here (stepPhases) and nowhere else.
 *   1 schedule   injury now; infusions due; intravenous arrivals; blood compartment
 *   2 fields     (kind, vessel) combos; secretion/uptake + implicit diffusion–decay (sub-steps)
 *   3 contact    neighbourhood densities from the occupancy at the start of the cell phase
 *   4 own site   per-cell transitions that write only their own site (damage, death, polarisation…);
 *                then necrotic sites collapse into collagen (deferred: neighbours read collagen in 4)
 *   5 proposals  divisions and moves propose a free neighbour
 *   6 births     each free site picks its winner by hashed priority; movers vacate
 *   7 collagen   deposition, degradation, cross-linking
 *   8 vessels    capillarisation, recovery, sprouting
 * Every phase reads a fixed state and writes only its own site, so the result does not depend on
 * visiting order or on how the lattice is split among workers.
 */
import { finishBirths, placeBirths } from "./schedule/births";
import { collagenRows } from "./agents/collagen";
import { collapseNecrotic } from "./agents/hepatocyte";
import { neighbourhoodColumns, neighbourhoodRows } from "./schedule/neighbourhoods";
import { ownSiteRows } from "./schedule/own-site";
import { proposalRows } from "./schedule/proposals";
import type { RuleConstants } from "./agents/rates";
import { applySprouts, vesselRows } from "./agents/vessels";
import { injuryDuringGeneration, injuryDuringRun } from "./disease/injury";
import { FIELD_COUNT, FIELDS } from "./fields/registry";
import { computeCombos, type SecretionTables, sourceReads } from "./fields/secretion";
import { cycleIndex, fieldSources, incrementSlot, relaxField } from "./fields/update";
import { streamKey } from "./rng/counter";
import type { SimState } from "./sim-state";
import { applyTherapy } from "./therapy/schedule";

/** Per-step counts that phases report, declared once; a parallel run sums them over workers (whole numbers). */
export const TALLY_KEYS = ["deaths", "divisions", "differentiated"] as const;
export type Tally = Record<(typeof TALLY_KEYS)[number], number>;

export function freshTally(): Tally {
  return { deaths: 0, divisions: 0, differentiated: 0 };
}

export interface StepContext {
  sim: SimState;
  rc: RuleConstants;
  tables: SecretionTables;
  /** Random stream key of this step: hash of (seed, clock). */
  key: number;
  generating: boolean;
  tally: Tally;
}

/**
 * How a phase may be split: `serial` runs once on one thread (the coordinator); `rows` over row
 * strips [lo, hi); `cols` over column blocks [lo, hi); `diffuse` is a field's implicit step (rows
 * then columns, or fused on one thread). Consecutive phases are separated by a barrier.
 */
export type Split = "serial" | "rows" | "cols" | "diffuse";

export interface Phase {
  name: string;
  split: Split;
  /** For `diffuse`, and for a field's sources (a `rows` phase): the field index. */
  field?: number;
  /** For `diffuse` and a field's sources: the field set's increment slot of that field step, and its sub-step. */
  slot?: number;
  substep?: number;
  /** For a field's sources: the fields it reads at its own sites (see `sourceReads`). */
  reads?: readonly number[];
  run(c: StepContext, lo: number, hi: number): void;
}

const noop = () => {};

/** The phases of one step, in order. This list is the only place where the order is written (derived.ts keeps it). */
export function stepPhases(substeps: number): Phase[] {
  const phases: Phase[] = [
    {
      name: "schedule",
      split: "serial",
      run: (c) => {
        c.sim.injury = c.generating ? injuryDuringGeneration(c.sim) : injuryDuringRun(c.sim);
        if (!c.generating) applyTherapy(c.sim);
      },
    },
  ];
  for (let s = 0; s < substeps; s++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      // The step's (kind, vessel) combos come first, row by row: sources read only their own rows' combos.
      const first = s === 0 && f === 0;
      const slot = incrementSlot(s, f);
      const run = (c: StepContext, lo: number, hi: number) => {
        if (first) computeCombos(c.sim.tissue, c.sim.derived.scratch.combo, lo, hi);
        fieldSources(c.sim, c.tables, f, slot, cycleIndex(c.sim, s), s === substeps - 1, lo, hi);
      };
      const key = FIELDS[f]!.key;
      phases.push({ name: `sources ${key}`, split: "rows", field: f, slot, substep: s, reads: sourceReads(f), run });
      phases.push({ name: `diffuse ${key}`, split: "diffuse", field: f, slot, substep: s, run: noop });
    }
  }
  const mscPresent = (c: StepContext) => c.sim.counters.mscDeliveredSimulated > 0;
  phases.push(
    {
      name: "contact rows",
      split: "rows",
      run: (c, lo, hi) => neighbourhoodRows(c.sim, c.rc.contact, mscPresent(c), lo, hi),
    },
    { name: "contact columns", split: "cols", run: (c, lo, hi) => neighbourhoodColumns(c.sim, lo, hi) },
    {
      name: "own site",
      split: "rows",
      run: (c, lo, hi) => {
        c.sim.derived.scratch.rowFlags.fill(0, lo, hi);
        ownSiteRows(c.sim, c.rc, c.key, mscPresent(c), c.tally, lo, hi);
      },
    },
    // Deferred: the own-site pass reads neighbours' collagen, so necrotic collapse waits for it.
    {
      name: "necrotic collapse",
      split: "rows",
      run: (c, lo, hi) => collapseNecrotic(c.sim, c.rc.hepatocyte, lo, hi, !c.sim.settling),
    },
    {
      name: "proposals",
      split: "rows",
      run: (c, lo, hi) => proposalRows(c.sim, c.rc, c.key, lo, hi),
    },
    { name: "place births", split: "rows", run: (c, lo, hi) => placeBirths(c.sim, c.rc, c.key, lo, hi) },
    {
      // Finishing births changes only this strip's cells; collagen and vessels read only their own
      // site's cell (and neighbours' vessels, which births do not change): no barrier between them.
      name: "finish births, collagen and vessels",
      split: "rows",
      run: (c, lo, hi) => {
        c.tally.divisions += finishBirths(c.sim, lo, hi);
        if (!c.sim.settling) collagenRows(c.sim, c.rc.collagen, lo, hi);
        vesselRows(c.sim, c.rc.vessels, c.key, lo, hi);
      },
    },
    { name: "sprouts", split: "rows", run: (c, lo, hi) => applySprouts(c.sim, lo, hi) },
  );
  return phases;
}

export function stepContext(sim: SimState, generating: boolean): StepContext {
  const { tables } = sim.derived;
  // The generator's accelerated path runs on the reference clock; the settling under the run's own
  // injury, and the run, on the species' clock (docs/model.md, Species).
  const rc = generating && !sim.settling ? sim.derived.rcGeneration : sim.derived.rc;
  return { sim, rc, tables, key: streamKey(sim.seed, sim.clock), generating, tally: freshTally() };
}

/** After the last phase: advance the clock and add the step's tally to the counters. */
export function closeStep(sim: SimState, generating: boolean, tally: Tally): void {
  sim.clock++;
  if (generating) return;
  sim.step++;
  sim.counters.hepatocyteDeathsTotal += tally.deaths;
  sim.counters.hepatocyteDeathsToday += tally.deaths;
  sim.counters.hepatocyteDivisionsTotal += tally.divisions;
  sim.counters.mscDifferentiatedSimulated += tally.differentiated;
}

/** One step of tissue time on one thread. During stage generation `sim.step` stays 0 and the chronic injury acts. */
export function stepOnce(sim: SimState, generating = false): void {
  const c = stepContext(sim, generating);
  const { width: w, height: h } = sim.tissue;
  for (const phase of sim.derived.phases) {
    if (phase.split === "diffuse") relaxField(sim, phase.field!, phase.slot!, cycleIndex(sim, phase.substep!));
    else phase.run(c, 0, phase.split === "cols" ? w : phase.split === "rows" ? h : 0);
  }
  closeStep(sim, generating, c.tally);
}

/** Advances a state by one step; a parallel executor supplies its own. */
export interface Stepper {
  step(sim: SimState, generating: boolean): void;
  /** False if mid-run reconfiguration is not supported (the caller then regenerates). */
  canReconfigure: boolean;
}

export const SERIAL_STEPPER: Stepper = { step: stepOnce, canReconfigure: true };
