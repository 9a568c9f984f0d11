/** ABC-SMC calibration core: recovery on toy models, determinism and resume, prior files, weights and tolerances. */
import { describe, expect, it } from "vitest";
import { uniform } from "../../src/model/rng/counter";
import { type AbcOptions, type Batch, initialState, proposals, runToEnd } from "../../src/study/calibration/abc-smc";
import { normalisedDistance, type ObservedPoint, pointSpread } from "../../src/study/calibration/distance";
import {
  parameterValue,
  parsePriorFile,
  priorQuantile,
  priorsFor,
  registryPrior,
} from "../../src/study/calibration/priors";
import { replicateSeed } from "../../src/study/calibration/rng";
import { configDifferences, parseState } from "../../src/study/calibration/state-file";
import {
  generationRows,
  medianParameters,
  posteriorRows,
  summarisePosterior,
} from "../../src/study/calibration/summary";

/** A standard normal draw keyed by (seed, k), independent of every other draw. */
function gauss(seed: number, k: number): number {
  const u1 = uniform(seed, k, 0, 1) || 2 ** -33;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * uniform(seed, k, 0, 2));
}

/** Toy 1: the mean of 20 draws from N(θ, 1). */
const N_DRAWS = 20;
const meanOfDraws = (theta: number, seed: number) => {
  let s = 0;
  for (let k = 0; k < N_DRAWS; k++) s += theta + gauss(seed, k);
  return s / N_DRAWS;
};
const THETA = 2;
const toy1Points: ObservedPoint[] = [
  { label: "mean", value: meanOfDraws(THETA, 12345), se: 1 / Math.sqrt(N_DRAWS), n: N_DRAWS },
];
const toy1 = (batch: Batch) =>
  batch.candidates.map((c) => normalisedDistance(toy1Points, [meanOfDraws(c.values[0]!, c.seed)]));

/** Toy 2: a straight line a + b·t read at ten times with Gaussian noise of SD 0.1. */
const TIMES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const A = 0.3;
const B = 0.6;
const line = (a: number, b: number, seed: number) => TIMES.map((t, k) => a + b * t + 0.1 * gauss(seed, k));
const toy2Points: ObservedPoint[] = line(A, B, 777).map((value, k) => ({ label: `t=${TIMES[k]}`, value, sd: 0.1 }));
const toy2 = (batch: Batch) =>
  batch.candidates.map((c) => normalisedDistance(toy2Points, line(c.values[0]!, c.values[1]!, c.seed)));
// Two registry parameters with ranges [0, 1] (uniform priors).
const TOY2_PARAMS = ["hepatocyte.cycle_entry_rate", "hepatocyte.hgf_antiapoptosis"];

const toy1Options: AbcOptions = {
  priors: [{ name: "hepatocyte.hgf_half_saturation", prior: { loguniform: [0.01, 10] } }],
  particles: 150,
  generations: 8,
  seed: 1,
};
const toy2Options: AbcOptions = { priors: priorsFor(TOY2_PARAMS), particles: 200, generations: 10, seed: 2 };

describe("ABC-SMC recovers known parameters", () => {
  it("one parameter, log-uniform prior: the 90 % interval holds the truth and is far narrower than the prior", () => {
    const end = runToEnd(initialState(toy1Options), toy1);
    const [s] = summarisePosterior(end).parameters;
    expect(s!.lower).toBeLessThanOrEqual(THETA);
    expect(s!.upper).toBeGreaterThanOrEqual(THETA);
    // Prior 90 % interval of log-uniform [0.01, 10]: 0.01·1000^0.05 … 0.01·1000^0.95.
    expect(s!.priorLower).toBeCloseTo(0.01 * 1000 ** 0.05, 12);
    expect(s!.priorUpper).toBeCloseTo(0.01 * 1000 ** 0.95, 12);
    expect(s!.upper - s!.lower).toBeLessThan((s!.priorUpper - s!.priorLower) / 2);
    expect(s!.narrowing).toBeGreaterThan(2);
  });

  it("two parameters from registry priors: each 90 % interval holds the truth and is ≥ 2× narrower than the prior's", () => {
    const end = runToEnd(initialState(toy2Options), toy2);
    const summary = summarisePosterior(end);
    [A, B].forEach((truth, i) => {
      const s = summary.parameters[i]!;
      expect(s.lower).toBeLessThanOrEqual(truth);
      expect(s.upper).toBeGreaterThanOrEqual(truth);
      expect([s.priorLower, s.priorUpper]).toEqual([0.05, 0.95]);
      expect(s.upper - s.lower).toBeLessThan((s.priorUpper - s.priorLower) / 2);
      expect(s.narrowing).toBeGreaterThan(2);
    });
    expect(summary.ess).toBeGreaterThan(20);
    // Intercept and slope of a line trade off against each other.
    expect(summary.correlations[0]![1]).toBeLessThan(-0.5);
    expect(Object.keys(medianParameters(summary))).toEqual(TOY2_PARAMS);
  });
});

describe("ABC-SMC is reproducible", () => {
  const opts: AbcOptions = { ...toy2Options, particles: 60, generations: 4, batchSize: 25 };

  it("gives identical results for the same seed, and different ones for another seed", () => {
    const a = runToEnd(initialState(opts), toy2);
    const b = runToEnd(initialState(opts), toy2);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = runToEnd(initialState({ ...opts, seed: 3 }), toy2);
    expect(JSON.stringify(c.population)).not.toBe(JSON.stringify(a.population));
  });

  it("resumes from the JSON state saved after any generation (or mid-generation) to the same end", () => {
    const straight = runToEnd(initialState(opts), toy2);
    for (const stopAt of [1, 2, 3]) {
      let saved = "";
      runToEnd(initialState(opts), toy2, (s) => {
        saved = JSON.stringify(s);
        return s.history.length < stopAt;
      });
      const resumed = runToEnd(parseState(JSON.parse(saved)), toy2);
      expect(JSON.stringify(resumed)).toBe(JSON.stringify(straight));
    }
    // Interrupted after a single round, in the middle of generation 1.
    let saved = "";
    runToEnd(initialState(opts), toy2, (s) => {
      saved = JSON.stringify(s);
      return !(s.generation === 1 && s.round === 1);
    });
    expect(JSON.parse(saved).accepted.length).toBeLessThan(opts.particles);
    expect(JSON.stringify(runToEnd(parseState(JSON.parse(saved)), toy2))).toBe(JSON.stringify(straight));
    expect(parseState(JSON.parse(JSON.stringify(straight)))).toEqual(straight);
  });

  it("does not depend on the order in which a batch's runs finish", () => {
    const reversed = (batch: Batch) => {
      const rev = { ...batch, candidates: [...batch.candidates].reverse() };
      return toy2(rev).reverse();
    };
    expect(JSON.stringify(runToEnd(initialState(opts), reversed))).toBe(
      JSON.stringify(runToEnd(initialState(opts), toy2)),
    );
  });

  it("refuses a damaged state file, naming the field, and lists changed settings", () => {
    const good = JSON.parse(JSON.stringify(runToEnd(initialState(opts), toy2, (s) => s.generation < 1)));
    expect(() => parseState({ ...good, format: "other" })).toThrow(/format/);
    expect(() => parseState({ ...good, runs: -1 })).toThrow(/runs/);
    expect(() => parseState({ ...good, config: { ...good.config, alpha: 2 } })).toThrow(/config\.alpha/);
    const shortParticle = { ...good, population: [{ ...good.population[0], t: [0.5] }, ...good.population.slice(1)] };
    expect(() => parseState(shortParticle)).toThrow(/population\[0\]/);
    expect(() => parseState({ ...good, history: [] })).toThrow(/history/);
    const wanted = initialState({ ...opts, particles: 61 }).config;
    expect(configDifferences(good.config, wanted)).toEqual(["particles"]);
    expect(() => proposals(parseState(good), 0)).toThrow(/generation 0.*generation 1/);
  });

  it("gives each candidate its own simulator seed, and replicate seeds from it", () => {
    const batch = proposals(initialState(opts));
    const seeds = new Set(batch.candidates.map((c) => c.seed));
    expect(seeds.size).toBe(batch.candidates.length);
    const c = batch.candidates[0]!;
    expect(replicateSeed(c.seed, 0)).toBe(c.seed);
    expect(new Set([0, 1, 2, 3].map((k) => replicateSeed(c.seed, k))).size).toBe(4);
  });

  it("proposes candidates inside the prior support only", () => {
    let s = initialState(opts);
    s = runToEnd(s, toy2, (st) => st.generation < 2);
    for (const c of proposals(s).candidates) for (const v of c.values) expect(v >= 0 && v <= 1).toBe(true);
  });

  it("stops when the acceptance rate can no longer reach its minimum, mid-generation included", () => {
    const never = (batch: Batch) => batch.candidates.map((c) => (c.values[0]! > 0.9 ? 0 : Infinity));
    const end = runToEnd(initialState({ ...opts, minAcceptanceRate: 0.2 }), never);
    expect(end.stopReason).toBe("acceptance");
    expect(end.history.length).toBe(0);
    expect(end.generationRuns).toBeGreaterThanOrEqual(opts.particles / 0.2);
    expect(() => summarisePosterior(end)).toThrow(/no finished generation/);
  });

  it("stops when the run budget is spent, keeping the last finished generation", () => {
    const end = runToEnd(initialState({ ...opts, generations: undefined, budget: 300 }), toy2);
    expect(end.stopReason).toBe("budget");
    expect(end.runs).toBeLessThanOrEqual(300);
    expect(end.population.length).toBe(opts.particles);
  });
});

describe("ABC-SMC weights and tolerances", () => {
  it("normalises weights to 1 in every generation and lowers the tolerance each time", () => {
    const history: number[] = [];
    const end = runToEnd(initialState({ ...toy2Options, particles: 80, generations: 5 }), toy2, (s) => {
      if (s.accepted.length === 0 && s.population.length > 0)
        history.push(s.population.reduce((a, p) => a + p.weight, 0));
      return true;
    });
    for (const sum of history) expect(sum).toBeCloseTo(1, 12);
    const tolerances = end.history.map((g) => g.tolerance);
    expect(tolerances[0]).toBeNull();
    for (let g = 2; g < tolerances.length; g++) expect(tolerances[g]!).toBeLessThan(tolerances[g - 1]!);
    for (const g of end.history) {
      expect(g.acceptanceRate).toBeGreaterThan(0);
      expect(g.acceptanceRate).toBeLessThanOrEqual(1);
      expect(g.ess).toBeLessThanOrEqual(80 + 1e-9);
    }
    const rows = generationRows(end.history);
    expect(rows[0]).toEqual(["generation", "tolerance", "acceptance_rate", "runs", "ess"]);
    expect(generationRows(end.history, [1.5])[1]).toEqual([0, "inf", 1, 80, end.history[0]!.ess, 1.5]);
    expect(rows[1]![1]).toBe("inf");
    const post = posteriorRows(end);
    expect(post[0]).toEqual(["particle", "weight", ...TOY2_PARAMS, "distance"]);
    expect(post.length).toBe(81);
  });
});

describe("priors", () => {
  it("come from the registry: log-uniform over two decades or more above zero, uniform otherwise", () => {
    expect(registryPrior("hepatocyte.hgf_half_saturation")).toEqual({ loguniform: [1e-4, 10] });
    expect(registryPrior("hepatocyte.cycle_entry_rate")).toEqual({ uniform: [0, 1] });
    expect(registryPrior("hepatocyte.cycle_duration")).toEqual({ uniform: [6, 96] });
  });

  it("a prior file overrides them; a normal prior is truncated to the registry range", () => {
    const file = parsePriorFile({
      "hepatocyte.cycle_entry_rate": { normal: { mean: 0.04, sd: 0.01 } },
      "hepatocyte.lifespan": { loguniform: [100, 1000] },
    });
    expect(file["hepatocyte.cycle_entry_rate"]).toEqual({ normal: { mean: 0.04, sd: 0.01 }, min: 0, max: 1 });
    const priors = priorsFor(["hepatocyte.lifespan", "hepatocyte.repair_rate"], file);
    expect(priors.map((p) => p.prior)).toEqual([{ loguniform: [100, 1000] }, { uniform: [0, 10] }]);
  });

  it("give runs values within the bounds, whole numbers for integer parameters", () => {
    const half = { name: "hepatocyte.hgf_half_saturation", prior: registryPrior("hepatocyte.hgf_half_saturation") };
    expect(parameterValue(half, Math.log(10))).toBe(10); // exp(log 10) alone is 10.000000000000002
    const batch = proposals(
      initialState({ priors: priorsFor(["hepatocyte.cycle_duration"]), particles: 20, generations: 1, seed: 4 }),
    );
    for (const c of batch.candidates) expect(Number.isInteger(c.values[0])).toBe(true);
  });

  it("have quantiles for credible-interval comparison (normal priors by bisection)", () => {
    const normal = parsePriorFile({ "hepatocyte.cycle_entry_rate": { normal: { mean: 0.5, sd: 0.1 } } })[
      "hepatocyte.cycle_entry_rate"
    ]!;
    expect(priorQuantile(normal, 0.5)).toBeCloseTo(0.5, 6);
    expect(priorQuantile(normal, 0.95)).toBeCloseTo(0.5 + 1.6449 * 0.1, 3);
    expect(priorQuantile({ loguniform: [1, 100] }, 0.5)).toBeCloseTo(10, 12);
  });

  it("errors name the offending field", () => {
    const cases: [unknown, RegExp][] = [
      [{ "hepatocyte.nope": { uniform: [0, 1] } }, /"hepatocyte\.nope": unknown parameter/],
      [
        { "hepatocyte.cycle_entry_rate": { uniform: [1, 0] } },
        /\["hepatocyte\.cycle_entry_rate"\]\.uniform.*low < high/,
      ],
      [
        { "hepatocyte.cycle_entry_rate": { loguniform: [0, 1] } },
        /\["hepatocyte\.cycle_entry_rate"\]\.loguniform.*positive/,
      ],
      [
        { "hepatocyte.cycle_entry_rate": { uniform: [0, 5] } },
        /\["hepatocyte\.cycle_entry_rate"\]\.uniform.*within the parameter's range \[0, 1\]/,
      ],
      [
        { "hepatocyte.cycle_entry_rate": { normal: { mean: 0.1, sd: -1 } } },
        /\["hepatocyte\.cycle_entry_rate"\]\.normal\.sd/,
      ],
      [
        { "hepatocyte.cycle_entry_rate": { normal: { mean: 0.1, sd: 1 }, max: 3 } },
        /\["hepatocyte\.cycle_entry_rate"\]\.max/,
      ],
      [{ "hepatocyte.cycle_entry_rate": { gamma: [1, 2] } }, /"hepatocyte\.cycle_entry_rate".*one of \{uniform/],
      [
        { "hepatocyte.cycle_entry_rate": { uniform: [0, 1], extra: 1 } },
        /\["hepatocyte\.cycle_entry_rate"\]\.extra: unknown field/,
      ],
      [[1, 2], /\(document\)/],
    ];
    for (const [input, pattern] of cases) expect(() => parsePriorFile(input)).toThrow(pattern);
  });
});

describe("distance", () => {
  it("is the RMS error in units of each point's SD (SE·√n when only an SE is stated)", () => {
    const pts: ObservedPoint[] = [
      { label: "a", value: 10, sd: 2 },
      { label: "b", value: 5, se: 1, n: 4 },
    ];
    expect(normalisedDistance(pts, [12, 5])).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(normalisedDistance(pts, [10, 7])).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(normalisedDistance(pts, [10, Number.NaN])).toBe(Infinity);
  });

  it("refuses a point without a stated spread unless the user names one to assume, and always a bare zero", () => {
    expect(() => pointSpread({ label: "c", value: -50 })).toThrow(/c: no SD or SE.*choose a relative spread/);
    expect(pointSpread({ label: "c", value: -50 }, { assumedRelativeSpread: 0.1 })).toEqual({
      sd: 5,
      source: "assumed",
    });
    expect(() => pointSpread({ label: "zero", value: 0 }, { assumedRelativeSpread: 0.1 })).toThrow(/zero.*no SD or SE/);
    expect(() => pointSpread({ label: "se", value: 1, se: 0.1 })).toThrow(/sample size/);
  });
});
