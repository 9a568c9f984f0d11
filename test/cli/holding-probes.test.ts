/** The holding bisection's monotonicity check (src/cli/holding-probes.ts), on the probes of docs/model.md. */
import { describe, expect, it } from "vitest";
import { monotoneBreaks } from "../../src/cli/holding-probes";

describe("holding probes", () => {
  it("accepts drifts that grow with the intensity, in any probe order", () => {
    // The 12-week F3 bisection of docs/model.md ("Holding intensity").
    const f3 = [0.5, 0.91, 0.25, 0.49, 0.125, 0.14, 0.0625, -0.4, 0.094, -0.24, 0.109, -0.17];
    const probes = Array.from({ length: f3.length / 2 }, (_, i) => ({ intensity: f3[2 * i]!, drift: f3[2 * i + 1]! }));
    expect(monotoneBreaks(probes)).toEqual([]);
  });

  it("names the pair where a higher intensity drifts less", () => {
    // The year-long F3 bisection of docs/model.md: 0.0825 → +0.12, 0.085 → +0.05.
    const probes = [
      { intensity: 0.09, drift: 0.22 },
      { intensity: 0.07, drift: -0.34 },
      { intensity: 0.08, drift: -0.04 },
      { intensity: 0.085, drift: 0.05 },
      { intensity: 0.0825, drift: 0.12 },
    ];
    expect(monotoneBreaks(probes)).toEqual([
      [
        { intensity: 0.0825, drift: 0.12 },
        { intensity: 0.085, drift: 0.05 },
      ],
    ]);
  });
});
