/**
 * `msc_differentiated_total` counts real cells whatever the display amplification A: each agent
 * differentiates at the real per-cell rate ÷ A, so the expected number of events does not depend on A
 * and each event is one real cell (issue 17: the read-out used to divide by A a second time).
 */
import { describe, expect, it } from "vitest";
import { last, meanSd, report, runToEnd, SEEDS } from "./harness";

/** A rodent intraparenchymal dose that puts ≈ 7 real MSCs in a 64² section, with a high differentiation rate so events are counted in days. */
const doc = (amplification: number) => ({
  days: 4,
  species: "rat" as const,
  therapy: {
    infusions: [{ day: 0, source: "bone-marrow" as const, route: "intraparenchymal" as const, dose_cells_per_kg: 1e7 }],
  },
  parameters: { "msc.differentiation_rate": 0.05, "msc.display_amplification": amplification },
});

describe("differentiation read-out", () => {
  it("gives the same number of real cells at A = 8 and A = 32, within noise", () => {
    const byA: Record<number, number[]> = { 8: [], 32: [] };
    for (const seed of SEEDS)
      for (const a of [8, 32])
        byA[a]!.push(last(runToEnd("early-cirrhosis-untreated", seed, doc(a), 64)).msc_differentiated_total);
    const low = report("MSCs differentiated by day 4, A = 8 (real cells)", byA[8]!, 1);
    const high = report("MSCs differentiated by day 4, A = 32 (real cells)", byA[32]!, 1);
    expect(low.mean).toBeGreaterThan(3);
    const diffs = byA[8]!.map((v, i) => v - byA[32]![i]!);
    const d = meanSd(diffs);
    const se = d.sd / Math.sqrt(diffs.length);
    console.log(`paired difference A = 8 − A = 32: ${d.mean.toFixed(1)} ± ${se.toFixed(1)} (SE)`);
    // Dividing by A twice would make the A = 8 count 4× the A = 32 count.
    expect(Math.abs(d.mean)).toBeLessThan(Math.max(2.5 * se, 0.3 * high.mean));
  }, 300_000);
});
