/** The calibration problem built from reference datasets: dataset choice, fit points, candidate runs and model values, reopening a finished state. */
import { describe, expect, it } from "vitest";
import type { Readouts } from "../../src/model/metrics/readouts";
import { InputError } from "../../src/model/params/validation";
import { type Batch, initialState, runToEnd } from "../../src/study/calibration/abc-smc";
import { normalisedDistance } from "../../src/study/calibration/distance";
import { fitSvg, pairsSvg } from "../../src/study/calibration/plots";
import { priorsFor } from "../../src/study/calibration/priors";
import {
  candidateModelValues,
  candidateRuns,
  chooseDatasets,
  fitPoints,
  fitRows,
  reopenState,
} from "../../src/study/calibration/problem";
import { summarisePosterior } from "../../src/study/calibration/summary";
import { type Dataset, parseDataset } from "../../src/study/reference/dataset";

function dataset(
  id: string,
  normalisation: string,
  points: Record<string, unknown>[],
  readout = "hepatocyte_mass_percent",
): Dataset {
  return parseDataset(
    {
      id,
      title: "test",
      citation: { authors: "Test", year: 2000, title: "None", journal: "None" },
      species: "rat",
      role: "calibration",
      protocol: { description: "x", preset: "partial-hepatectomy", day_zero: "resection", lattice: 32 },
      quantity: "q",
      readout,
      normalisation,
      points: points.map((p) => ({ provenance: "test", spread_kind: "SD", ...p })),
      quote: [],
      status: "complete",
    },
    id,
  );
}

const relative = dataset("rel", "relative to day 0", [
  { day: 0, mean: 50, spread: 2 },
  { day: 2, mean: 75, spread: 5 },
  { day: 3, mean: 100, spread: 5, arm: "uninjured" },
]);
const absolute = dataset("abs", "absolute", [{ day: 1, mean: 40, spread: null, spread_kind: "none" }]);
const twins = dataset("twins", "relative to control", [{ day: 1, mean: 1.2, spread: 0.1 }]);

const flagOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.issues[0]!.path;
    throw e;
  }
  return null;
};

describe("calibration problem", () => {
  it("chooses runnable datasets on a fittable scale and names --data otherwise", () => {
    expect(chooseDatasets([relative, absolute], ["rel"]).map((d) => d.id)).toEqual(["rel"]);
    expect(flagOf(() => chooseDatasets([relative], ["nope"]))).toBe("--data");
    expect(chooseDatasets([twins], ["twins"]).map((d) => d.id)).toEqual(["twins"]);
    const share = parseDataset(
      { ...JSON.parse(JSON.stringify(relative)), id: "share", normalisation: "percent of runs below", below: 4 },
      "share",
    );
    expect(flagOf(() => chooseDatasets([share], ["share"]))).toBe("--data");
    expect(flagOf(() => chooseDatasets([relative], ["rel", "rel"]))).toBe("--data");
  });

  it("scores the points validation scores, on the model's scale; a point with no spread needs --assume-spread", () => {
    const pts = fitPoints([relative]);
    // Day 0 of relative data and the uninjured animals are not scored; day 2 is divided by the day-0 mean.
    expect(pts.map((p) => [p.day, p.observed.value, p.observed.sd, p.spreadSource])).toEqual([[2, 1.5, 0.1, "sd"]]);
    expect(flagOf(() => fitPoints([absolute]))).toBe("--assume-spread");
    const assumed = fitPoints([absolute], 0.1);
    expect(assumed[0]!.observed.sd).toBeCloseTo(4);
    expect(assumed[0]!.spreadSource).toBe("assumed");
  });

  it("builds one run per dataset and seed with the candidate's values, and averages the model values over seeds", () => {
    const runs = candidateRuns([relative], ["hepatocyte.cycle_entry_rate"], [0.3], [5, 6]);
    expect(runs.map((r) => r.seed)).toEqual([5, 6]);
    expect(runs[0]!.doc).toMatchObject({
      preset: "partial-hepatectomy",
      seed: 5,
      days: 3,
      lattice: { width: 32, height: 32 },
      parameters: { "hepatocyte.cycle_entry_rate": 0.3 },
    });
    const history = (day0: number, day2: number) =>
      [0, 1, 2, 3].map(
        (day) => ({ day, hepatocyte_mass_percent: day === 0 ? day0 : day === 2 ? day2 : 0 }) as unknown as Readouts,
      );
    const points = fitPoints([relative]);
    // Seed 5: 60/40 = 1.5; seed 6: 60/30 = 2 → mean 1.75.
    expect(candidateModelValues([relative], points, runs, [history(40, 60), history(30, 60)])).toEqual([1.75]);
    // A failed run makes the point unknown, and the distance infinite.
    const failed = candidateModelValues([relative], points, runs, [history(40, 60), null]);
    expect(failed[0]).toBeNaN();
    expect(
      normalisedDistance(
        points.map((p) => p.observed),
        failed,
      ),
    ).toBe(Infinity);
  });

  it("runs an untreated twin beside each treated run when the data compare arms, and reads each arm", () => {
    const dose = { day: 1, source: "bone-marrow", route: "intraparenchymal", dose_cells_per_kg: 4e6 };
    const arms = parseDataset(
      {
        ...JSON.parse(JSON.stringify(twins)),
        id: "arms",
        normalisation: "absolute",
        readout: "cpa_percent",
        protocol: { ...twins.protocol, scenario: { "therapy.infusions": [dose] } },
        points: [
          { day: 2, mean: 10, spread: 2, spread_kind: "SD", arm: "control", provenance: "test" },
          { day: 2, mean: 4, spread: 1, spread_kind: "SD", arm: "treated", provenance: "test" },
        ],
      },
      "arms",
    );
    const points = fitPoints([arms]);
    expect(points.map((p) => [p.arm, p.observed.label])).toEqual([
      ["control", "arms day 2 control"],
      ["treated", "arms day 2 treated"],
    ]);
    const runs = candidateRuns([arms], ["msc.contact_radius"], [2], [7, 8]);
    expect(runs.map((r) => [r.seed, r.arm])).toEqual([
      [7, "treated"],
      [7, "control"],
      [8, "treated"],
      [8, "control"],
    ]);
    // Twins share seed and tissue; only the control loses its infusions.
    expect(runs[0]!.doc).toMatchObject({ seed: 7, therapy: { infusions: [dose] } });
    expect(runs[1]!.doc).toMatchObject({ seed: 7, therapy: { infusions: [] } });
    const cpa = (v: number) => [0, 1, 2].map((day) => ({ day, cpa_percent: day === 2 ? v : 0 }) as unknown as Readouts);
    // Control runs read 9 and 11 (mean 10); treated 5 and 3 (mean 4).
    expect(candidateModelValues([arms], points, runs, [cpa(5), cpa(9), cpa(3), cpa(11)])).toEqual([10, 4]);
    // Relative to control: each treated run over its own twin, then the mean.
    const rel = parseDataset(
      {
        ...JSON.parse(JSON.stringify(twins)),
        points: [{ day: 2, mean: 0.5, spread: 0.1, spread_kind: "SD", provenance: "t" }],
        readout: "cpa_percent",
      },
      "twins",
    );
    const relRuns = candidateRuns([rel], [], [], [7, 8]);
    expect(candidateModelValues([rel], fitPoints([rel]), relRuns, [cpa(5), cpa(10), cpa(3), cpa(12)])).toEqual([
      (0.5 + 0.25) / 2,
    ]);
  });

  it("reopens a calibration stopped by its generation limit so that it ends as one run with the larger limit", () => {
    const priors = priorsFor(["hepatocyte.cycle_entry_rate"]);
    const sim = (b: Batch) => b.candidates.map((c) => Math.abs(c.values[0]! - 0.3) * 10 + (c.seed % 7) / 100);
    const options = { priors, particles: 8, seed: 3 };
    const whole = runToEnd(initialState({ ...options, generations: 3 }), sim);
    const first = runToEnd(initialState({ ...options, generations: 1 }), sim);
    expect(first.done).toBe(true);
    const wanted = initialState({ ...options, generations: 3 }).config;
    const reopened = reopenState(first, wanted);
    if (!("state" in reopened)) throw new Error("refused");
    expect(reopened.state.done).toBe(false);
    expect(runToEnd(reopened.state, sim)).toEqual(whole);
    // Other settings cannot change.
    const other = reopenState(first, initialState({ ...options, seed: 4, generations: 3 }).config);
    expect(other).toEqual({ differences: ["seed"] });
    // A finished run with the same limit stays finished.
    const same = reopenState(whole, wanted);
    expect("state" in same && same.state.done).toBe(true);
  });

  it("draws pairs.svg and fit.svg", () => {
    const priors = priorsFor(["hepatocyte.cycle_entry_rate", "hepatocyte.hgf_half_saturation"]);
    const sim = (b: Batch) =>
      b.candidates.map((c) => Math.abs(c.values[0]! - 0.3) + Math.abs(Math.log(c.values[1]! / 0.1)));
    const state = runToEnd(initialState({ priors, particles: 10, seed: 1, generations: 2 }), sim);
    const svg = pairsSvg(state, summarisePosterior(state));
    expect(svg.match(/<circle/g)).toHaveLength(10);
    expect(svg).toContain("hepatocyte.hgf_half_saturation");
    const points = fitPoints([relative]);
    const rows = fitRows(
      points,
      state,
      state.population.map((_, i) => [1 + i / 10]),
    );
    expect(rows[1]!.slice(0, 7)).toEqual(["rel", "hepatocyte_mass_percent", 2, "", 1.5, 0.1, "sd"]);
    expect(fitSvg(rows)).toContain("rel — hepatocyte_mass_percent");
  });
});
