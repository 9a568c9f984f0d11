/**
 * Human progression rate against the library (docs/model.md, "Human progression and regression after
 * cure"): a held F3 under its continuing injury gains stages, at Poynard 1997's order, read as the
 * validation reads it — the first-year change of `fibrosis_stage_continuous`, each seed against its
 * own day 0. Asserted: it progresses (the 95 % interval lies above 0) and its mean is within a factor
 * of two of the data's median rate (the same order: the data average decades from infection, the
 * model one year of a held F3). Not asserted, because it is false: that the interval holds 0.133 —
 * on 24 seeds the model gains 0.197 [0.134, 0.260] stages a year, about 1.5 times the median rate, a
 * miss the validation report shows (most of it after day 168, while the held F3's cells are still
 * settling: docs/model.md, "Injury and disease stages"). 96²: at 64² a section has too few central
 * veins for the septa part of the stage.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDataset } from "../../src/study/reference/dataset";
import { meanCI } from "../../src/study/stats/intervals";
import { report, runToEnd, SEEDS } from "./harness";

const file = "public/reference/poynard-1997-hcv-fibrosis-progression-rate.json";
const poynard = parseDataset(JSON.parse(readFileSync(file, "utf8")), file);

describe("human progression rate", () => {
  it("a held human F3 progresses in its first year, at the order of Poynard 1997's rate (5 seeds, each against its day 0)", () => {
    const point = poynard.points[0]!;
    const rate = point.mean!;
    expect(poynard.readout).toBe("fibrosis_stage_continuous");
    const change: number[] = [];
    for (const seed of SEEDS) {
      const h = runToEnd(poynard.protocol.preset!, seed, { days: point.day });
      change.push(h.find((r) => r.day === point.day)!.fibrosis_stage_continuous - h[0]!.fibrosis_stage_continuous);
    }
    report("human F3, stages gained in the first year", change, 3);
    const ci = meanCI(change);
    expect(ci.lower).toBeGreaterThan(0);
    expect(ci.mean).toBeGreaterThan(rate / 2);
    expect(ci.mean).toBeLessThan(rate * 2);
  }, 600_000);
});
