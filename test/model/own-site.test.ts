/**
 * The own-site phase visits each agent type's sites from a counting sort by cell code. That must
 * equal applying the rules site by site in raster order (hepatocyte, then niche refill where the
 * site is or just became empty, then stellate, Kupffer, MSC): the rules read no other site's
 * changing state, and every draw is keyed by its site.
 */
import { describe, expect, it } from "vitest";
import { hepatocyteOwnSite } from "../../src/model/agents/hepatocyte";
import { kupfferOwnSite } from "../../src/model/agents/kupffer";
import { mscOwnSite } from "../../src/model/agents/msc";
import { computeNeighbourhoods } from "../../src/model/schedule/neighbourhoods";
import { ownSiteRows } from "../../src/model/schedule/own-site";
import type { RuleConstants } from "../../src/model/agents/rates";
import { siteGroups, sortSitesByCell } from "../../src/model/schedule/site-lists";
import { stellateNicheRefill, stellateOwnSite } from "../../src/model/agents/stellate";
import type { Simulation } from "../../src/model/simulation";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { Cell } from "../../src/model/lattice/codes";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { streamKey } from "../../src/model/rng/counter";
import type { SimState } from "../../src/model/sim-state";

/** Injured F2 tissue with MSCs injected into it: every rule (and the death → refill path) acts. */
function injuredTreated(): Simulation {
  const sim = createSimulation(
    resolveScenario(
      {
        preset: "chronic-injury-f2",
        seed: 11,
        lattice: { width: 64, height: 48 },
        therapy: { infusions: [{ day: 0, source: "bone-marrow", route: "intraparenchymal", dose_cells_per_kg: 2e7 }] },
      },
      presetLookup,
    ),
  );
  sim.step(12);
  return sim;
}

/** The rules applied site by site in raster order, each on a one-site list. */
function rasterReference(s: SimState, rc: RuleConstants, key: number): { deaths: number; differentiated: number } {
  const { cell, size } = s.tissue;
  const one = new Int32Array(1);
  let deaths = 0;
  let differentiated = 0;
  for (let k = 0; k < size; k++) {
    one[0] = k;
    const c = cell[k]!;
    if (c === Cell.hepatocyte) {
      const died = hepatocyteOwnSite(s, rc.hepatocyte, key, one, 0, 1);
      deaths += died;
      if (died) stellateNicheRefill(s, rc.stellate, key, one, 0, 1);
    } else if (c === Cell.empty) stellateNicheRefill(s, rc.stellate, key, one, 0, 1);
    else if (c === Cell.stellate) stellateOwnSite(s, rc.stellate, key, one, 0, 1);
    else if (c === Cell.kupffer) kupfferOwnSite(s, rc.kupffer, key, one, 0, 1);
    else if (c === Cell.msc) differentiated += mscOwnSite(s, rc.msc, key, one, 0, 1);
  }
  return { deaths, differentiated };
}

function observed(s: SimState) {
  const t = s.tissue;
  return [t.cell, t.state, t.timer, t.damage, ...t.fields, s.derived.scratch.candidate].map((a) => Array.from(a));
}

describe("site lists", () => {
  it("group a range's sites by cell code, ascending, each site once, leaving the rest of the list alone", () => {
    const backing = Uint8Array.from({ length: 201 }, (_, k) => (k * 7919) % 5);
    // Even and odd ends, and a layer at an odd byte offset (counted one site at a time).
    for (const [cell, k0, k1] of [
      [backing.subarray(0, 200), 30, 170],
      [backing.subarray(0, 200), 31, 167],
      [backing.subarray(1), 0, 200],
      [backing.subarray(1), 7, 8],
    ] as const) {
      const list = new Int32Array(200).fill(-1);
      const at = Array.from(sortSitesByCell(cell, list, k0, k1, siteGroups()));
      expect(at[0]).toBe(k0);
      expect(at[5]).toBe(k1);
      for (let c = 0; c < 5; c++) {
        const expected = [];
        for (let k = k0; k < k1; k++) if (cell[k] === c) expected.push(k);
        expect(Array.from(list.subarray(at[c]!, at[c + 1]!))).toEqual(expected);
      }
      expect([...list.subarray(0, k0), ...list.subarray(k1)].every((v) => v === -1)).toBe(true);
    }
  });
});

describe("own-site phase", () => {
  it("equals the rules applied site by site in raster order, over several steps of injured, treated tissue", () => {
    const a = injuredTreated();
    const b = injuredTreated();
    let deaths = 0;
    let refills = 0;
    let mscs = 0;
    for (let step = 0; step < 4; step++) {
      const key = streamKey(a.state.seed, a.state.clock);
      for (const sim of [a, b]) computeNeighbourhoods(sim.state, sim.state.derived.rc.contact, true);
      const stellateBefore = a.state.tissue.cell.filter((c) => c === Cell.stellate).length;
      mscs += a.state.tissue.cell.filter((c) => c === Cell.msc).length;
      const tally = { deaths: 0, differentiated: 0 };
      const { height: h } = a.state.tissue;
      // Frequent deaths and niche refills, so the death → refill path is exercised many times.
      const base = a.state.derived.rc;
      const rc = {
        ...base,
        hepatocyte: { ...base.hepatocyte, apoptosisP: 0.2 },
        stellate: { ...base.stellate, hscNicheRefill: 20 },
      };
      // Two strips, as a split run would do them.
      ownSiteRows(a.state, rc, key, true, tally, 0, 20);
      ownSiteRows(a.state, rc, key, true, tally, 20, h);
      const reference = rasterReference(b.state, rc, key);
      expect(tally).toEqual(reference);
      expect(observed(a.state)).toEqual(observed(b.state));
      deaths += tally.deaths;
      refills += a.state.tissue.cell.filter((c) => c === Cell.stellate).length - stellateBefore;
      a.step(1);
      b.step(1);
    }
    console.log(
      `own-site phase: ${deaths} hepatocyte deaths, ${mscs} MSC-site visits, net stellate change ${refills} over 4 steps`,
    );
    expect(deaths).toBeGreaterThan(100);
    expect(refills).toBeGreaterThan(0);
    expect(mscs).toBeGreaterThan(0);
  });
});
