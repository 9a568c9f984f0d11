/**
 * The simulation step: the order of phases, written here (buildPhases) and nowhere else.
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
import { finishBirths, placeBirths } from "./agents/births";
import { collagenRows } from "./agents/collagen";
import { collapseNecrotic } from "./agents/hepatocyte";
import { neighbourhoodColumns, neighbourhoodRows } from "./agents/neighbourhoods";
import { ownSiteRows } from "./agents/own-site";
import { proposalRows } from "./agents/proposals";
import { type RuleConstants, ruleConstants } from "./agents/rates";
import { applySprouts, vesselRows } from "./agents/vessels";
import { injuryDuringGeneration, injuryDuringRun } from "./disease/injury";
import { type GenerationProgress, generateStage } from "./disease/stage-generator";
import { allocateFields } from "./fields/layout";
import { FIELD_COUNT, FIELDS } from "./fields/registry";
import { buildFastTables, buildSecretionTables, computeCombos, type FastTables, maxUptake, type SecretionTables, sourceReads } from "./fields/secretion";
import { makeDiffusionOperator, ownTissueFields } from "./fields/solver";
import { fieldSources, fieldStep, updateFields } from "./fields/update";
import { Cell, Vessel } from "./lattice/codes";
import { cloneTissue, copyTissueInto, type TissueState } from "./lattice/state";
import { generateTissue } from "./lattice/tissue-generator";
import { computeReadouts, type Readouts } from "./metrics/readouts";
import { compileParams, need } from "./params/compiled";
import type { Scenario } from "./params/scenario-schema";
import { seedToUint32, streamKey, uniform } from "./rng/counter";
import { Purpose } from "./rng/purposes";
import type { Derived, SimState } from "./sim-state";
import { displayAmplification, mscProfile } from "./therapy/delivery";
import { applyTherapy } from "./therapy/schedule";

interface Engine {
  rc: RuleConstants;
  tables: SecretionTables;
  fast: FastTables;
}
const engines = new WeakMap<Derived, Engine>();

export function buildDerived(s: Scenario): Derived {
  const p = compileParams(s);
  const dt = need(p, "simulation.dt");
  const substeps = Math.round(need(p, "simulation.field_substeps"));
  const dx = need(p, "simulation.site_size");
  const { width, height } = s.lattice;
  const size = width * height;
  const tables = buildSecretionTables(p);
  const fieldDts = FIELDS.map((f, i) => fieldStep(dt / substeps, need(p, `fields.${f.key}.decay`) + maxUptake(tables, i), need(p, "simulation.field_rate_cap")));
  const operators = FIELDS.map((f, i) =>
    makeDiffusionOperator(width, height, need(p, `fields.${f.key}.diffusion`), need(p, `fields.${f.key}.decay`), dx, fieldDts[i]!),
  );
  const derived: Derived = {
    p,
    dt,
    stepsPerDay: 24 / dt,
    operators,
    fieldDts,
    substeps,
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
  engines.set(derived, { rc: ruleConstants(p, s, dt), tables, fast: buildFastTables(tables, fieldDts) });
  return derived;
}

/** Per-step counts that phases report; a parallel run sums them over workers (whole numbers). */
export interface Tally {
  deaths: number;
  divisions: number;
  differentiated: number;
}

export interface StepContext {
  sim: SimState;
  rc: RuleConstants;
  tables: SecretionTables;
  fast: FastTables;
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
  /** For a field's sources: the fields it reads at its own sites (see `sourceReads`). */
  reads?: readonly number[];
  run(c: StepContext, lo: number, hi: number): void;
}

const noop = () => {};

/** The phases of one step, in order. This list is the only place where the order is written. */
function buildPhases(substeps: number): Phase[] {
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
      const run = (c: StepContext, lo: number, hi: number) => {
        if (first) computeCombos(c.sim.tissue, c.sim.derived.scratch.combo, lo, hi);
        fieldSources(c.sim, c.tables, c.fast, f, lo, hi);
      };
      phases.push({ name: `sources ${FIELDS[f]!.key}`, split: "rows", field: f, reads: sourceReads(f), run });
      phases.push({ name: `diffuse ${FIELDS[f]!.key}`, split: "diffuse", field: f, run: noop });
    }
  }
  const mscPresent = (c: StepContext) => c.sim.counters.mscDeliveredSimulated > 0;
  phases.push(
    { name: "contact rows", split: "rows", run: (c, lo, hi) => neighbourhoodRows(c.sim, c.rc, mscPresent(c), lo, hi) },
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
    { name: "necrotic collapse", split: "rows", run: (c, lo, hi) => collapseNecrotic(c.sim, c.rc, lo, hi) },
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
        collagenRows(c.sim, c.rc, lo, hi);
        vesselRows(c.sim, c.rc, c.key, lo, hi);
      },
    },
    { name: "sprouts", split: "rows", run: (c, lo, hi) => applySprouts(c.sim, lo, hi) },
  );
  return phases;
}

const phaseCache = new Map<number, Phase[]>();
export function stepPhases(substeps: number): Phase[] {
  let p = phaseCache.get(substeps);
  if (!p) phaseCache.set(substeps, (p = buildPhases(substeps)));
  return p;
}

export function stepContext(sim: SimState, generating: boolean): StepContext {
  const { rc, tables, fast } = engines.get(sim.derived)!;
  return { sim, rc, tables, fast, key: streamKey(sim.seed, sim.clock), generating, tally: { deaths: 0, divisions: 0, differentiated: 0 } };
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
  for (const phase of stepPhases(sim.derived.substeps)) {
    if (phase.split === "diffuse") sim.fieldSet.diffuse(phase.field!, sim.derived.operators[phase.field!]!);
    else phase.run(c, 0, phase.split === "cols" ? w : phase.split === "rows" ? h : 0);
  }
  closeStep(sim, generating, c.tally);
}

/** Attaches the engine tables to a state built elsewhere (a parallel worker's view of shared arrays). */
export function engineFor(derived: Derived): { rc: RuleConstants; tables: SecretionTables; fast: FastTables } {
  return engines.get(derived)!;
}

function countCells(t: TissueState) {
  let hepatocytes = 0;
  let sinusoids = 0;
  for (let k = 0; k < t.size; k++) {
    if (t.cell[k] === Cell.hepatocyte) hepatocytes++;
    if (t.vessel[k] === Vessel.sinusoid) sinusoids++;
  }
  return { hepatocytes, sinusoids };
}

/** Field-only steps so day 0 starts from quasi-steady fields rather than zero. */
const WARMUP_FIELD_STEPS = 48;

/** Advances a state by one step; a parallel executor supplies its own. */
export interface Stepper {
  step(sim: SimState, generating: boolean): void;
  /** False if mid-run reconfiguration is not supported (the caller then regenerates). */
  canReconfigure: boolean;
}

export const SERIAL_STEPPER: Stepper = { step: stepOnce, canReconfigure: true };

/** Healthy tissue with warmed-up fields, before the disease stage: the first half of createSimulation. */
export function initialState(s: Scenario): SimState {
  const derived = buildDerived(s);
  const p = derived.p;
  const seed = seedToUint32(s.seed);
  const tissue = generateTissue({
    width: s.lattice.width,
    height: s.lattice.height,
    seed,
    lobuleRadius: need(p, "simulation.lobule_radius"),
    kupfferFraction: need(p, "tissue.kupffer_fraction"),
    stellateFraction: need(p, "tissue.stellate_fraction"),
  });
  allocateFields(tissue);
  const amplification = displayAmplification(s, p);
  const base = countCells(tissue);
  const sim: SimState = {
    scenario: s,
    seed,
    tissue,
    fieldSet: ownTissueFields(tissue),
    clock: 0,
    step: 0,
    counters: freshCounters(),
    baseline: { hepatocytes: base.hepatocytes, sinusoids: base.sinusoids, generationSteps: 0, generationCpaPercent: 0 },
    mscProfiles: s.therapy.infusions.map((inf) => mscProfile(s, p, inf, amplification)),
    pending: [],
    systemicByInfusion: s.therapy.infusions.map(() => 0),
    amplification,
    blood: [0, 0, 0, 0, 0],
    injury: { type: "none", intensity: 0 },
    generationIntensity: 1,
    derived,
  };
  const { tables, fast } = engines.get(derived)!;
  for (let i = 0; i < WARMUP_FIELD_STEPS; i++) updateFields(sim, tables, fast);
  return sim;
}

function freshCounters(): SimState["counters"] {
  return {
    hepatocyteDeathsTotal: 0,
    hepatocyteDeathsToday: 0,
    hepatocyteDeathsLastDay: 0,
    hepatocyteDivisionsTotal: 0,
    mscDeliveredReal: 0,
    mscDeliveredSimulated: 0,
    mscDifferentiatedSimulated: 0,
  };
}

/** Generated disease tissue, keyed by everything that shapes it; small LRU, in memory only. */
interface CachedStage {
  tissue: TissueState;
  clock: number;
  generationSteps: number;
  generationCpaPercent: number;
}
const stageCache = new Map<string, CachedStage>();
const STAGE_CACHE_ENTRIES = 6;
const STAGE_CACHE_MAX_SITES = 512 * 512;

function stageKey(s: Scenario): string {
  const d = s.disease;
  return JSON.stringify([s.seed, s.lattice, d.stage, d.cirrhosis_grade, d.target_cpa_percent, d.generation_injury, s.parameters]);
}

function generateDisease(sim: SimState, stepper: Stepper, onProgress?: (p: GenerationProgress) => void): void {
  const s = sim.scenario;
  const key = stageKey(s);
  const hit = stageCache.get(key);
  if (hit) {
    stageCache.delete(key);
    stageCache.set(key, hit);
    copyTissueInto(sim.tissue, hit.tissue);
    sim.clock = hit.clock;
    sim.baseline.generationSteps = hit.generationSteps;
    sim.baseline.generationCpaPercent = hit.generationCpaPercent;
    return;
  }
  const result = generateStage(sim, (x) => stepper.step(x, true), onProgress);
  sim.baseline.generationSteps = result.steps;
  sim.baseline.generationCpaPercent = result.cpaPercent;
  if (result.steps > 0 && sim.tissue.size <= STAGE_CACHE_MAX_SITES) {
    stageCache.set(key, { tissue: cloneTissue(sim.tissue), clock: sim.clock, generationSteps: result.steps, generationCpaPercent: result.cpaPercent });
    while (stageCache.size > STAGE_CACHE_ENTRIES) stageCache.delete(stageCache.keys().next().value!);
  }
}

/** Removes a fraction of hepatocytes at day 0 (partial-hepatectomy-like). */
function applyHepatectomy(sim: SimState): void {
  const f = sim.scenario.disease.hepatectomy_fraction;
  if (f <= 0) return;
  const t = sim.tissue;
  for (let k = 0; k < t.size; k++) {
    if (t.cell[k] !== Cell.hepatocyte) continue;
    if (uniform(sim.seed, sim.clock, k, Purpose.hepatectomy) < f) {
      t.cell[k] = Cell.empty;
      t.state[k] = 0;
      t.timer[k] = 0;
      t.damage[k] = 0;
    }
  }
}

export interface Simulation {
  readonly state: SimState;
  /** Advances n steps (default 1), stopping at the end of the run. Returns steps taken. */
  step(n?: number): number;
  /** Read-outs of the current state (cached until the next step). */
  metrics(): Readouts;
  /** One row per simulated day so far, day 0 first. */
  history(): Readouts[];
  /** Total steps of the run. */
  readonly totalSteps: number;
  done(): boolean;
  /**
   * Applies a changed scenario from the next step on (therapy, mechanisms, rule parameters, the
   * run's injury and length). Returns false, changing nothing, if the change needs new tissue
   * (seed, lattice, disease stage, tissue or simulation parameters): call createSimulation then.
   */
  reconfigure(next: Scenario): boolean;
}

/** Parameter groups that shape the generated tissue or the time grid: changing them regenerates. */
const REGENERATE_PREFIXES = ["simulation.", "tissue.", "injury."];

export function needsRegeneration(a: Scenario, b: Scenario): boolean {
  const da = a.disease;
  const db = b.disease;
  if (a.seed !== b.seed || a.lattice.width !== b.lattice.width || a.lattice.height !== b.lattice.height) return true;
  if (da.stage !== db.stage || da.cirrhosis_grade !== db.cirrhosis_grade || da.target_cpa_percent !== db.target_cpa_percent) return true;
  if (da.generation_injury !== db.generation_injury || da.hepatectomy_fraction !== db.hepatectomy_fraction) return true;
  for (const key of Object.keys(b.parameters))
    if (REGENERATE_PREFIXES.some((p) => key.startsWith(p)) && a.parameters[key] !== b.parameters[key]) return true;
  return false;
}

export function wrapSimulation(state: SimState, history: Readouts[], stepper: Stepper = SERIAL_STEPPER): Simulation {
  let cacheClock = -1;
  let cached: Readouts | null = null;
  const totalSteps = () => Math.round(state.scenario.days * state.derived.stepsPerDay);
  const metrics = () => {
    if (cacheClock !== state.clock || !cached) {
      cached = computeReadouts(state);
      cacheClock = state.clock;
    }
    return cached;
  };
  return {
    state,
    get totalSteps() {
      return totalSteps();
    },
    metrics,
    history: () => history,
    done: () => state.step >= totalSteps(),
    reconfigure(next: Scenario) {
      if (!stepper.canReconfigure || needsRegeneration(state.scenario, next)) return false;
      state.scenario = next;
      state.derived = buildDerived(next);
      // Until a first MSC has been drawn, the amplification may still follow the therapy.
      if (state.counters.mscDeliveredSimulated === 0) state.amplification = displayAmplification(next, state.derived.p);
      state.mscProfiles = next.therapy.infusions.map((inf) => mscProfile(next, state.derived.p, inf, state.amplification));
      while (state.systemicByInfusion.length < next.therapy.infusions.length) state.systemicByInfusion.push(0);
      state.systemicByInfusion.length = next.therapy.infusions.length;
      state.pending = state.pending.filter((p) => p.infusion < next.therapy.infusions.length);
      cached = null;
      return true;
    },
    step(n = 1) {
      let taken = 0;
      while (taken < n && state.step < totalSteps()) {
        stepper.step(state, false);
        taken++;
        if (state.step % state.derived.stepsPerDay === 0) {
          // Close the day before reading out, so a restored snapshot reads the same numbers.
          state.counters.hepatocyteDeathsLastDay = state.counters.hepatocyteDeathsToday;
          state.counters.hepatocyteDeathsToday = 0;
          cached = null;
          history.push(metrics());
        }
      }
      return taken;
    },
  };
}

/** Builds the tissue, generates the disease stage, applies day-0 events, and returns a ready run. */
export interface CreateOptions {
  /** Called while the disease stage is generated (every simulated day). */
  onProgress?: (p: GenerationProgress) => void;
}

export function createSimulation(s: Scenario, options: CreateOptions = {}): Simulation {
  return finishSimulation(initialState(s), SERIAL_STEPPER, options);
}

/** Generates the disease stage, applies day-0 events and wraps the state: the second half of createSimulation. */
export function finishSimulation(sim: SimState, stepper: Stepper, options: CreateOptions = {}): Simulation {
  generateDisease(sim, stepper, options.onProgress);
  applyHepatectomy(sim);
  const run = wrapSimulation(sim, [], stepper);
  run.history().push(run.metrics());
  return run;
}

export { FIELD_COUNT };
