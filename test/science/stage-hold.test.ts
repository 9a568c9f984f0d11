/**
 * Stages in balance with their continuing injury (docs/model.md, "Injury and disease stages",
 * "Holding intensity"): each untreated clinical preset keeps its CPA under the injury it declares.
 * Paired per seed: the drift is each seed's CPA minus its own day-0 CPA, so the stage's seed-to-seed
 * spread does not enter. A preset whose continuing injury were below its holding intensity (I = 0.15,
 * the value before the holding intensities were found) regresses ≈ 3 points by day 84 and fails.
 */
import { describe, expect, it } from "vitest";
import { meanSd, report, runToEnd, SEEDS } from "./harness";

/** 64²: the holding intensities were found at 96² (seeds 1–3); holding at another lattice and seeds is part of the claim. */
const SIZE = 64;
/** Largest mean drift of CPA (percentage points) allowed at day 28 or day 84: issue 17's "≤ 1 point". */
const HOLD_POINTS = 1;

const at = (h: ReturnType<typeof runToEnd>, day: number) => h.find((r) => r.day === day)!.cpa_percent;

describe("untreated stages hold under their continuing injury", () => {
  for (const preset of ["fibrosis-f3-untreated", "early-cirrhosis-untreated", "advanced-cirrhosis-untreated"]) {
    it(`${preset}: mean CPA drift within ±${HOLD_POINTS} point at days 28 and 84 (5 seeds, paired)`, () => {
      const d28: number[] = [];
      const d84: number[] = [];
      for (const seed of SEEDS) {
        const h = runToEnd(preset, seed, {}, SIZE);
        d28.push(at(h, 28) - at(h, 0));
        d84.push(at(h, 84) - at(h, 0));
      }
      report(`${preset} CPA drift day 28 (pp)`, d28);
      report(`${preset} CPA drift day 84 (pp)`, d84);
      expect(Math.abs(meanSd(d28).mean)).toBeLessThanOrEqual(HOLD_POINTS);
      expect(Math.abs(meanSd(d84).mean)).toBeLessThanOrEqual(HOLD_POINTS);
    }, 600_000);
  }
});
