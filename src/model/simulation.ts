/**
 * A run: the state assembled (`newSimState`, the one place a SimState is built), the disease stage
 * generated or taken from a caller's stage cache, the day-0 events, and the `Simulation` wrapper
 * that steps, closes each day, reads out and reconfigures.
 */
import { buildDerived, type Derived } from "./derived";
import { type GenerationProgress, generateStage } from "./disease/stage-generator";
import { SERIAL_STEPPER, type Stepper } from "./engine";
import { allocateFields } from "./fields/layout";
import { ownTissueFields, plainFieldSet } from "./fields/solver";
import { updateFields } from "./fields/update";
import { Cell, Vessel } from "./lattice/codes";
import { resetIdentities } from "./lattice/identity";
import { allocateTissue, copyTissueInto, type TissueState } from "./lattice/state";
import { generateTissue } from "./lattice/tissue-generator";
import { computeReadouts, type Readouts } from "./metrics/readouts";
import { need } from "./params/compiled";
import type { Scenario } from "./params/scenario-schema";
import { seedToUint32, uniform } from "./rng/counter";
import { Purpose } from "./rng/purposes";
import { freshCounters, type SimState } from "./sim-state";
import { tissueReference } from "./therapy/blood";
import { displayAmplification, mscProfile } from "./therapy/delivery";

export { SERIAL_STEPPER, type Stepper };

/**
 * A state of `scenario` on `tissue` with every scalar at its start value (clock 0, no counts, no
 * MSC profiles, no deliveries, amplification 1). Fresh runs, snapshots and strip threads all start here.
 */
export function newSimState(
  scenario: Scenario,
  tissue: TissueState,
  derived: Derived = buildDerived(scenario),
): SimState {
  return {
    scenario,
    seed: seedToUint32(scenario.seed),
    tissue,
    // No field memory yet: the caller gives the fields theirs (ownTissueFields, or shared memory in a strip thread).
    fieldSet: plainFieldSet([], tissue.width, tissue.height),
    clock: 0,
    step: 0,
    counters: freshCounters(),
    baseline: {
      hepatocytes: 0,
      sinusoids: 0,
      generationSteps: 0,
      generationCpaPercent: 0,
      bloodReference: [0, 0, 0, 0],
    },
    mscProfiles: [],
    pending: [],
    systemicByInfusion: [],
    amplification: 1,
    blood: [0, 0, 0, 0, 0],
    injury: { type: "none", intensity: 0 },
    generationIntensity: 1,
    settling: false,
    derived,
  };
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

/** A state of `s` on `tissue` (fields allocated), with the therapy's profiles and the healthy tissue's counts. */
function assembleState(s: Scenario, tissue: TissueState, derived: Derived, healthy: HealthyCounts): SimState {
  const p = derived.p;
  const sim = newSimState(s, tissue, derived);
  sim.amplification = displayAmplification(s, p);
  sim.baseline.hepatocytes = healthy.hepatocytes;
  sim.baseline.sinusoids = healthy.sinusoids;
  sim.mscProfiles = s.therapy.infusions.map((inf) => mscProfile(s, p, inf, sim.amplification));
  sim.systemicByInfusion = s.therapy.infusions.map(() => 0);
  sim.fieldSet = ownTissueFields(tissue);
  return sim;
}

/** Healthy tissue with warmed-up fields, before the disease stage: the first half of createSimulation. */
export function initialState(s: Scenario): SimState {
  const derived = buildDerived(s);
  const p = derived.p;
  const tissue = generateTissue({
    width: s.lattice.width,
    height: s.lattice.height,
    seed: seedToUint32(s.seed),
    lobuleRadius: need(p, "simulation.lobule_radius"),
    kupfferFraction: need(p, "tissue.kupffer_fraction"),
    stellateFraction: need(p, "tissue.stellate_fraction"),
  });
  allocateFields(tissue);
  const sim = assembleState(s, tissue, derived, countCells(tissue));
  for (let i = 0; i < WARMUP_FIELD_STEPS; i++) updateFields(sim, derived.tables, i * derived.substeps);
  return sim;
}

/**
 * The state of `s` before a kept stage is copied in: as initialState, without generating the
 * healthy tissue or warming its fields, since the stage's arrays replace both (the field step keeps
 * nothing between steps but the fields: a snapshot restores the same way).
 */
function stateForStage(s: Scenario, stage: GeneratedStage): SimState {
  const tissue = allocateTissue(s.lattice.width, s.lattice.height);
  allocateFields(tissue);
  return assembleState(s, tissue, buildDerived(s), stage.healthy);
}

/** Hepatocytes and sinusoid sites of the healthy tissue a stage was generated from (the read-outs' 100 %). */
export interface HealthyCounts {
  hepatocytes: number;
  sinusoids: number;
}

/** A generated disease stage: the tissue at day 0, what the generator did and the healthy tissue's counts. */
export interface GeneratedStage {
  tissue: TissueState;
  clock: number;
  generationSteps: number;
  generationCpaPercent: number;
  healthy: HealthyCounts;
}

/**
 * Somewhere to keep generated stages between runs (src/sim holds one in memory). `put` is handed
 * the run's own tissue: a cache copies what it keeps.
 */
export interface StageCache {
  get(s: Scenario): GeneratedStage | undefined;
  put(s: Scenario, stage: GeneratedStage): void;
}

function generateDisease(sim: SimState, stepper: Stepper, options: CreateOptions): void {
  const hit = options.stages?.get(sim.scenario);
  if (hit) {
    copyTissueInto(sim.tissue, hit.tissue);
    sim.clock = hit.clock;
    sim.baseline.generationSteps = hit.generationSteps;
    sim.baseline.generationCpaPercent = hit.generationCpaPercent;
    return;
  }
  const result = generateStage(sim, (x) => stepper.step(x, true), options.onProgress);
  sim.baseline.generationSteps = result.steps;
  sim.baseline.generationCpaPercent = result.cpaPercent;
  // Healthy tissue too (no steps): a cache decides what is worth keeping.
  options.stages?.put(sim.scenario, {
    tissue: sim.tissue,
    clock: sim.clock,
    generationSteps: result.steps,
    generationCpaPercent: result.cpaPercent,
    healthy: { hepatocytes: sim.baseline.hepatocytes, sinusoids: sim.baseline.sinusoids },
  });
}

/** The end of a simulated day: today's deaths become the last day's (the ALT-release read-out). */
function closeDay(sim: SimState): void {
  sim.counters.hepatocyteDeathsLastDay = sim.counters.hepatocyteDeathsToday;
  sim.counters.hepatocyteDeathsToday = 0;
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
  if (
    da.stage !== db.stage ||
    da.cirrhosis_grade !== db.cirrhosis_grade ||
    da.target_cpa_percent !== db.target_cpa_percent
  )
    return true;
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
      state.mscProfiles = next.therapy.infusions.map((inf) =>
        mscProfile(next, state.derived.p, inf, state.amplification),
      );
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
          closeDay(state);
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
  /** Where a generated stage may already be kept, and where a new one is reported. */
  stages?: StageCache;
}

export function createSimulation(s: Scenario, options: CreateOptions = {}): Simulation {
  // A kept stage needs neither the healthy tissue nor its warm-up: both would be overwritten.
  const kept = options.stages?.get(s);
  if (kept)
    return finishSimulation(stateForStage(s, kept), SERIAL_STEPPER, {
      ...options,
      stages: { get: () => kept, put() {} },
    });
  return finishSimulation(initialState(s), SERIAL_STEPPER, options);
}

/** Generates the disease stage, applies day-0 events and wraps the state: the second half of createSimulation. */
export function finishSimulation(sim: SimState, stepper: Stepper, options: CreateOptions = {}): Simulation {
  generateDisease(sim, stepper, options);
  resetIdentities(sim.tissue);
  applyHepatectomy(sim);
  sim.baseline.bloodReference = tissueReference(sim);
  const run = wrapSimulation(sim, [], stepper);
  run.history().push(run.metrics());
  return run;
}
