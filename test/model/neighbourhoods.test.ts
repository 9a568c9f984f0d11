/**
 * The contact phase computes its densities with packed integer running sums and scatters MSC
 * contact from the MSCs: both must equal a direct count over every window, and the MSC scatter
 * must give the same bits however the rows are split.
 */
import { describe, expect, it } from "vitest";
import {
  computeNeighbourhoods,
  activatedStellatesNear,
  mmpUnitsNear,
  mscContact,
  scarRows,
  stellatesNear,
} from "../../src/model/schedule/neighbourhoods";
import { computeCombos } from "../../src/model/fields/secretion";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { Cell, HscState, KupState } from "../../src/model/lattice/codes";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";

function treatedRun() {
  const sim = createSimulation(
    resolveScenario(
      {
        preset: "early-cirrhosis-bm-msc-portal-vein",
        seed: 3,
        lattice: { width: 40, height: 36 },
        disease: { stage: "F2" },
        therapy: { infusions: [{ day: 0, source: "bone-marrow", route: "intraparenchymal", dose_cells_per_kg: 2e7 }] },
      },
      presetLookup,
    ),
  );
  sim.step(30);
  return sim;
}

describe("contact densities", () => {
  const sim = treatedRun();
  const s = sim.state;
  const { width: w, height: h, cell, state } = s.tissue;
  const rc = s.derived.rc.contact;
  // In a step the field phase has just written the (kind, vessel) combos the contact pass reads; after
  // a whole step, births and polarisation have changed the occupancy since, so write them again.
  computeCombos(s.tissue, s.derived.scratch.combo, 0, s.tissue.height);
  computeNeighbourhoods(s, rc, true);
  const { contact, mscNear } = s.derived.scratch;

  it("counts stellate cells, activated ones and Kupffer MMP units in every clipped 5×5 window", () => {
    let stellate = 0;
    let activated = 0;
    let units = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let all = 0;
        let act = 0;
        let mmp = 0;
        for (let yy = Math.max(0, y - 2); yy <= Math.min(h - 1, y + 2); yy++)
          for (let xx = Math.max(0, x - 2); xx <= Math.min(w - 1, x + 2); xx++) {
            const n = yy * w + xx;
            if (cell[n] === Cell.stellate) {
              all++;
              if (state[n] === HscState.activated) act++;
            } else if (cell[n] === Cell.kupffer) mmp += state[n] === KupState.m2 ? 4 : state[n] === KupState.m0 ? 1 : 0;
          }
        const box = contact[y * w + x]!;
        expect([stellatesNear(box), activatedStellatesNear(box), mmpUnitsNear(box)]).toEqual([all, act, mmp]);
        stellate += all;
        activated += act;
        units += mmp;
      }
    console.log(`window sums over ${w}×${h}: stellate ${stellate}, activated ${activated}, MMP units ${units}`);
    expect(stellate).toBeGreaterThan(0);
    expect(activated).toBeGreaterThan(0);
    expect(units).toBeGreaterThan(0);
  });

  it("sums the contact strength of every MSC within the contact radius", () => {
    const r = rc.mscContactRadius;
    let msc = 0;
    let reached = 0;
    for (let k = 0; k < w * h; k++) if (cell[k] === Cell.msc) msc++;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let expected = 0;
        for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++)
          for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
            const n = yy * w + xx;
            if (cell[n] === Cell.msc) expected = Math.fround(expected + s.mscProfiles[state[n]! >> 2]!.contact);
          }
        expect(mscNear[y * w + x]).toBe(expected);
        if (expected > 0) reached++;
      }
    console.log(`${msc} MSCs reach ${reached} of ${w * h} sites`);
    expect(msc).toBeGreaterThan(0);
    expect(reached).toBeGreaterThan(msc);
  });

  it("counts scar neighbours from the row triples the contact pass leaves (the bridging rule's count)", () => {
    const { collagen } = s.tissue;
    const T = rc.scarThreshold;
    scarRows(s, T, 0, h); // the contact pass makes them only while a toxin acts
    const rows = s.derived.scratch.scarRows;
    let scarSites = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const k = y * w + x;
        let direct = 0;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            const ny = y + dy;
            if ((dx || dy) && nx >= 0 && ny >= 0 && nx < w && ny < h && collagen[ny * w + nx]! >= T) direct++;
          }
        const fromRows = (y > 0 ? rows[k - w]! : 0) + rows[k]! + (y < h - 1 ? rows[k + w]! : 0) - +(collagen[k]! >= T);
        expect(fromRows).toBe(direct);
        if (collagen[k]! >= T) scarSites++;
      }
    console.log(`${scarSites} scar sites of ${w * h}`);
    expect(scarSites).toBeGreaterThan(0);
  });

  it("gives the same MSC contact bits when the rows are split into strips", () => {
    const whole = mscNear.slice();
    mscNear.fill(-1);
    for (const [y0, y1] of [
      [0, 7],
      [7, 8],
      [8, 23],
      [23, h],
    ] as const)
      mscContact(s, rc, true, y0, y1);
    expect(Buffer.from(mscNear.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
  });
});
