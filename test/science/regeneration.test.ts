/**
 * A calibration check, not a validation (docs/model.md, "What the tests check"): after removal of
 * 2/3 of hepatocytes (rat partial hepatectomy) a proliferation wave restores the mass. The cycle
 * entry rate and cycle duration were set on these very data (DNA synthesis peaks ≈ 24 h after
 * resection, Zieve 1985; mass and DNA largely restored by day 7–10, Marongiu 2017; the registry
 * records both as `calibratedOn`), so the test guards the fit against later changes of other rules
 * and numerics; it is no evidence that the model is right.
 */
import { describe, expect, it } from "vitest";
import { report, runToEnd, SEEDS } from "./harness";

describe("regeneration after partial hepatectomy", () => {
  it("shows a proliferation wave peaking on day 1–2 and restores ≥ 90 % of mass by day 10", () => {
    const peakDay: number[] = [];
    const restoreDay: number[] = [];
    const peakIndex: number[] = [];
    for (const seed of SEEDS) {
      const h = runToEnd("partial-hepatectomy", seed, {}, 64);
      expect(h[0]!.hepatocyte_mass_percent).toBeLessThan(40);
      let best = h[0]!;
      for (const r of h) if (r.proliferation_index > best.proliferation_index) best = r;
      peakDay.push(best.day);
      peakIndex.push(best.proliferation_index);
      const restored = h.find((r) => r.hepatocyte_mass_percent >= 90);
      restoreDay.push(restored ? restored.day : Number.POSITIVE_INFINITY);
    }
    report("proliferation peak day", peakDay, 1);
    report("proliferation peak (% of hepatocytes in cycle)", peakIndex, 1);
    report("day mass ≥ 90 %", restoreDay, 1);
    for (const d of peakDay) expect(d).toBeGreaterThanOrEqual(1);
    for (const d of peakDay) expect(d).toBeLessThanOrEqual(2);
    for (const d of restoreDay) expect(d).toBeGreaterThanOrEqual(5);
    for (const d of restoreDay) expect(d).toBeLessThanOrEqual(10);
  }, 300_000);
});
