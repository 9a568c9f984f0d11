/** Cell identity (lattice/identity.ts): unique among the cells present, carried by movers, new for daughters, marked for therapy. */
import { describe, expect, it } from "vitest";
import { Cell } from "../../src/model/lattice/codes";
import { PLACED_BY_THERAPY, VACATED } from "../../src/model/lattice/identity";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { createSimulation } from "../../src/model/simulation";

function run(preset: string, days: number) {
  const s = resolveScenario({ preset, seed: 3, days, lattice: { width: 48, height: 48 } }, presetLookup);
  return createSimulation(s);
}

function pairs(t: { cell: Uint8Array; born: Uint32Array; origin: Uint32Array; size: number }) {
  const at = new Map<string, number>();
  for (let k = 0; k < t.size; k++) if (t.cell[k] !== Cell.empty) at.set(`${t.born[k]}:${t.origin[k]}`, k);
  return at;
}

describe("cell identity", () => {
  it("names every cell present uniquely, day 0 cells by their site; daughters by the step and site of their birth", () => {
    const sim = run("partial-hepatectomy", 3);
    const t = sim.state.tissue;
    const occupied = () => t.cell.reduce((n, c) => n + (c !== Cell.empty ? 1 : 0), 0);
    for (let k = 0; k < t.size; k++) expect([t.born[k], t.origin[k]]).toEqual([0, k]);
    while (!sim.done()) {
      sim.step(6);
      expect(pairs(t).size).toBe(occupied());
    }
    const spd = sim.state.derived.stepsPerDay;
    let daughters = 0;
    for (let k = 0; k < t.size; k++) {
      if (t.cell[k] === Cell.empty || t.born[k] === 0) continue;
      daughters++;
      expect(t.origin[k]).toBe(k); // nothing here moves but MSCs
      expect(t.born[k]).toBeLessThanOrEqual(3 * spd);
    }
    // The regeneration wave after hepatectomy: many divisions in three days.
    expect(daughters).toBeGreaterThan(50);
  });

  it("marks therapy's cells, carries a moving MSC's identity, and leaves VACATED where it left", () => {
    const sim = run("early-cirrhosis-bm-msc-portal-vein", 2);
    const t = sim.state.tissue;
    sim.step(1); // the day-0 infusion is placed
    const placed = [...pairs(t)].filter(([key]) => (Number(key.split(":")[1]) & PLACED_BY_THERAPY) !== 0);
    expect(placed.length).toBeGreaterThan(0);
    for (const [key, k] of placed) {
      expect(t.cell[k]).toBe(Cell.msc);
      // Placed in step 0 at the origin site, and at most one move away after it.
      const [born, origin] = key.split(":").map(Number);
      const from = origin! & ~PLACED_BY_THERAPY;
      expect(born).toBe(1);
      expect(Math.abs((from % 48) - (k % 48))).toBeLessThanOrEqual(1);
      expect(Math.abs(Math.floor(from / 48) - Math.floor(k / 48))).toBeLessThanOrEqual(1);
    }
    // Step by step: a mover's old site is VACATED after the step it left (nothing can enter it in that step).
    let moved = 0;
    for (let i = 0; i < sim.state.derived.stepsPerDay; i++) {
      const before = pairs(t);
      sim.step(1);
      const now = pairs(t);
      for (const [key, from] of before) {
        const k = now.get(key);
        if (k === undefined || k === from || t.cell[k] !== Cell.msc) continue;
        moved++;
        expect(t.cell[from]).toBe(Cell.empty);
        expect(t.born[from]).toBe(VACATED);
      }
    }
    expect(moved).toBeGreaterThan(0);
  });
});
