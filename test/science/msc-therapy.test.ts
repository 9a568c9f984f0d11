/**
 * Issue 4, the MSC behaviours of docs/model.md ("What the tests check"): MSC therapy against untreated twins (same seed, same tissue),
 * over 5 seeds on 64² sections (about four lobules: small, but twins share every random draw, so
 * differences are paired). Each test prints the effect as mean ± sd.
 */
import { describe, expect, it } from "vitest";
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

  it("loses MSCs over two weeks; differentiation stops when switched off", () => {
    // A rat-scale direct injection, drawn with 64 agents per real cell (2.8 real cells at 64²) so
    // there are enough to count; persistence and differentiation are per-agent behaviours that the
    // amplification does not scale (docs/model.md, "Display amplification").
    const extra: ScenarioInput = {
      days: 21,
      species: "rat",
      parameters: { "msc.display_amplification": 64 },
      therapy: {
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

  it("draws a clinical dose with more agents at larger display amplification", () => {
    // A clinical dose (hepatic artery, 10⁶ cells/kg) puts far less than one real MSC in the section: A
    // draws it as a few or as hundreds of agents, each acting with weight 1/A. The agents occupy
    // sites, so the CPA effect is not independent of A (docs/model.md, "Display amplification", gives
    // the measured dependence); here only the drawing is checked, on day 1.
    const amplifications = [64, 256, 1024];
    const agents: Record<number, number> = {};
    for (const a of amplifications) {
      agents[a] = 0;
      for (const seed of SEEDS) {
        const h = runToEnd(
          "early-cirrhosis-bm-msc-hepatic-artery",
          seed,
          { days: 1, parameters: { "msc.display_amplification": a } },
          SIZE,
        );
        agents[a]! += last(h).msc_simulated;
      }
      console.log(`A = ${a}: ${agents[a]} MSC agents on day 1 over ${SEEDS.length} seeds`);
    }
    expect(agents[256]!).toBeGreaterThan(3 * agents[64]!);
    expect(agents[1024]!).toBeGreaterThan(3 * agents[256]!);
  }, 900_000);
});
