/**
 * Behaviour (docs/model.md, "What the tests check"): chronic injury produces stage-appropriate CPA with bridging septa at F3–F4;
 * after withdrawal, F2 regresses within 8 weeks and cross-linked F4 regresses less, and only through the
 * macrophages' MMPs (5 seeds, 64²; docs/model.md compares 64² with 96²).
 * CPA ranges per stage (Huang 2014 and the explant study; docs/model.md, "Read-outs"): F0 < 3.5 %, F1 3.5–6, F2 6–10, F3 10–15,
 * F4 ≥ 15 (compensated cirrhosis 15.8 ± 5.5 %, decompensated 25.1 ± 8.4 %).
 */
import { describe, expect, it } from "vitest";
import { PARAM_BY_KEY } from "../../src/model/params/registry";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { bundled } from "../bundled-model";
import { last, meanSd, report, runToEnd, SEEDS, simulate } from "./harness";
import { testStages } from "./stage-cache";

/**
 * Weeks of CCl₄ to cirrhosis in rats: 10–16 (Issa 2004, Gastroenterology, 12 weeks to micronodular
 * cirrhosis; Lee 2001; the registry's injury.generation_max_weeks cites the same window). These are
 * not the data the deposition rate was fitted to (Luetkens 2019, docs/parameters.md, "Fitted to data").
 */
const RAT_WEEKS_TO_F4: [number, number] = [10, 16];
/** 64² holds about four lobules of the default 20-site radius. */
const SIZE = 64;
const DEPOSITION = PARAM_BY_KEY.get("stellate.collagen_deposition")!.default;

/** Mean weeks of generation injury to the F4 stage over `seeds` (rat, the generator's intensity). */
function weeksToF4(seeds: readonly number[], overrides: ScenarioInput = {}): number[] {
  return seeds.map(
    (seed) => simulate("chronic-injury-f4", seed, { days: 1, ...overrides }, SIZE).state.baseline.generationSteps / 168,
  );
}

/** Two-sided 95 % t quantiles by degrees of freedom. */
const T95: Record<number, number> = { 2: 4.303, 4: 2.776 };

/** Is the 95 % confidence interval of the mean weeks consistent with (overlapping) the data window? */
function consistentWithRatWindow(weeks: number[]): boolean {
  const { mean, sd } = meanSd(weeks);
  const half = (T95[weeks.length - 1]! * sd) / Math.sqrt(weeks.length);
  return mean + half >= RAT_WEEKS_TO_F4[0] && mean - half <= RAT_WEEKS_TO_F4[1];
}

const STAGE_RANGES: Record<string, [number, number]> = {
  "chronic-injury-f1": [3.5, 6],
  "chronic-injury-f2": [6, 10],
  "chronic-injury-f3": [10, 15],
  "chronic-injury-f4": [15, 21],
};

describe("chronic injury", () => {
  it("generates F0 → F4 tissue whose CPA rises through the stage ranges, with bridging septa at F3–F4", () => {
    const cpa: Record<string, number[]> = { healthy: [] };
    const bridging: Record<string, number[]> = { healthy: [] };
    const weeks: Record<string, number[]> = {};
    for (const name of Object.keys(STAGE_RANGES)) {
      cpa[name] = [];
      bridging[name] = [];
      weeks[name] = [];
    }
    for (const seed of SEEDS) {
      const h = simulate("healthy", seed, { days: 1 }, SIZE).metrics();
      cpa.healthy!.push(h.cpa_percent);
      bridging.healthy!.push(h.bridging_percent);
      let previous = h.cpa_percent;
      for (const name of Object.keys(STAGE_RANGES)) {
        const sim = simulate(name, seed, { days: 1 }, SIZE);
        const m = sim.metrics();
        cpa[name]!.push(m.cpa_percent);
        bridging[name]!.push(m.bridging_percent);
        weeks[name]!.push(sim.state.baseline.generationSteps / 168);
        expect(m.cpa_percent, `${name} seed ${seed}`).toBeGreaterThan(previous);
        previous = m.cpa_percent;
      }
    }
    report("F0 CPA %", cpa.healthy!);
    expect(Math.max(...cpa.healthy!)).toBeLessThan(3.5);
    for (const [name, [, hi]] of Object.entries(STAGE_RANGES)) {
      report(`${name} CPA %`, cpa[name]!);
      report(`${name} bridging % of central veins`, bridging[name]!, 0);
      report(`${name} weeks of injury`, weeks[name]!, 1);
      // The generator stops at the target (≥ lo by construction): only overshoot is a finding.
      for (const v of cpa[name]!) expect(v).toBeLessThan(hi);
    }
    // Septa connectivity, not a picture: F3–F4 bridge central veins, F1 does not.
    expect(Math.max(...bridging.healthy!)).toBe(0);
    // Mean over the seeds: one seed of five may bridge early (seed 1: 29 % at F1; README, known limits).
    expect(report("F1 bridging", bridging["chronic-injury-f1"]!, 0).mean).toBeLessThan(20);
    expect(report("F3 bridging", bridging["chronic-injury-f3"]!, 0).mean).toBeGreaterThanOrEqual(20);
    expect(report("F4 bridging", bridging["chronic-injury-f4"]!, 0).mean).toBeGreaterThanOrEqual(50);
  }, 900_000);

  it("is consistent with 10–16 weeks of CCl₄ to cirrhosis in rats; five times the deposition rate is not (canary)", () => {
    const rat = weeksToF4(SEEDS);
    report("rat weeks of injury to F4", rat, 1);
    expect(consistentWithRatWindow(rat)).toBe(true);
    // The canary: a model whose scar forms five times faster must fail the same check.
    const fast = weeksToF4(SEEDS.slice(0, 3), { parameters: { "stellate.collagen_deposition": 5 * DEPOSITION } });
    report("canary, collagen deposition × 5: weeks to F4", fast, 1);
    expect(consistentWithRatWindow(fast)).toBe(false);
  }, 900_000);

  it("regresses after withdrawal: F2 measurably within 8 weeks, cross-linked F4 less in relative terms", () => {
    const relF2: number[] = [];
    const relF4: number[] = [];
    const xlF2: number[] = [];
    const xlF4: number[] = [];
    for (const seed of SEEDS) {
      const f2 = runToEnd("injury-withdrawal-f2", seed, {}, SIZE);
      const f4 = runToEnd("injury-withdrawal-f4", seed, {}, SIZE);
      expect(last(f2).day).toBe(56);
      relF2.push((f2[0]!.cpa_percent - last(f2).cpa_percent) / f2[0]!.cpa_percent);
      relF4.push((f4[0]!.cpa_percent - last(f4).cpa_percent) / f4[0]!.cpa_percent);
      xlF2.push(f2[0]!.crosslinked_percent);
      xlF4.push(f4[0]!.crosslinked_percent);
      expect(last(f2).activated_hsc_fraction).toBeLessThan(f2[0]!.activated_hsc_fraction);
    }
    report("F2 cross-linked % at withdrawal", xlF2, 1);
    report("F4 cross-linked % at withdrawal", xlF4, 1);
    const f2 = report("F2 relative CPA reduction after 8 weeks", relF2);
    const f4 = report("F4 relative CPA reduction after 8 weeks", relF4);
    for (const r of relF2) expect(r).toBeGreaterThan(0.2);
    expect(f4.mean).toBeLessThan(f2.mean);
    expect(f4.mean).toBeGreaterThan(0);
  }, 900_000);

  it("regresses through macrophage MMPs: silenced from withdrawal on the same tissue, the scar stays (Duffield 2005)", () => {
    // Macrophages depleted during recovery leave the scar undegraded (Duffield 2005; Ramachandran
    // 2012): the model's counterpart is the MMP term, silenced from day 0 on the stage made with it.
    const fall: number[] = [];
    const silenced: number[] = [];
    for (const seed of SEEDS) {
      const doc = { preset: "injury-withdrawal-f4", seed, days: 28, lattice: { width: SIZE, height: SIZE } };
      const scenario = resolveScenario(doc, presetLookup);
      const run = bundled.createSimulation(scenario, { stages: testStages });
      const stage = testStages.get(scenario)!;
      const off = resolveScenario({ ...doc, parameters: { "collagen.mmp_degradation": 0 } }, presetLookup);
      const twin = bundled.createSimulation(off, { stages: { get: () => stage, put() {} } });
      for (const sim of [run, twin]) sim.step(sim.totalSteps);
      const change = (sim: typeof run) => last(sim.history()).cpa_percent - sim.history()[0]!.cpa_percent;
      expect(twin.history()[0]!.cpa_percent).toBe(run.history()[0]!.cpa_percent);
      fall.push(change(run));
      silenced.push(change(twin));
    }
    report("F4 CPA change over 4 weeks after withdrawal, points", fall);
    report("same, MMPs silenced from withdrawal", silenced);
    // Every seed regresses with its MMPs and none without them (a few stained sites of slack).
    for (const [i, f] of fall.entries()) {
      expect(f).toBeLessThan(-1);
      expect(silenced[i]).toBeGreaterThan(-0.5);
    }
  }, 900_000);
});
