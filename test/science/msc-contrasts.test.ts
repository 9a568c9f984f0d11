/**
 * MSC contrasts at 128², paired per seed (same tissue, same draws), early cirrhosis (human). Both
 * tests start from the same day-0 stages (seeds 1–10), generated once in this file.
 *
 * Issue 17 item 5: route and dose act through the cells actually delivered. With the measured blood
 * compartment (docs/model.md, "Systemic blood compartment") the lung-trapped cells add about a
 * thousandth to plasma HGF, so intrahepatic routes, which put 13–17 times more cells in the section,
 * must beat intravenous, and more cells must do more: each contrast's one-sided 95 % upper bound must
 * lie below 0. Read-out: mean inflammation over days 1–7. Since a human stage hands over aged,
 * cross-linked scar (docs/model.md, "Scar age at hand-off"), day-14 CPA moves by a site or less at
 * these doses (printed); until then the test read CPA (2026-12-07: hepatic artery − untreated −0.016
 * ± 0.021 points on young scar; now +0.002 ± 0.004).
 * Seeds: 10 (a bound of about −0.006 expected for the weakest contrast, from the spread of seeds 1–8).
 *
 * Issue 4 (docs/model.md, "What the tests check"): the mechanisms' shares of a direct injection's
 * effect, by knock-out.
 */
import { describe, expect, it } from "vitest";
import type { Readouts } from "../../src/model/metrics/readouts";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { last, meanSd, report, runToEnd } from "./harness";

const SIZE = 128;
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
/** One-sided 95 % t quantile for 9 degrees of freedom. */
const T95 = 1.833;

const run14 = (preset: string, seed: number, extra: ScenarioInput = {}) =>
  runToEnd(preset, seed, { days: 14, ...extra }, SIZE);
const dose = (d: number): ScenarioInput => ({
  therapy: { infusions: [{ day: 0, source: "bone-marrow", route: "hepatic-artery", dose_cells_per_kg: d }] },
});

/** The knock-outs' significance level: the one-sided sign-test p of 9 positive seeds of 10. */
const SIGN_P = 0.011;

/** One-sided sign test that the differences are positive: P(≥ k positive of the n untied | p = ½). */
function signTestP(xs: number[]): number {
  const n = xs.filter((x) => x !== 0).length;
  const k = xs.filter((x) => x > 0).length;
  let choose = 1;
  let tail = 0;
  for (let i = 0; i <= n; i++) {
    if (i >= k) tail += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return tail / 2 ** n;
}

/** Mean of a read-out over days [from, to]. */
const window = (h: Readouts[], key: keyof Readouts, from: number, to: number) => {
  const rows = h.filter((r) => r.day >= from && r.day <= to);
  return rows.reduce((a, r) => a + r[key], 0) / rows.length;
};

/** Prints the paired contrast and returns its one-sided 95 % upper bound. */
function upperBound(label: string, xs: number[]): number {
  report(label, xs, 3);
  const { mean, sd } = meanSd(xs);
  return mean + (T95 * sd) / Math.sqrt(xs.length);
}

describe("MSC contrasts at 128²", () => {
  it("sign test: 9 of 10 positive gives p = 11/1024; ties are left out; all ties prove nothing", () => {
    expect(signTestP([1, 1, 1, 1, 1, 1, 1, 1, 1, -1])).toBeCloseTo(11 / 1024, 12);
    expect(signTestP([1, 1, 1, 1, 1, 1, 1, 1, 0, 0])).toBeCloseTo(1 / 256, 12);
    expect(signTestP([1, 1, 1, 1, 1, 1, 1, 1, -1, -1])).toBeCloseTo(56 / 1024, 12);
    expect(signTestP([0, 0, 0])).toBe(1);
  });

  it("beat intravenous by the intrahepatic routes, and do more with more cells (inflammation, week 1)", () => {
    const arms = ["untreated", "iv", "ha", "pv", "ha4"] as const;
    const infl = Object.fromEntries(arms.map((a) => [a, [] as number[]])) as Record<(typeof arms)[number], number[]>;
    const cpa = Object.fromEntries(arms.map((a) => [a, [] as number[]])) as Record<(typeof arms)[number], number[]>;
    for (const seed of SEEDS) {
      const runs = {
        untreated: run14("early-cirrhosis-untreated", seed),
        iv: run14("early-cirrhosis-bm-msc-iv", seed),
        ha: run14("early-cirrhosis-bm-msc-hepatic-artery", seed),
        pv: run14("early-cirrhosis-bm-msc-portal-vein", seed),
        ha4: run14("early-cirrhosis-bm-msc-hepatic-artery", seed, dose(4e6)),
      };
      for (const a of arms) {
        infl[a].push(window(runs[a], "inflammation_index", 1, 7));
        cpa[a].push(last(runs[a]).cpa_percent);
      }
    }
    const minus = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);
    // Printed, not asserted: day-14 CPA (aged human scar barely moves in two weeks: docs/model.md,
    // "What the tests check") and one intravenous dose against its untreated twin.
    report("ΔCPA day 14, IV 10⁶/kg − untreated (points)", minus(cpa.iv, cpa.untreated), 3);
    report("ΔCPA day 14, hepatic artery − untreated (points)", minus(cpa.ha, cpa.untreated), 3);
    report("ΔCPA day 14, hepatic artery 4 × 10⁶/kg − untreated (points)", minus(cpa.ha4, cpa.untreated), 3);
    report("Δinflammation week 1, IV − untreated", minus(infl.iv, infl.untreated), 4);
    const bounds = {
      haVsUntreated: upperBound("Δinflammation week 1, hepatic artery − untreated", minus(infl.ha, infl.untreated)),
      haVsIv: upperBound("Δinflammation week 1, hepatic artery − IV", minus(infl.ha, infl.iv)),
      pvVsIv: upperBound("Δinflammation week 1, portal vein − IV", minus(infl.pv, infl.iv)),
      dose: upperBound("Δinflammation week 1, hepatic artery 4 × 10⁶/kg − 10⁶/kg", minus(infl.ha4, infl.ha)),
    };
    console.log("one-sided 95 % upper bounds:", bounds);
    expect(bounds.haVsUntreated).toBeLessThan(0);
    expect(bounds.haVsIv).toBeLessThan(0);
    expect(bounds.pvVsIv).toBeLessThan(0);
    expect(bounds.dose).toBeLessThan(0);
  }, 900_000);
  it("loses part of a direct injection's anti-inflammatory effect with each knock-out that acts on it (paired, 10 seeds)", () => {
    // A direct injection (intraparenchymal, 4 × 10⁶ cells/kg) puts 21 real MSCs in the section (drawn
    // as 50): the only protocol here whose effect is large enough to split by mechanism. The
    // injection's needle track displaces hepatocytes, so mass and proliferation differences are the
    // injury's, not the cells' (not compared). A direction holds if a one-sided sign test over the
    // seeds gives p ≤ 0.011 (9 of 10 seeds). CPA counts whole sites, so a pair of twins whose scar
    // differs by less than a site ties; as in the usual sign test, ties are left out (8 of 8 untied
    // seeds: p = 0.004).
    const base: ScenarioInput = {
      days: 14,
      therapy: {
        infusions: [{ day: 0, source: "bone-marrow", route: "intraparenchymal", dose_cells_per_kg: 4e6 }],
      },
    };
    const variants: Record<string, ScenarioInput> = {
      none: { ...base, therapy: { infusions: [] } },
      hgf: { ...base, mechanisms: { hgf: false } },
      immunomodulation: { ...base, mechanisms: { immunomodulation: false } },
      mmp: { ...base, mechanisms: { mmp: false } },
    };
    const d: Record<string, { cpa: number[]; infl: number[] }> = {};
    for (const k of Object.keys(variants)) d[k] = { cpa: [], infl: [] };
    for (const seed of SEEDS) {
      const all = runToEnd("early-cirrhosis-untreated", seed, base, SIZE);
      for (const [k, extra] of Object.entries(variants)) {
        const h = runToEnd("early-cirrhosis-untreated", seed, extra, SIZE);
        d[k]!.cpa.push(last(h).cpa_percent - last(all).cpa_percent);
        d[k]!.infl.push(window(h, "inflammation_index", 1, 7) - window(all, "inflammation_index", 1, 7));
      }
    }
    const show = (label: string, xs: number[]) => {
      report(label, xs, 3);
      return signTestP(xs);
    };
    // Every contrast printed with its sign-test p (more scar or inflammation without the mechanism),
    // then the ones expected to hold are asserted.
    const counts = {
      noneCpa: show("no therapy: ΔCPA day 14", d.none!.cpa),
      noneInfl: show("no therapy: Δinflammation week 1", d.none!.infl),
      mmpCpa: show("MMP off: ΔCPA day 14", d.mmp!.cpa),
      immInfl: show("immunomodulation off: Δinflammation week 1", d.immunomodulation!.infl),
      immCpa: show("immunomodulation off: ΔCPA day 14", d.immunomodulation!.cpa),
      hgfInfl: show("HGF off: Δinflammation week 1", d.hgf!.infl),
      hgfCpa: show("HGF off: ΔCPA day 14", d.hgf!.cpa),
    };
    console.log(`one-sided sign-test p: ${JSON.stringify(counts)}`);
    // The whole therapy, MSC immunomodulation and MSC HGF each damp inflammation. The day-14 CPA
    // contrasts (whole therapy, MMP, HGF) are printed, not asserted: on aged human scar they are a
    // site or less in most seeds (docs/model.md, "What the tests check").
    for (const key of ["noneInfl", "immInfl", "hgfInfl"] as const) expect(counts[key], key).toBeLessThanOrEqual(SIGN_P);
  }, 1_800_000);
});
