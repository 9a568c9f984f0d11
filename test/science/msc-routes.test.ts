/**
 * Issue 17 item 5: route and dose act through the cells actually delivered. With the measured blood
 * compartment (docs/model.md, "Systemic blood compartment") the lung-trapped cells add about a
 * thousandth to plasma HGF, so intrahepatic routes, which put 13–17 times more cells in the section,
 * must beat intravenous, and more cells must do more. Paired per seed (same tissue, same draws), 64²,
 * CPA at day 14; each contrast's one-sided 95 % upper bound must lie below 0.
 * Seeds: 10 seeds left the portal-vein contrast's bound at +0.001 (per-seed differences −0.05 ± 0.09
 * points, 2026-12-06); 20 seeds give about 85 % power to detect a mean of −0.05 with that spread.
 */
import { describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { last, meanSd, report, runToEnd } from "./harness";

const SIZE = 64;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
/** One-sided 95 % t quantile for 19 degrees of freedom. */
const T95 = 1.729;

const cpa14 = (preset: string, seed: number, extra: ScenarioInput = {}) =>
  last(runToEnd(preset, seed, { days: 14, ...extra }, SIZE)).cpa_percent;
const dose = (d: number): ScenarioInput => ({
  therapy: { infusions: [{ day: 0, source: "bone-marrow", route: "hepatic-artery", dose_cells_per_kg: d }] },
});

/** Prints the paired contrast and returns its one-sided 95 % upper bound. */
function upperBound(label: string, xs: number[]): number {
  report(label, xs);
  const { mean, sd } = meanSd(xs);
  return mean + (T95 * sd) / Math.sqrt(xs.length);
}

describe("MSC routes and doses", () => {
  it("beat intravenous by the intrahepatic routes, and do more with more cells (day 14)", () => {
    const c = {
      untreated: [] as number[],
      iv: [] as number[],
      ha: [] as number[],
      pv: [] as number[],
      ha4: [] as number[],
    };
    for (const seed of SEEDS) {
      c.untreated.push(cpa14("early-cirrhosis-untreated", seed));
      c.iv.push(cpa14("early-cirrhosis-bm-msc-iv", seed));
      c.ha.push(cpa14("early-cirrhosis-bm-msc-hepatic-artery", seed));
      c.pv.push(cpa14("early-cirrhosis-bm-msc-portal-vein", seed));
      c.ha4.push(cpa14("early-cirrhosis-bm-msc-hepatic-artery", seed, dose(4e6)));
    }
    const minus = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);
    // Printed, not asserted: one intravenous dose against its untreated twin (no benefit expected).
    report("ΔCPA day 14, IV 10⁶/kg − untreated (points)", minus(c.iv, c.untreated));
    const bounds = {
      haVsUntreated: upperBound("ΔCPA day 14, hepatic artery − untreated", minus(c.ha, c.untreated)),
      haVsIv: upperBound("ΔCPA day 14, hepatic artery − IV", minus(c.ha, c.iv)),
      pvVsIv: upperBound("ΔCPA day 14, portal vein − IV", minus(c.pv, c.iv)),
      dose: upperBound("ΔCPA day 14, hepatic artery 4 × 10⁶/kg − 10⁶/kg", minus(c.ha4, c.ha)),
    };
    console.log("one-sided 95 % upper bounds:", bounds);
    expect(bounds.haVsUntreated).toBeLessThan(0);
    expect(bounds.haVsIv).toBeLessThan(0);
    expect(bounds.pvVsIv).toBeLessThan(0);
    expect(bounds.dose).toBeLessThan(0);
  }, 900_000);
});
