/**
 * Issue 4, the MSC behaviours of docs/model.md ("What the tests check"): MSC therapy against untreated twins (same seed, same tissue),
 * over 5 seeds on 64² sections (about four lobules: small, but twins share every random draw, so
 * differences are paired). Each test prints the effect as mean ± sd.
 */
import { describe, expect, it } from "vitest";
import type { Readouts } from "../../src/model/metrics/readouts";
import { compileParams } from "../../src/model/params/compiled";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { convertDose } from "../../src/model/therapy/delivery";
import { last, report, runToEnd, SEEDS } from "./harness";

const SIZE = 64;
const SEEDS10 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Two-sided 90 % t quantile (one-sided 95 %) for 9 degrees of freedom. */
const T90_9 = 1.833;
/** Equivalence margin for "no measurable benefit" (CPA points; assumed, see the test). */
const EQUIVALENCE = 1;
const twin = (preset: string, seed: number, extra: ScenarioInput = {}) => ({
  treated: runToEnd(preset, seed, extra, SIZE),
  untreated: runToEnd(preset, seed, { ...extra, therapy: { infusions: [] } }, SIZE),
});
/** Mean of a read-out over days [from, to]. */
const window = (h: Readouts[], key: keyof Readouts, from: number, to: number) => {
  const rows = h.filter((r) => r.day >= from && r.day <= to);
  return rows.reduce((a, r) => a + r[key], 0) / rows.length;
};

describe("MSC therapy", () => {
  it("gives no measurable CPA benefit at 12 weeks for one intravenous dose of 10⁶ cells/kg (as Mohamadnejad 2013 found)", () => {
    // Lung-trapped cells add ≈ 0.1 % to plasma HGF (docs/model.md, "Systemic blood compartment") and
    // ≈ 0.1 real MSC reaches the section: the paired 90 % interval of the 12-week CPA difference must
    // lie within ±EQUIVALENCE points (an assumed margin: a tenth of the ≈ 10-point CPA difference
    // between F3 and cirrhosis; docs/model.md, "What the tests check").
    const d: number[] = [];
    for (const seed of SEEDS10) {
      const { treated, untreated } = twin("early-cirrhosis-bm-msc-iv", seed);
      expect(last(treated).day).toBe(84);
      expect(treated[0]).toEqual(untreated[0]);
      d.push(last(treated).cpa_percent - last(untreated).cpa_percent);
    }
    const { mean, sd } = report("ΔCPA day 84, IV 10⁶/kg − untreated (points)", d);
    const half = (T90_9 * sd) / Math.sqrt(d.length);
    console.log(`90 % interval [${(mean - half).toFixed(2)}, ${(mean + half).toFixed(2)}], margin ±${EQUIVALENCE}`);
    expect(mean - half).toBeGreaterThan(-EQUIVALENCE);
    expect(mean + half).toBeLessThan(EQUIVALENCE);
  }, 1_800_000);

  it("delivers more MSCs to the liver by intrahepatic routes", () => {
    const scenario = (route: string) =>
      resolveScenario(
        { preset: `early-cirrhosis-bm-msc-${route}`, lattice: { width: SIZE, height: SIZE }, days: 7 },
        presetLookup,
      );
    const delivered: Record<string, number[]> = { iv: [], "portal-vein": [], "hepatic-artery": [] };
    for (const seed of SEEDS)
      for (const route of Object.keys(delivered))
        delivered[route]!.push(
          last(runToEnd(`early-cirrhosis-bm-msc-${route}`, seed, { days: 7 }, SIZE)).msc_delivered_total,
        );
    const iv = report("MSCs delivered to the section by day 7, IV (real cells)", delivered.iv!, 4);
    const pv = report("… portal vein", delivered["portal-vein"]!, 4);
    const ha = report("… hepatic artery", delivered["hepatic-artery"]!, 4);
    expect(pv.mean).toBeGreaterThan(iv.mean);
    expect(ha.mean).toBeGreaterThan(iv.mean);
    // Printed, not asserted (it restates msc.iv_liver_fraction): the share of the dose in the liver.
    const s = scenario("iv");
    const dose = convertDose(s, compileParams(s), s.therapy.infusions[0]!);
    const fraction = iv.mean / dose.sectionFractionOfLiver / dose.totalCells;
    console.log(`IV fraction reaching the liver by day 7: ${(100 * fraction).toFixed(2)} %`);
  }, 900_000);

  it("removes part of the benefit with each knock-out, in the direction the biology says (first two weeks)", () => {
    const keys = ["hgf", "egf", "vegf", "immunomodulation", "mmp"] as const;
    const diff: Record<
      string,
      { cpa14: number[]; mass14: number[]; perf7: number[]; infl: number[]; prolif: number[] }
    > = {};
    for (const k of [...keys, "none"]) diff[k] = { cpa14: [], mass14: [], perf7: [], infl: [], prolif: [] };
    for (const seed of SEEDS) {
      const run = (extra: ScenarioInput) =>
        runToEnd("early-cirrhosis-bm-msc-hepatic-artery", seed, { days: 14, ...extra }, SIZE);
      const all = run({});
      const record = (name: string, h: Readouts[]) => {
        diff[name]!.cpa14.push(last(h).cpa_percent - last(all).cpa_percent);
        diff[name]!.mass14.push(last(h).hepatocyte_mass_percent - last(all).hepatocyte_mass_percent);
        diff[name]!.perf7.push(h[7]!.perfusion_index - all[7]!.perfusion_index);
        diff[name]!.infl.push(window(h, "inflammation_index", 1, 7) - window(all, "inflammation_index", 1, 7));
        diff[name]!.prolif.push(window(h, "proliferation_index", 1, 7) - window(all, "proliferation_index", 1, 7));
      };
      record("none", run({ therapy: { infusions: [] } }));
      for (const k of keys) record(k, run({ mechanisms: { [k]: false } }));
    }
    // The whole therapy helps: without it CPA is higher and mass lower.
    expect(report("no therapy: ΔCPA day 14 vs all mechanisms", diff.none!.cpa14).mean).toBeGreaterThan(0);
    expect(report("no therapy: Δmass day 14", diff.none!.mass14).mean).toBeLessThan(0);
    // HGF: anti-fibrotic and mitogenic.
    expect(report("HGF off: ΔCPA day 14", diff.hgf!.cpa14).mean).toBeGreaterThan(0);
    expect(report("HGF off: Δmass day 14", diff.hgf!.mass14).mean).toBeLessThan(0);
    // EGF: mitogenic (partly redundant with HGF, so its share is small).
    expect(report("EGF off: Δproliferation index week 1", diff.egf!.prolif, 3).mean).toBeLessThan(0);
    // VEGF: sinusoidal fenestration and angiogenesis.
    expect(report("VEGF off: Δperfusion day 7", diff.vegf!.perf7).mean).toBeLessThan(0);
    // Immunomodulation: fewer M1 macrophages, less fibrosis.
    expect(report("immunomodulation off: Δinflammation week 1", diff.immunomodulation!.infl).mean).toBeGreaterThan(0);
    expect(report("immunomodulation off: ΔCPA day 14", diff.immunomodulation!.cpa14).mean).toBeGreaterThan(0);
    // MMP: collagen degradation.
    expect(report("MMP off: ΔCPA day 14", diff.mmp!.cpa14).mean).toBeGreaterThan(0);
  }, 900_000);

  it("loses MSCs over two weeks; differentiation stops when switched off", () => {
    // A rat-scale direct injection puts enough MSCs in the section to count them.
    const extra: ScenarioInput = {
      days: 21,
      therapy: {
        species: "rat",
        infusions: [{ day: 0, source: "bone-marrow", route: "intraparenchymal", dose_cells_per_kg: 4e6 }],
      },
    };
    const halfLives: number[] = [];
    const differentiated: number[] = [];
    for (const seed of SEEDS) {
      const h = runToEnd("early-cirrhosis-untreated", seed, extra, SIZE);
      const n3 = h[3]!.msc_simulated;
      const n15 = h[15]!.msc_simulated;
      expect(n3).toBeGreaterThan(20);
      expect(n15).toBeLessThan(n3);
      halfLives.push((12 * Math.LN2) / Math.log(n3 / Math.max(1, n15)));
      differentiated.push(last(h).msc_differentiated_total / last(h).msc_delivered_total);
      const off = runToEnd(
        "early-cirrhosis-untreated",
        seed,
        { ...extra, mechanisms: { differentiation: false } },
        SIZE,
      );
      expect(last(off).msc_differentiated_total).toBe(0);
    }
    // Printed, not asserted: the configured half-life less a little proliferation (a restatement of
    // msc.persistence_half_life; the decline itself is asserted above).
    report("MSC half-life in the liver, days 3–15 (days)", halfLives);
    // Printed, not asserted: the fraction is the configured rate × the MSCs' lifetime, a restatement of
    // msc.differentiation_rate (no measured fraction to compare with; test/science/differentiation-readout.test.ts
    // checks the read-out itself).
    report("fraction of delivered MSCs that became hepatocytes", differentiated, 4);
  }, 900_000);

  it("gives the same effect whatever the display amplification, beyond stochastic noise", () => {
    // A clinical dose (hepatic artery, 10⁶ cells/kg) puts far less than one real MSC in the section:
    // A draws it as a handful or as dozens of agents, each acting with weight 1/A. (At rodent doses,
    // where many real cells sit in the section, the granularity of local effects does matter: see
    // docs/model.md, "Display amplification".)
    const amplifications = [64, 256, 1024];
    const effect: Record<number, number[]> = {};
    const agents: Record<number, number> = {};
    for (const a of amplifications) {
      effect[a] = [];
      agents[a] = 0;
    }
    for (const seed of SEEDS) {
      const untreated = last(runToEnd("early-cirrhosis-untreated", seed, { days: 14 }, SIZE));
      for (const a of amplifications) {
        const h = runToEnd(
          "early-cirrhosis-bm-msc-hepatic-artery",
          seed,
          { days: 14, parameters: { "msc.display_amplification": a } },
          SIZE,
        );
        effect[a]!.push(last(h).cpa_percent - untreated.cpa_percent);
        agents[a]! += h[1]!.msc_simulated;
      }
    }
    const stats = amplifications.map((a) => {
      console.log(`A = ${a}: ${agents[a]} MSC agents on day 1 over ${SEEDS.length} seeds`);
      return report(`A = ${a}: ΔCPA day 14 (points)`, effect[a]!);
    });
    for (const st of stats) expect(st.mean).toBeLessThan(0);
    // Agents scale with A; the effect does not (within 2 standard errors, or 15 % of the effect).
    expect(agents[1024]!).toBeGreaterThan(8 * agents[64]!);
    const se = Math.max(...stats.map((st) => st.sd)) * Math.sqrt(2 / SEEDS.length);
    for (const st of stats)
      expect(Math.abs(st.mean - stats[1]!.mean)).toBeLessThan(Math.max(2 * se, 0.15 * Math.abs(stats[1]!.mean)));
  }, 900_000);
});
