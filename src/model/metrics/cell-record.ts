/**
 * One cell as the model holds it, for *Follow a cell*: where it is, what it is, how old, what it
 * senses at its site, and (for an MSC) which infusion brought it. Found by its identity
 * (lattice/identity.ts), so the same cell is found again after it moved.
 */
import { FIELDS } from "../fields/registry";
import { Cell } from "../lattice/codes";
import { PLACED_BY_THERAPY, VACATED } from "../lattice/identity";
import { DX, DY } from "../lattice/neighbours";
import type { TissueState } from "../lattice/state";
import type { SimState } from "../sim-state";

export interface CellRecord {
  site: number;
  x: number;
  y: number;
  /** false: the cell died; `site` is where (its identity stays there until another cell takes the site). */
  alive: boolean;
  /** Cell code and state (lattice/codes) now, or of the empty site where it died. */
  cell: number;
  state: number;
  /** Hours in the current state (cell-cycle progress; MSC age in hours). */
  timerHours: number;
  damage: number;
  collagen: number;
  born: number;
  origin: number;
  /** Where the cell arose: by division or niche refill, or where therapy placed it. */
  originSite: number;
  placedByTherapy: boolean;
  /** Days since the cell arose, or null when it was present at day 0. */
  ageDays: number | null;
  /** Run step and day of this record. */
  step: number;
  day: number;
  /** Every diffusible field at the site, by key (registry FIELDS). */
  senses: Record<string, number>;
  /** The vessel code of the site (lattice/codes Vessel). */
  vessel: number;
  /** MSCs: the index of the therapy infusion that brought it. */
  infusion: number | null;
  /** Cells of its type around it that arose after `sinceStep` (its daughters, when it divided). */
  newNeighbours: number;
}

/** The site holding the cell named (born, origin): the living cell, else where it died; -1 if neither. */
export function findCell(t: TissueState, born: number, origin: number): number {
  let died = -1;
  for (let k = 0; k < t.size; k++) {
    if (t.born[k] !== born || t.origin[k] !== origin) continue;
    if (t.cell[k] !== Cell.empty) return k;
    died = k;
  }
  return born === VACATED ? -1 : died;
}

export function cellRecord(sim: SimState, k: number, sinceStep = sim.step): CellRecord {
  const t = sim.tissue;
  const x = k % t.width;
  const y = Math.floor(k / t.width);
  const stepsPerDay = sim.derived.stepsPerDay;
  const born = t.born[k]!;
  const origin = t.origin[k]!;
  const alive = t.cell[k] !== Cell.empty;
  const senses: Record<string, number> = {};
  FIELDS.forEach((f, i) => {
    senses[f.key] = t.fields[i]![y * t.pitch + x]!;
  });
  let newNeighbours = 0;
  for (let d = 1; d < DX.length; d++) {
    const nx = x + DX[d]!;
    const ny = y + DY[d]!;
    if (nx < 0 || ny < 0 || nx >= t.width || ny >= t.height) continue;
    const n = ny * t.width + nx;
    if (alive && t.cell[n] === t.cell[k] && t.born[n] !== VACATED && t.born[n]! > sinceStep && t.origin[n] === n)
      newNeighbours++;
  }
  return {
    site: k,
    x,
    y,
    alive,
    cell: t.cell[k]!,
    state: t.state[k]!,
    timerHours: t.timer[k]! * sim.derived.dt,
    damage: t.damage[k]!,
    collagen: t.collagen[k]!,
    born,
    origin,
    originSite: (origin & ~PLACED_BY_THERAPY) >>> 0,
    placedByTherapy: (origin & PLACED_BY_THERAPY) !== 0,
    ageDays: born === 0 ? null : (sim.step - (born - 1)) / stepsPerDay,
    step: sim.step,
    day: sim.step / stepsPerDay,
    senses,
    vessel: t.vessel[k]!,
    infusion: alive && t.cell[k] === Cell.msc ? t.state[k]! >> 2 : null,
    newNeighbours,
  };
}
