/**
 * One thread's share of a parallel step: the engine's phase list, each phase run on this thread's
 * row strip or column block, with a barrier after every phase. Thread 0 is the coordinator: it
 * alone runs the serial phases and publishes their scalars, and it adds up the tallies. Every
 * thread runs identical arithmetic per site as the one-thread engine, so results are bit-identical.
 */
import { closeStep, freshTally, type Phase, stepContext, TALLY_KEYS } from "../../model/engine";
import { cycleIndex } from "../../model/fields/update";
import type { SimState } from "../../model/sim-state";
import { barrier, CTRL, ranges } from "./barrier";
import { type ChunkPlan, shareInterval } from "./chunks";
import { loadScalars, publishScalars, TALLY_BASE } from "./shared";

export interface StripRole extends ChunkPlan {
  rows: [number, number];
  cols: [number, number];
  scalars: Float64Array;
}

/** Thread `me` of `parties` on a width × height lattice: row strip and column block `me`. */
export function stripRole(
  me: number,
  parties: number,
  width: number,
  height: number,
  ctrl: Int32Array,
  scalars: Float64Array,
): StripRole {
  const rowRanges = ranges(height, parties);
  const colRanges = ranges(width, parties);
  return { me, parties, rows: rowRanges[me]!, cols: colRanges[me]!, rowRanges, colRanges, ctrl, scalars };
}

function runPhase(
  phase: Phase,
  sim: SimState,
  c: ReturnType<typeof stepContext>,
  role: StripRole,
  last: boolean,
): void {
  const { ctrl, parties } = role;
  switch (phase.split) {
    case "serial":
      if (role.me === 0) {
        phase.run(c, 0, 0);
        publishScalars(role.scalars, sim);
      }
      barrier(ctrl, parties);
      if (role.me !== 0) loadScalars(role.scalars, sim);
      return;
    case "rows":
      phase.run(c, role.rows[0], role.rows[1]);
      break;
    case "cols":
      phase.run(c, role.cols[0], role.cols[1]);
      break;
    case "diffuse": {
      const f = phase.field!;
      const slot = phase.slot!;
      const op = sim.derived.fieldStages[cycleIndex(sim, phase.substep!)]!.operators[f]!;
      sim.fieldSet.relaxRows(slot, op, role.rows[0], role.rows[1]);
      barrier(ctrl, parties);
      sim.fieldSet.relaxColumns(f, slot, op, role.cols[0], role.cols[1]);
      break;
    }
  }
  // After the last phase the tally barrier (runStripStep) is the one that matters.
  if (!last) barrier(ctrl, parties);
}

/** Is phases[i] a field's sources, directly followed by that field's diffusion? */
function fieldPair(phases: readonly Phase[], i: number): boolean {
  const p = phases[i];
  const next = phases[i + 1];
  return p?.split === "rows" && p.reads !== undefined && next?.split === "diffuse" && next.field === p.field;
}

/**
 * The field phases with fewer barriers, same arithmetic: a field's sources and its row sweeps touch
 * only their own rows, so they run back to back, chunk by chunk; its column sweeps need every row
 * (one barrier); and the next field's sources and rows share the interval with this field's
 * columns, unless they read this field (VEGF reads oxygen). Chunks are shared (chunks.ts): a
 * thread that finishes its own takes what is left of the others'. Returns the index after the last
 * phase run.
 */
function runFieldPairs(
  phases: readonly Phase[],
  start: number,
  sim: SimState,
  c: ReturnType<typeof stepContext>,
  role: StripRole,
): number {
  const { ctrl, parties } = role;
  let i = start;
  let columns: ((x0: number, x1: number) => void) | null = null;
  for (;;) {
    const f = phases[i]!.field!;
    const slot = phases[i]!.slot!;
    const fields = sim.fieldSet;
    const op = sim.derived.fieldStages[cycleIndex(sim, phases[i]!.substep!)]!.operators[f]!;
    const sources = phases[i]!;
    shareInterval(role, columns, (y0, y1) => {
      sources.run(c, y0, y1);
      fields.relaxRows(slot, op, y0, y1);
    });
    barrier(ctrl, parties);
    columns = (x0, x1) => fields.relaxColumns(f, slot, op, x0, x1);
    i += 2;
    if (!fieldPair(phases, i) || phases[i]!.reads!.includes(f)) break;
  }
  shareInterval(role, columns, null);
  barrier(ctrl, parties);
  return i;
}

/** Runs one step on this thread's share. On thread 0, returns after the step is complete. */
export function runStripStep(sim: SimState, role: StripRole, generating: boolean): void {
  const c = stepContext(sim, generating);
  const phases = sim.derived.phases;
  for (let i = 0; i < phases.length; ) {
    if (fieldPair(phases, i)) i = runFieldPairs(phases, i, sim, c, role);
    else {
      runPhase(phases[i]!, sim, c, role, i === phases.length - 1);
      i++;
    }
  }
  const base = TALLY_BASE + TALLY_KEYS.length * role.me;
  TALLY_KEYS.forEach((key, i) => {
    role.scalars[base + i] = c.tally[key];
  });
  barrier(role.ctrl, role.parties);
  if (role.me !== 0) return;
  const total = freshTally();
  for (let w = 0; w < role.parties; w++) {
    const b = TALLY_BASE + TALLY_KEYS.length * w;
    TALLY_KEYS.forEach((key, i) => {
      total[key] += role.scalars[b + i]!;
    });
  }
  closeStep(sim, generating, total);
  publishScalars(role.scalars, sim);
}

/** A helper thread's loop: wait for a command, run its share of the step, repeat until told to exit. */
export function serveStrips(sim: SimState, role: StripRole): void {
  // Commands are numbered from 1: start from 0, not from the current value, or a command issued
  // between this thread saying "ready" and reaching this line would be missed (deadlock).
  let seen = 0;
  for (;;) {
    while (Atomics.load(role.ctrl, CTRL.seq) === seen) Atomics.wait(role.ctrl, CTRL.seq, seen, 1000);
    seen++;
    if (Atomics.load(role.ctrl, CTRL.error)) return;
    const cmd = Atomics.load(role.ctrl, CTRL.cmd);
    if (cmd !== 1) return;
    loadScalars(role.scalars, sim);
    runStripStep(sim, role, Atomics.load(role.ctrl, CTRL.generating) === 1);
  }
}
