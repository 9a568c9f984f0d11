/**
 * Resolution of births and moves, independent of visiting order and of how the lattice is split:
 * (1) proposers wrote a direction into `intent`; (2) every free site picks, among the neighbours
 * pointing at it, the one with the highest hashed priority and places the new agent; (3) movers
 * whose claim won vacate their old site and successful mothers reset. Each pass writes only its
 * own site, so strips of the lattice can run the passes in parallel between barriers.
 */
import { Cell, HepState, HscState, MscState } from "../lattice/codes";
import { DX, DY, opposite } from "../lattice/neighbours";
import { hash4, uniformAt } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";
import { MOVE_FLAG } from "../agents/msc";
import type { RuleConstants } from "../agents/rates";
import { markBirth, moveIdentity, VACATED } from "../lattice/identity";
import { ROW_INTENT } from "./row-flags";

/**
 * Pass 2: each free site chooses its winner — among the neighbours pointing at it, the highest
 * hashed priority, ties to the lower index — and creates the daughter (or receives the mover).
 * Proposals are rare, so the pass starts from the proposers (rows y0 − 1 … y1 that proposed) rather
 * than from every free site; the winner is a maximum, so the visiting order does not matter.
 */
export function placeBirths(sim: SimState, rc: RuleConstants, key: number, y0: number, y1: number): void {
  const t = sim.tissue;
  const { width: w, height: h, cell, state, timer, damage } = t;
  const { intent, claim, rowFlags } = sim.derived.scratch;
  claim.fill(0, y0 * w, y1 * w);
  const local = sim.derived.local;
  if (local.targets.length < (y1 - y0) * w) local.targets = new Int32Array((y1 - y0) * w);
  const targets = local.targets;
  let claimed = 0;
  for (let y = Math.max(0, y0 - 1); y < Math.min(h, y1 + 1); y++) {
    if ((rowFlags[y]! & ROW_INTENT) === 0) continue;
    for (let n = y * w; n < (y + 1) * w; n++) {
      const it = intent[n]!;
      if (it === 0) continue;
      const d = it & 15;
      const tx = n - y * w + DX[d]!;
      const ty = y + DY[d]!;
      if (ty < y0 || ty >= y1 || tx < 0 || tx >= w) continue;
      const k = ty * w + tx;
      if (cell[k] !== Cell.empty) continue;
      const back = opposite(d);
      const current = claim[k]!;
      if (current === 0) targets[claimed++] = k;
      else {
        const rival = (ty + DY[current]!) * w + tx + DX[current]!;
        const p = hash4(key, 0, n, Purpose.divisionPriority);
        const q = hash4(key, 0, rival, Purpose.divisionPriority);
        if (!(p > q || (p === q && n < rival))) continue;
      }
      claim[k] = back;
    }
  }
  for (let i = 0; i < claimed; i++) {
    const k = targets[i]!;
    const d = claim[k]!;
    const winner = k + DY[d]! * w + DX[d]!;
    const type = cell[winner]!;
    cell[k] = type;
    timer[k] = 0;
    damage[k] = 0;
    if (type === Cell.msc && (intent[winner]! & MOVE_FLAG) !== 0) moveIdentity(t, winner, k);
    else markBirth(t, k, sim.step);
    if (type === Cell.hepatocyte) {
      state[k] =
        uniformAt(key, k, Purpose.hepatocyteSenescence) < rc.hepatocyte.senescencePerDivision
          ? HepState.senescent
          : HepState.normal;
    } else if (type === Cell.stellate) {
      state[k] = HscState.activated;
    } else if (type === Cell.msc) {
      const moving = (intent[winner]! & MOVE_FLAG) !== 0;
      state[k] = moving ? state[winner]! : (state[winner]! & ~3) | MscState.engrafted;
      if (moving) timer[k] = timer[winner]!;
    }
  }
}

/** Pass 3: movers that won leave their old site; mothers that divided reset. Returns hepatocyte divisions. */
export function finishBirths(sim: SimState, y0: number, y1: number): number {
  const t = sim.tissue;
  const { width: w, height: h, cell, state, timer } = t;
  const { intent, claim, rowFlags } = sim.derived.scratch;
  let hepatocyteDivisions = 0;
  for (let y = y0; y < y1; y++) {
    if ((rowFlags[y]! & ROW_INTENT) === 0) continue;
    for (let x = 0; x < w; x++) {
      const k = y * w + x;
      const it = intent[k]!;
      if (it === 0) continue;
      intent[k] = 0;
      const d = it & 15;
      const nx = x + DX[d]!;
      const ny = y + DY[d]!;
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
      if (claim[ny * w + nx] !== opposite(d)) continue;
      if (it & MOVE_FLAG) {
        cell[k] = Cell.empty;
        state[k] = 0;
        timer[k] = 0;
        t.born[k] = VACATED;
      } else if (cell[k] === Cell.hepatocyte) {
        state[k] = HepState.normal;
        timer[k] = 0;
        hepatocyteDivisions++;
      }
    }
  }
  return hepatocyteDivisions;
}
