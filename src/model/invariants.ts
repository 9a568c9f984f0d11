/**
 * Runtime invariants of a running simulation: what must hold after every step whatever the
 * scenario. A violation names the rule, the array, the site, the value, the step and the scenario
 * (with its seed) so the failing run can be reproduced; `withInvariantChecks` stops a run on one.
 */
import { fieldIndex } from "./fields/layout";
import { FIELD_COUNT, FIELDS } from "./fields/registry";
import { Cell, HepState, HscState, KupState, MscState, Vessel } from "./lattice/codes";
import { STATE_ARRAYS } from "./lattice/state";
import { READOUTS } from "./metrics/readouts";
import { presetLookup } from "./params/presets";
import { scenarioDelta } from "./params/scenario";
import type { ScenarioInput } from "./params/scenario-schema";
import type { Simulation } from "./simulation";

// Codes are consecutive from 0 (lattice/codes), so each table's size is its count of codes.
const CELL_CODES = Object.keys(Cell).length;
const VESSEL_CODES = Object.keys(Vessel).length;
const HEP_STATES = Object.keys(HepState).length;
const HSC_STATES = Object.keys(HscState).length;
const KUP_STATES = Object.keys(KupState).length;
/** MSC state: the phase in the low two bits, the infusion index above them (therapy/placement). */
const MSC_PHASES = Object.keys(MscState).length;

export interface Violation {
  /** The rule that broke, in words, e.g. "collagen outside [0, 1]". */
  rule: string;
  /** Where: a state array ("collagen"), a field ("fields.hgf"), a read-out ("readouts.cpa_percent") or a scalar ("blood[2]"). */
  array: string;
  /** Lattice site (x right, y down from the top-left corner), or null for a scalar. */
  site: { x: number; y: number } | null;
  /** The offending value as text (NaN, Infinity and codes shown as they are). */
  value: string;
  /** Steps since day 0, the absolute clock (random streams are keyed by it) and the simulated day. */
  step: number;
  clock: number;
  day: number;
  /** The scenario's seed. */
  seed: number;
  /** The smallest scenario document that re-creates the run (on top of its preset). */
  scenario: ScenarioInput;
}

/** One line that says everything needed to reproduce the violation. */
export function formatViolation(v: Violation): string {
  const where = v.site ? ` at site (${v.site.x}, ${v.site.y})` : "";
  return (
    `invariant broken at step ${v.step} (day ${+v.day.toFixed(3)}, clock ${v.clock}), seed ${v.seed}: ${v.rule}${where}: ${v.array} = ${v.value}. ` +
    `Reproduce: createSimulation(resolveScenario(${JSON.stringify(v.scenario)}, presetLookup)).step(${v.step})`
  );
}

/** Thrown by a checked simulation; the message is the whole report. */
export class InvariantError extends Error {
  readonly violation: Violation;
  constructor(v: Violation) {
    super(formatViolation(v));
    this.name = "InvariantError";
    this.violation = v;
  }
}

const show = (x: number): string => (Number.isNaN(x) ? "NaN" : String(x));

function reproducible(sim: Simulation): ScenarioInput {
  const s = sim.state.scenario;
  try {
    return scenarioDelta(s, presetLookup);
  } catch {
    // A scenario on a preset this build does not know: give it whole.
    return s as ScenarioInput;
  }
}

/**
 * Checks every invariant; returns the first violation found (lattice rules first, in site order),
 * or null. Cost: one pass over the lattice plus the current read-outs (cached per step).
 */
export function checkInvariants(sim: Simulation): Violation | null {
  const s = sim.state;
  const t = s.tissue;
  const { width: w, size } = t;
  const fail = (rule: string, array: string, k: number, value: string): Violation => ({
    rule,
    array,
    site: k < 0 ? null : { x: k % w, y: (k / w) | 0 },
    value,
    step: s.step,
    clock: s.clock,
    day: s.step / s.derived.stepsPerDay,
    seed: s.scenario.seed,
    scenario: reproducible(sim),
  });

  // Shape: every array one entry per site, one array per field (rows `pitch` long, fields/layout fieldPitch).
  if (size !== t.width * t.height) return fail("lattice size is not width × height", "size", -1, String(size));
  for (const name of STATE_ARRAYS)
    if (t[name].length !== size)
      return fail("array length differs from the lattice size", name, -1, String(t[name].length));
  if (t.fields.length !== FIELD_COUNT)
    return fail(`expected ${FIELD_COUNT} fields`, "fields", -1, String(t.fields.length));
  const { height: h, pitch } = t;
  if (!(Number.isInteger(pitch) && pitch >= w))
    return fail("field row pitch below the lattice width", "pitch", -1, String(pitch));
  for (let f = 0; f < FIELD_COUNT; f++)
    if (t.fields[f]!.length !== pitch * h)
      return fail(
        "field length differs from pitch × height",
        `fields.${FIELDS[f]!.key}`,
        -1,
        String(t.fields[f]!.length),
      );
  const profiles = s.mscProfiles.length;
  if (profiles !== s.scenario.therapy.infusions.length)
    return fail("one MSC profile per infusion", "mscProfiles", -1, String(profiles));

  // Agents: one code per site, a state that exists for that agent, on a site that agent may occupy.
  const { cell, state, vessel, damage, collagen, crosslink, zone } = t;
  for (let k = 0; k < size; k++) {
    const c = cell[k]!;
    const st = state[k]!;
    const v = vessel[k]!;
    if (v >= VESSEL_CODES) return fail("unknown vessel code", "vessel", k, String(v));
    if (c >= CELL_CODES) return fail("unknown cell code", "cell", k, String(c));
    if (c === Cell.empty) {
      if (st !== 0) return fail("an empty site has a state", "state", k, String(st));
    } else if (c === Cell.hepatocyte) {
      if (st >= HEP_STATES) return fail("hepatocyte state not normal/cycling/senescent", "state", k, String(st));
      if (v !== Vessel.none) return fail("hepatocyte off the parenchyma", "vessel", k, `${v} (cell hepatocyte)`);
    } else if (c === Cell.stellate) {
      if (st >= HSC_STATES) return fail("stellate state not quiescent/activated", "state", k, String(st));
      if (v !== Vessel.none) return fail("stellate cell off the parenchyma", "vessel", k, `${v} (cell stellate)`);
    } else if (c === Cell.kupffer) {
      if (st >= KUP_STATES) return fail("Kupffer state not M0/M1/M2", "state", k, String(st));
      if (v !== Vessel.sinusoid && v !== Vessel.capillarised)
        return fail("Kupffer cell off a sinusoid", "vessel", k, `${v} (cell kupffer)`);
    } else {
      if ((st & 3) >= MSC_PHASES) return fail("MSC state not homing/engrafted", "state", k, String(st));
      if (st >> 2 >= profiles)
        return fail(
          `MSC infusion index ≥ number of infusions (${profiles})`,
          "state",
          k,
          `${st} (infusion ${st >> 2})`,
        );
      if (v === Vessel.centralVein || v === Vessel.portalTract)
        return fail("MSC inside a central vein or portal tract", "vessel", k, String(v));
    }
    const d = damage[k]!;
    if (!(d >= 0 && d <= 1)) return fail("damage outside [0, 1]", "damage", k, show(d));
    // Elsewhere only necrotic debris (1) awaiting release by the next field phase (agents/hepatocyte DEBRIS).
    if (d !== 0 && d !== 1 && c !== Cell.hepatocyte)
      return fail("damage on a site without a hepatocyte other than necrotic debris", "damage", k, show(d));
    const col = collagen[k]!;
    if (!(col >= 0 && col <= 1)) return fail("collagen outside [0, 1]", "collagen", k, show(col));
    const x = crosslink[k]!;
    if (!(x >= 0 && x <= 1)) return fail("cross-link fraction outside [0, 1]", "crosslink", k, show(x));
    const z = zone[k]!;
    if (!(z >= 0 && z <= 1)) return fail("zone coordinate outside [0, 1]", "zone", k, show(z));
  }

  // Fields: finite and non-negative concentrations.
  for (let f = 0; f < FIELD_COUNT; f++) {
    const a = t.fields[f]!;
    for (let k = 0; k < size; k++) {
      const u = a[fieldIndex(k, w, pitch)]!;
      if (!(u >= 0 && u < Infinity))
        return fail("concentration not finite and ≥ 0", `fields.${FIELDS[f]!.key}`, k, show(u));
    }
  }

  // Scalars the snapshot keeps.
  const nonNegative = (x: number) => x >= 0 && x < Infinity;
  for (let i = 0; i < s.blood.length; i++)
    if (!nonNegative(s.blood[i]!)) return fail("blood level not finite and ≥ 0", `blood[${i}]`, -1, show(s.blood[i]!));
  if (s.systemicByInfusion.length !== profiles)
    return fail("one systemic pool per infusion", "systemicByInfusion", -1, String(s.systemicByInfusion.length));
  for (let i = 0; i < profiles; i++) {
    const x = s.systemicByInfusion[i]!;
    if (!nonNegative(x)) return fail("systemic MSC pool not finite and ≥ 0", `systemicByInfusion[${i}]`, -1, show(x));
  }
  for (let i = 0; i < s.pending.length; i++) {
    const p = s.pending[i]!;
    if (!(Number.isInteger(p.infusion) && p.infusion >= 0 && p.infusion < profiles))
      return fail("pending arrival of an unknown infusion", `pending[${i}].infusion`, -1, show(p.infusion));
    for (const key of ["remainingReal", "ratePerHour", "carry"] as const)
      if (!nonNegative(p[key]))
        return fail("pending arrival not finite and ≥ 0", `pending[${i}].${key}`, -1, show(p[key]));
  }
  if (!(s.amplification > 0 && s.amplification < Infinity))
    return fail("display amplification not finite and > 0", "amplification", -1, show(s.amplification));
  for (const [key, x] of Object.entries(s.counters))
    if (!nonNegative(x)) return fail("counter not finite and ≥ 0", `counters.${key}`, -1, show(x));
  if (!nonNegative(s.injury.intensity))
    return fail("injury intensity not finite and ≥ 0", "injury.intensity", -1, show(s.injury.intensity));
  if (!(Number.isInteger(s.step) && s.step >= 0 && s.clock >= s.step))
    return fail("step not a whole number in 0 … clock", "step", -1, `${s.step} (clock ${s.clock})`);

  // History: one row per completed day, day 0 first.
  const rows = sim.history();
  const expectedRows = Math.floor(s.step / s.derived.stepsPerDay) + 1;
  if (rows.length !== expectedRows)
    return fail(`history should hold ${expectedRows} daily rows`, "history", -1, String(rows.length));

  // Read-outs: finite, non-negative, and the agent counts agree with the arrays.
  const r = sim.metrics();
  const newest = rows[rows.length - 1]!;
  for (const { key } of READOUTS) {
    if (!nonNegative(r[key])) return fail("read-out not finite and ≥ 0", `readouts.${key}`, -1, show(r[key]));
    if (!nonNegative(newest[key]))
      return fail("history read-out not finite and ≥ 0", `history[${rows.length - 1}].${key}`, -1, show(newest[key]));
  }
  let m1 = 0;
  let m2 = 0;
  let msc = 0;
  for (let k = 0; k < size; k++) {
    const c = cell[k];
    if (c === Cell.kupffer) {
      if (state[k] === KupState.m1) m1++;
      else if (state[k] === KupState.m2) m2++;
    } else if (c === Cell.msc) msc++;
  }
  if (r.m1_kupffer !== m1)
    return fail(`M1 Kupffer count differs from the lattice (${m1})`, "readouts.m1_kupffer", -1, show(r.m1_kupffer));
  if (r.m2_kupffer !== m2)
    return fail(`M2 Kupffer count differs from the lattice (${m2})`, "readouts.m2_kupffer", -1, show(r.m2_kupffer));
  if (r.msc_simulated !== msc)
    return fail(
      `MSC agent count differs from the lattice (${msc})`,
      "readouts.msc_simulated",
      -1,
      show(r.msc_simulated),
    );
  return null;
}

/**
 * The same simulation, checked: the state is checked now, then every `everySteps` steps (counted
 * from day 0), at the end of the run and after a reconfiguration. A violation throws an
 * InvariantError whose message is the report.
 */
export function withInvariantChecks(sim: Simulation, everySteps: number): Simulation {
  if (!(Number.isInteger(everySteps) && everySteps >= 1))
    throw new RangeError(`everySteps ${everySteps}: allowed a whole number ≥ 1`);
  const check = () => {
    const v = checkInvariants(sim);
    if (v) throw new InvariantError(v);
  };
  check();
  return {
    get state() {
      return sim.state;
    },
    get totalSteps() {
      return sim.totalSteps;
    },
    metrics: () => sim.metrics(),
    history: () => sim.history(),
    done: () => sim.done(),
    reconfigure(next) {
      const applied = sim.reconfigure(next);
      if (applied) check();
      return applied;
    },
    step(n = 1) {
      let taken = 0;
      while (taken < n) {
        const toCheck = everySteps - (sim.state.step % everySteps);
        const got = sim.step(Math.min(n - taken, toCheck));
        taken += got;
        if (got === 0) break;
        if (sim.state.step % everySteps === 0 || sim.done()) check();
      }
      return taken;
    },
  };
}
