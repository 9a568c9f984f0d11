/**
 * The stage estimate (metrics/septa.ts): whole stages from CPA bands and bridging septa, and the
 * continuous index that progression rates in stages a year are read on (Poynard 1997's units).
 */
import { describe, expect, it } from "vitest";
import { continuousStage, estimateStage, STAGE_CPA_BANDS } from "../../src/model/metrics/septa";

const index = (cpa: number, bridging: number) => continuousStage(cpa, estimateStage(cpa, bridging));

describe("stage estimate", () => {
  it("needs bridging septa for F3 and F4 whatever the CPA", () => {
    expect(estimateStage(20, 100)).toBe(4);
    expect(estimateStage(20, 30)).toBe(3);
    expect(estimateStage(20, 0)).toBe(2);
  });

  it("continuous index: rises with CPA, is whole at each band edge and agrees with the whole stage", () => {
    let last = -1;
    for (let cpa = 0; cpa <= 30; cpa += 0.25) {
      const x = index(cpa, 100);
      expect(x).toBeGreaterThanOrEqual(last);
      expect(Math.floor(x)).toBe(Math.min(4, estimateStage(cpa, 100)));
      last = x;
    }
    for (const [i, edge] of STAGE_CPA_BANDS.entries()) expect(index(edge, 100)).toBe(i + 1);
    // Half way through F3's band (10–15 %) is 3.5; one CPA point there is a fifth of a stage.
    expect(index(12.5, 100)).toBeCloseTo(3.5, 12);
    expect(index(13.5, 100) - index(12.5, 100)).toBeCloseTo(0.2, 12);
  });

  it("continuous index: a stage held below its CPA band by missing septa goes no further than the next stage", () => {
    expect(index(20, 30)).toBe(4);
    expect(index(20, 0)).toBe(3);
  });
});
