/**
 * `crosslinked_percent` is the mean cross-linked fraction of stained scar. Vessel walls are stained
 * (CPA counts them) but never cross-link, so counting them made a fully cross-linked scar read lower
 * the more of it regressed (docs/model.md, Read-outs).
 */
import { describe, expect, it } from "vitest";
import { Vessel } from "../../src/model/lattice/codes";
import { computeReadouts } from "../../src/model/metrics/readouts";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";

describe("crosslinked_percent", () => {
  const sim = createSimulation(
    resolveScenario({ preset: "healthy", seed: 3, lattice: { width: 32, height: 32 } }, presetLookup),
  );
  const { collagen, crosslink, vessel } = sim.state.tissue;
  const isWall = (k: number) => vessel[k] === Vessel.centralVein || vessel[k] === Vessel.portalTract;
  const tissueSites = [...collagen.keys()].filter((k) => !isWall(k));

  it("reads a fully cross-linked scar as 100 % however much of it is left", () => {
    expect(tissueSites.length).toBeLessThan(collagen.length); // the section has walls to leave out
    for (const share of [0.3, 0.05]) {
      collagen.fill(0);
      crosslink.fill(0);
      for (let k = 0; k < collagen.length; k++) if (isWall(k)) collagen[k] = 1;
      const scar = tissueSites.slice(0, Math.round(share * tissueSites.length));
      for (const k of scar) {
        collagen[k] = 0.8;
        crosslink[k] = 1;
      }
      const r = computeReadouts(sim.state);
      expect(r.cpa_percent).toBeGreaterThan((100 * scar.length) / collagen.length); // walls still count in CPA
      expect(r.crosslinked_percent).toBe(100);
    }
  });

  it("averages the scar sites' cross-links, not faint collagen below the stain", () => {
    collagen.fill(0);
    crosslink.fill(0);
    const [a, b, faint] = tissueSites as [number, number, number];
    collagen[a] = 0.9;
    crosslink[a] = 1;
    collagen[b] = 0.9;
    crosslink[b] = 0.5;
    collagen[faint] = 0.1;
    crosslink[faint] = 0;
    expect(computeReadouts(sim.state).crosslinked_percent).toBeCloseTo(75, 12);
  });
});
