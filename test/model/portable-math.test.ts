/** ln and exp from basic arithmetic (metrics/portable-math.ts): as accurate as the engine's to ~1e-15. */
import { describe, expect, it } from "vitest";
import { exp, ln, power } from "../../src/model/metrics/portable-math";

describe("portable ln and exp", () => {
  it("agree with Math.log and Math.exp to a few units in the last place over the read-outs' range", () => {
    let worst = 0;
    for (let i = 0; i <= 20000; i++) {
      const y = (i / 20000) * 40 - 20;
      worst = Math.max(worst, Math.abs(exp(y) - Math.exp(y)) / Math.exp(y));
      const x = Math.exp(y / 2);
      worst = Math.max(worst, Math.abs(ln(x) - Math.log(x)) / Math.max(1e-300, Math.abs(Math.log(x))));
    }
    expect(worst).toBeLessThan(1e-14);
    expect([ln(1), exp(0), ln(2), power(4, 0.5)]).toEqual([0, 1, 0.6931471805599453, 2]);
    expect([ln(0), ln(-1), exp(Number.NEGATIVE_INFINITY)]).toEqual([Number.NEGATIVE_INFINITY, Number.NaN, 0]);
  });
});
