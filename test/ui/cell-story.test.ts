/** Follow a cell: the model's record of a real cell, and the card's story from two looks at it. */
import { describe, expect, it } from "vitest";
import { Cell, HepState, HscState } from "../../src/model/lattice/codes";
import { type CellRecord, cellRecord, findCell } from "../../src/model/metrics/cell-record";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { createSimulation } from "../../src/model/simulation";
import { describe as story, events, ruleNow } from "../../src/ui/cell-story";

const base: CellRecord = {
  site: 10,
  x: 10,
  y: 0,
  alive: true,
  cell: Cell.stellate,
  state: HscState.quiescent,
  timerHours: 0,
  damage: 0,
  collagen: 0,
  born: 0,
  origin: 10,
  originSite: 10,
  placedByTherapy: false,
  ageDays: null,
  step: 24,
  day: 1,
  senses: { hgf: 0.5, tnf: 0.1, tgfb: 2, il10: 0, oxygen: 1 },
  vessel: 0,
  infusion: null,
  newNeighbours: 0,
};
const ctx = { siteMicrometres: 20, infusions: [], amplification: 1 };

describe("the cell story", () => {
  it("tells activation, moves, division and death, and names the rule acting now", () => {
    const active = { ...base, state: HscState.activated, step: 48, day: 2 };
    expect(events(base, active)).toEqual(["activated"]);
    expect(ruleNow(active)).toMatch(/^Stellate cells, Reversion and apoptosis/);
    expect(events(active, { ...active, site: 12, x: 12, newNeighbours: 1 })).toEqual([
      "a new cell of its kind appeared beside it (its daughter, or a neighbour's)",
      "moved 2 sites",
    ]);
    expect(events(active, { ...active, alive: false })).toEqual(["died"]);
    const cycling = { ...base, cell: Cell.hepatocyte, state: HepState.cycling };
    expect(events(cycling, { ...cycling, state: HepState.normal, newNeighbours: 1 })).toEqual([
      "divided (a daughter beside it)",
    ]);
    // A normal hepatocyte beside a neighbour's daughter did not divide.
    expect(
      events({ ...cycling, state: HepState.normal }, { ...cycling, state: HepState.normal, newNeighbours: 1 }),
    ).toEqual([]);
    expect(story(active, ctx).lines.at(-1)).toBe(
      "Senses HGF 0.50, TNF 0.10, TGF-β 2.0, IL-10 0, O₂ 1.0 (model units).",
    );
  });
});

describe("the model's cell record", () => {
  it("finds a therapy MSC again by its identity after it moved, with its infusion and age", () => {
    const s = resolveScenario(
      { preset: "early-cirrhosis-bm-msc-portal-vein", seed: 5, days: 3, lattice: { width: 48, height: 48 } },
      presetLookup,
    );
    const sim = createSimulation(s);
    sim.step(1);
    const t = sim.state.tissue;
    const firsts: CellRecord[] = [];
    t.cell.forEach((c, k) => {
      if (c === Cell.msc) firsts.push(cellRecord(sim.state, k));
    });
    expect(firsts.length).toBeGreaterThan(0);
    for (const r of firsts)
      expect(r).toMatchObject({ cell: Cell.msc, placedByTherapy: true, infusion: 0, alive: true });
    sim.step(sim.state.derived.stepsPerDay);
    // A lost MSC whose site another cell has taken since is gone (-1): nothing to find.
    const later = firsts
      .map((f) => findCell(t, f.born, f.origin))
      .filter((k) => k >= 0)
      .map((k) => cellRecord(sim.state, k, firsts[0]!.step));
    const alive = later.filter((r) => r.alive);
    const lost = later.filter((r) => !r.alive);
    expect(alive.length).toBeGreaterThan(0);
    for (const r of alive) expect(r.cell === Cell.msc || r.cell === Cell.hepatocyte).toBe(true);
    const one = alive[0]!;
    expect(one.ageDays).toBeCloseTo(1 + 1 / sim.state.derived.stepsPerDay, 9);
    expect(story(one, { ...ctx, infusions: s.therapy.infusions }).lines.join(" ")).toMatch(
      /Arrived 1\.0 days ago with infusion 1: bone-marrow MSCs by portal vein, given on day 0/,
    );
    // An MSC lost since is found where it was lost, and told as such.
    for (const r of lost) expect(story(r, ctx).title).toBe("This cell died here");
  });
});
