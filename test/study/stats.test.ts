/**
 * The statistics behind cohort, biomarker and sensitivity reports, on synthetic data whose truth is
 * known: t quantiles against tables, CI coverage of a null effect, AUC of a driving vs a noise
 * feature, logistic regression against the closed-form 2×2 odds ratio, PRCC ranking, LHS strata.
 */
import { describe, expect, it } from "vitest";
import { auc } from "../../src/study/stats/auc";
import { normalQuantile, tCdf, tQuantile } from "../../src/study/stats/distributions";
import { meanCI, pairedDifference, unpairedDifference, wilson } from "../../src/study/stats/intervals";
import { latinHypercube } from "../../src/study/stats/lhs";
import { fitLogistic } from "../../src/study/stats/logistic";
import { prcc } from "../../src/study/stats/prcc";
import { normal, uniformStream } from "../../src/study/stats/random";
import { ranks } from "../../src/study/stats/ranks";

describe("distributions", () => {
  it("t and normal quantiles match printed tables", () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157, 5);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(tQuantile(0.995, 4)).toBeCloseTo(4.604095, 5);
    expect(tQuantile(0.025, 9)).toBeCloseTo(-2.262157, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(tCdf(0, 5)).toBeCloseTo(0.5, 12);
  });

  it("ranks give ties their average rank", () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });
});

describe("confidence intervals", () => {
  it("a mean's 95 % interval matches the textbook example", () => {
    const m = meanCI([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(m.upper - m.mean).toBeCloseTo((2.776445 * Math.sqrt(2.5)) / Math.sqrt(5), 5);
  });

  it("for a parameter that does nothing, the paired 95 % CI covers zero (≈ 95 % of 400 synthetic trials, and in the typical one)", () => {
    const u = uniformStream(11, "test-null-cohort");
    let covered = 0;
    const trials = 400;
    for (let k = 0; k < trials; k++) {
      const control = Array.from({ length: 20 }, () => 50 + 10 * normal(u));
      // The treated twin differs only by measurement noise: the "treatment" does nothing.
      const treated = control.map((c) => c + normal(u));
      const d = pairedDifference(treated, control);
      if (d.lower <= 0 && d.upper >= 0) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.92);
    expect(covered / trials).toBeLessThan(0.98);
  });

  it("a real effect is found: the CI excludes zero and covers the true difference", () => {
    const u = uniformStream(12, "test-effect-cohort");
    const control = Array.from({ length: 30 }, () => 20 + 5 * normal(u));
    const treated = control.map((c) => c - 3 + normal(u));
    const d = pairedDifference(treated, control);
    expect(d.upper).toBeLessThan(0);
    expect(d.lower).toBeLessThan(-3);
    expect(d.upper).toBeGreaterThan(-3);
    expect(d.p).toBeLessThan(1e-6);
  });

  it("Welch's interval for two independent samples: a textbook value, and ≈ 95 % coverage of a null difference", () => {
    // Variances 2.5 and 0.625 over 5 each: difference 2, se √(0.5 + 0.125), Welch df 5.88, so the
    // half-width lies between t(0.975; 6) = 2.447 and t(0.975; 5) = 2.571 standard errors.
    const d = unpairedDifference([10, 11, 12, 13, 14], [9, 9.5, 10, 10.5, 11]);
    const se = Math.sqrt(0.625);
    expect(d.mean).toBeCloseTo(2, 12);
    expect(d.sd).toBeCloseTo(se, 12);
    expect(d.upper - 2).toBeCloseTo(2 - d.lower, 12);
    expect(d.upper - 2).toBeGreaterThan(2.447 * se);
    expect(d.upper - 2).toBeLessThan(2.571 * se);
    const u = uniformStream(13, "test-welch");
    let covered = 0;
    for (let k = 0; k < 400; k++) {
      const a = Array.from({ length: 6 }, () => 10 + 3 * normal(u));
      const b = Array.from({ length: 12 }, () => 10 + normal(u));
      const w = unpairedDifference(a, b);
      if (w.lower <= 0 && w.upper >= 0) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.92);
    expect(covered / 400).toBeLessThan(0.98);
  });

  it("Wilson intervals match published values", () => {
    const zero = wilson(0, 10);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(0.2775, 3);
    const half = wilson(5, 10);
    expect(half.lower).toBeCloseTo(0.2366, 3);
    expect(half.upper).toBeCloseTo(0.7634, 3);
  });
});

describe("response biomarkers", () => {
  /** 300 synthetic patients whose response is set by `driver` alone. */
  function syntheticCohort(seed: number) {
    const u = uniformStream(seed, "test-biomarkers");
    const driver: number[] = [];
    const noise: number[] = [];
    const responds: boolean[] = [];
    for (let i = 0; i < 300; i++) {
      const d = normal(u);
      driver.push(d);
      noise.push(normal(u));
      responds.push(2.5 * d + 0.5 * normal(u) > 0);
    }
    return { driver, noise, responds };
  }

  it("the driving feature has the top AUC (> 0.8) and a pure-noise feature ≈ 0.5", () => {
    const c = syntheticCohort(5);
    const aDriver = auc(c.driver, c.responds);
    const aNoise = auc(c.noise, c.responds);
    expect(aDriver).toBeGreaterThan(0.8);
    expect(Math.abs(aNoise - 0.5)).toBeLessThan(0.1);
    expect(aDriver).toBeGreaterThan(aNoise);
  });

  it("AUC is 1 for perfect separation, 0 reversed, 0.5 for ties", () => {
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([1, 2, 3, 4], [true, true, false, false])).toBe(0);
    expect(auc([7, 7, 7, 7], [true, false, true, false])).toBe(0.5);
  });

  it("the multivariable logistic model finds the driver and not the noise", () => {
    const c = syntheticCohort(6);
    const fit = fitLogistic(
      ["driver", "noise"],
      c.driver.map((d, i) => [d, c.noise[i]!]),
      c.responds,
    );
    expect(fit.converged).toBe(true);
    const [driver, noise] = fit.terms;
    expect(driver!.coefficient).toBeGreaterThan(2);
    expect(driver!.p).toBeLessThan(1e-6);
    expect(Math.abs(noise!.z)).toBeLessThan(3);
  });

  it("with one binary feature the logistic coefficient is the log odds ratio of the 2×2 table", () => {
    // 2×2 table: exposed 30 responders / 10 not; unexposed 15 / 25 → OR = (30·25)/(10·15) = 5.
    const x: number[] = [];
    const y: boolean[] = [];
    const add = (xv: number, yv: boolean, n: number) => {
      for (let i = 0; i < n; i++) {
        x.push(xv);
        y.push(yv);
      }
    };
    add(1, true, 30);
    add(1, false, 10);
    add(0, true, 15);
    add(0, false, 25);
    const fit = fitLogistic(
      ["exposed"],
      x.map((v) => [v]),
      y,
    );
    const sd = Math.sqrt((80 * 0.25) / 79);
    expect(fit.terms[0]!.coefficient / sd).toBeCloseTo(Math.log(5), 2);
    // Standard error of a log odds ratio: √(1/a + 1/b + 1/c + 1/d).
    expect(fit.terms[0]!.se / sd).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 10 + 1 / 15 + 1 / 25), 2);
  });
});

describe("sensitivity", () => {
  it("a Latin hypercube puts exactly one point in each stratum of every dimension", () => {
    const pts = latinHypercube(25, 3, uniformStream(1, "test-lhs"));
    for (let d = 0; d < 3; d++) {
      const strata = pts.map((p) => Math.floor(p[d]! * 25)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 25 }, (_, i) => i));
    }
  });

  it("PRCC ranks the parameter that drives the output first, also through a monotone nonlinearity", () => {
    const u = uniformStream(2, "test-prcc");
    const pts = latinHypercube(60, 3, u);
    const inputs = [0, 1, 2].map((d) => pts.map((p) => p[d]!));
    const output = pts.map((p) => Math.exp(4 * p[1]!) + 2 * p[0]! + 0.5 * normal(u));
    const r = prcc(["weak", "driver", "inert"], inputs, output);
    const order = [...r].sort((a, b) => Math.abs(b.prcc) - Math.abs(a.prcc)).map((x) => x.parameter);
    expect(order[0]).toBe("driver");
    expect(r[1]!.prcc).toBeGreaterThan(0.9);
    expect(r[1]!.p).toBeLessThan(1e-6);
    expect(Math.abs(r[2]!.prcc)).toBeLessThan(0.35);
    expect(r[0]!.prcc).toBeGreaterThan(0);
  });

  it("a negative influence gives a negative PRCC", () => {
    const u = uniformStream(3, "test-prcc-neg");
    const pts = latinHypercube(40, 2, u);
    const r = prcc(
      ["a", "b"],
      [pts.map((p) => p[0]!), pts.map((p) => p[1]!)],
      pts.map((p) => -3 * p[0]! + 0.1 * normal(u)),
    );
    expect(r[0]!.prcc).toBeLessThan(-0.9);
  });
});
