/**
 * TIMP-1 (docs/model.md, Collagen): activated stellate cells make it and it inhibits MMP activity,
 * so scar next to activated cells degrades more slowly; where no activated cell is in reach the
 * collagen step is the same, bit for bit, whatever the inhibition strength.
 */
import { describe, expect, it } from "vitest";
import { collagenRows } from "../../src/model/agents/collagen";
import { computeCombos } from "../../src/model/fields/secretion";
import { Vessel } from "../../src/model/lattice/codes";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { activatedStellatesNear, computeNeighbourhoods, mmpUnitsNear } from "../../src/model/schedule/neighbourhoods";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";

/** Collagen after one collagen phase on a fixed scar (C = 0.6 everywhere, not cross-linked), at TIMP strength τ. */
function collagenAfterStep(tau: number) {
  const sim = createSimulation(
    resolveScenario({ preset: "chronic-injury-f2", seed: 5, lattice: { width: 40, height: 40 } }, presetLookup),
  );
  sim.step(48);
  const s = sim.state;
  computeCombos(s.tissue, s.derived.scratch.combo, 0, s.tissue.height);
  computeNeighbourhoods(s, s.derived.rc.contact, true);
  s.tissue.collagen.fill(0.6);
  s.tissue.crosslink.fill(0);
  collagenRows(s, { ...s.derived.rc.collagen, timpInhibition: tau }, 0, s.tissue.height);
  return {
    collagen: Float64Array.from(s.tissue.collagen),
    contact: s.derived.scratch.contact,
    vessel: s.tissue.vessel,
  };
}

describe("TIMP-1 inhibition of MMP degradation", () => {
  const off = collagenAfterStep(0);
  const on = collagenAfterStep(2);

  it("keeps more scar where activated stellate cells and MMP activity meet, and changes nothing elsewhere", () => {
    let slowed = 0;
    let untouched = 0;
    for (let k = 0; k < off.collagen.length; k++) {
      const v = off.vessel[k];
      if (v === Vessel.centralVein || v === Vessel.portalTract) continue;
      const box = off.contact[k]!;
      if (activatedStellatesNear(box) > 0 && mmpUnitsNear(box) > 0) {
        expect(on.collagen[k]).toBeGreaterThan(off.collagen[k]!);
        slowed++;
      } else if (activatedStellatesNear(box) === 0) {
        expect(on.collagen[k]).toBe(off.collagen[k]);
        untouched++;
      }
    }
    console.log(
      `TIMP-1 at τ = 2: ${slowed} sites degrade more slowly, ${untouched} sites without activated stellate cells unchanged`,
    );
    expect(slowed).toBeGreaterThan(20);
    expect(untouched).toBeGreaterThan(20);
  });
});
