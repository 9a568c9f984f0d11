/**
 * *Follow a cell*: the card's words from two successive records of the same cell (model
 * metrics/cell-record.ts): what it is, what it senses, what it did since the last look, and which
 * rule of docs/model.md acts on it now. Pure, so it is tested without a page; strings in text.ts.
 */
import { Cell, HepState, HscState, KupState, MscState, Vessel } from "../model/lattice/codes";
import type { CellRecord } from "../model/metrics/cell-record";
import type { Infusion } from "../model/params/scenario-schema";
import { FOLLOW_TEXT as T } from "./text";

export function kindName(cell: number, state: number): string {
  if (cell === Cell.hepatocyte) return T.hepatocyte[state] ?? T.hepatocyte[0];
  if (cell === Cell.stellate) return T.stellate[state] ?? T.stellate[0];
  if (cell === Cell.kupffer) return T.kupffer[state] ?? T.kupffer[0];
  if (cell === Cell.msc) return T.msc[(state & 3) === MscState.engrafted ? 1 : 0];
  return T.empty;
}

/** The rule of docs/model.md that acts on this cell now: the card's "why" line. */
export function ruleNow(r: CellRecord): string {
  const R = T.rules;
  if (!r.alive) return R.dead;
  switch (r.cell) {
    case Cell.hepatocyte:
      if (r.state === HepState.cycling) return R.hepatocyteCycling;
      if (r.state === HepState.senescent) return R.hepatocyteSenescent;
      return r.damage > 0.05 ? R.hepatocyteDamaged : R.hepatocyte;
    case Cell.stellate:
      return r.state === HscState.activated ? R.stellateActivated : R.stellateQuiescent;
    case Cell.kupffer:
      return r.state === KupState.m1 ? R.kupfferM1 : r.state === KupState.m2 ? R.kupfferM2 : R.kupfferM0;
    case Cell.msc:
      return (r.state & 3) === MscState.engrafted ? R.mscEngrafted : R.mscHoming;
    default:
      return "";
  }
}

/** What changed between two looks at the same cell (first look: nothing). */
export function events(prev: CellRecord | null, next: CellRecord): string[] {
  const E = T.events;
  if (!prev) return [];
  if (prev.alive && !next.alive) return [E.died];
  const out: string[] = [];
  if (prev.cell !== next.cell) out.push(E.became(kindName(next.cell, next.state)));
  else if (prev.state !== next.state) {
    if (next.cell === Cell.stellate) out.push(next.state === HscState.activated ? E.activated : E.quiesced);
    else if (next.cell === Cell.kupffer) out.push(E.turned(["M0", "M1", "M2"][next.state] ?? "?"));
    else if (next.cell === Cell.hepatocyte && next.state === HepState.cycling) out.push(E.enteredCycle);
    else if (next.cell === Cell.hepatocyte && next.state === HepState.senescent) out.push(E.senescent);
    else if (next.cell === Cell.msc && (next.state & 3) === MscState.engrafted) out.push(E.engrafted);
  }
  // A hepatocyte that divided was cycling and is normal again; other cells' daughters are told as new neighbours.
  const wasCycling =
    prev.cell === Cell.hepatocyte && prev.state === HepState.cycling && next.state !== HepState.cycling;
  if (next.newNeighbours > 0 && (next.cell !== Cell.hepatocyte || wasCycling))
    out.push(next.cell === Cell.hepatocyte ? E.divided(next.newNeighbours) : E.newNeighbours(next.newNeighbours));
  else if (wasCycling) out.push(E.leftCycle);
  if (prev.site !== next.site) out.push(E.moved(Math.abs(next.x - prev.x) + Math.abs(next.y - prev.y)));
  if (next.damage > prev.damage + 0.1) out.push(E.damaged);
  else if (next.damage < prev.damage - 0.1) out.push(E.repaired);
  return out;
}

export interface StoryContext {
  siteMicrometres: number;
  infusions: readonly Infusion[];
  /** Simulated MSCs per real MSC (display amplification). */
  amplification: number;
}

const fmt = (v: number) =>
  v === 0 ? "0" : Math.abs(v) < 0.001 ? "< 0.001" : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(2);

/** The card's title and lines: identity, age, place, what it senses. */
export function describe(r: CellRecord, ctx: StoryContext): { title: string; lines: string[] } {
  const title = r.alive ? kindName(r.cell, r.state) : T.diedHere;
  const um = ctx.siteMicrometres / 1000;
  const inSinusoid = r.vessel === Vessel.sinusoid || r.vessel === Vessel.capillarised;
  const lines = [T.where(r.x, r.y, fmt(r.x * um), fmt(r.y * um), inSinusoid)];
  if (r.ageDays === null) lines.push(T.fromDay0);
  else if (r.placedByTherapy) {
    const inf = r.infusion === null ? undefined : ctx.infusions[r.infusion];
    const how = inf ? T.infusion(r.infusion! + 1, inf.source, inf.route.replace("-", " "), inf.day) : "";
    lines.push(T.arrived(fmt(r.ageDays), how));
    if (ctx.amplification > 1) lines.push(T.amplified(fmt(ctx.amplification)));
  } else lines.push(T.born(fmt(r.ageDays), r.originSite === r.site));
  if (r.alive && r.cell === Cell.hepatocyte) lines.push(T.damage(Math.round(r.damage * 100)));
  if (r.collagen > 0.05) lines.push(T.collagen(Math.round(r.collagen * 100)));
  const s = r.senses;
  lines.push(T.senses(fmt(s.hgf ?? 0), fmt(s.tnf ?? 0), fmt(s.tgfb ?? 0), fmt(s.il10 ?? 0), fmt(s.oxygen ?? 0)));
  return { title: title[0]!.toUpperCase() + title.slice(1), lines };
}
