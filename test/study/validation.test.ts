/** Model-vs-data comparison of `hepatosim validation`: normalisations, twins, z and the verdict, on hand-made series. */
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/cli/commands/validation";
import { PARAMETERS } from "../../src/model/params/registry";
import { type Dataset, dataSd, parseDataset, unrunnable } from "../../src/study/reference/dataset";
import { compareDataset, type Series } from "../../src/study/validation/compare";
import { numericsChanges } from "../../src/study/validation/numerics";
import { validationPlan } from "../../src/study/validation/plan";
import { validationTableMd } from "../../src/study/validation/table-md";

const base: Dataset = parseDataset(
  {
    id: "test-data",
    title: "A test dataset",
    citation: { authors: "Doe J", year: 2000, title: "T", journal: "J", doi: "10.1000/test" },
    species: "rat",
    role: "validation",
    protocol: { description: "withdrawal", preset: "injury-withdrawal-f2", day_zero: "last dose", lattice: 48 },
    quantity: "CPA",
    readout: "cpa_percent",
    normalisation: "absolute",
    points: [
      { day: 0, mean: 10, spread: 1, spread_kind: "SD", n: 5, provenance: "abstract" },
      { day: 2, mean: 8, spread: 0.5, spread_kind: "SE", n: 4, provenance: "abstract" },
    ],
    quote: ["…"],
    status: "complete",
  },
  "test",
);

/** Seeds 1..3 of one arm, value(day) given by a function of seed and day. */
function arm(f: (seed: number, day: number) => number): Map<number, Map<number, number>> {
  return new Map([1, 2, 3].map((s) => [s, new Map([0, 1, 2].map((d) => [d, f(s, d)]))]));
}

describe("validation comparison", () => {
  it("derives the data SD from SE and n, reads an unlabelled ± as an SD, and refuses to guess one from a range", () => {
    expect(dataSd(base.points[1]!)).toBe(1);
    expect(dataSd({ ...base.points[0]!, spread_kind: "range" })).toBeNull();
    expect(dataSd({ ...base.points[0]!, spread_kind: "unspecified" })).toBe(1);
  });

  it("scores absolute points with z against the data SD and names the misses", () => {
    const series: Series = new Map([["model", arm((s, d) => (d === 0 ? 10 + (s - 2) * 0.1 : 9 + (s - 2) * 0.1))]]);
    const v = compareDataset(base, series);
    expect(v.points.map((p) => p.modelMean)).toEqual([10, 9]);
    expect(v.points[0]!.z).toBeCloseTo(0);
    expect(v.points[1]!.z).toBeCloseTo(1); // (9 − 8) / (0.5 · √4)
    expect(v.verdict).toBe("consistent: 2 of 2 points within");
    const far = compareDataset(base, new Map([["model", arm((_s, d) => (d === 0 ? 10 : 12))]]));
    expect(far.points[1]!.z).toBeCloseTo(4);
    expect(far.verdict).toBe("MISS: 1 of 2 points within");
  });

  it("divides by day 0 on both sides for relative data, and does not score the day-0 reference", () => {
    const rel = { ...base, normalisation: "relative to day 0" as const };
    const v = compareDataset(rel, new Map([["model", arm((_s, d) => (d === 0 ? 20 : 16))]]));
    expect(v.points).toHaveLength(1); // the day-0 reference agrees by construction: listed, not scored
    expect(v.points[0]!.modelMean).toBeCloseTo(0.8);
    expect(v.points[0]!.dataMean).toBeCloseTo(0.8);
    expect(v.points[0]!.within).toBe(true);
  });

  it("takes the per-seed ratio to the untreated twin for arm comparisons, and plans the twins", () => {
    const twins = {
      ...base,
      normalisation: "relative to control" as const,
      points: [
        {
          day: 2,
          mean: 0.7,
          spread: 0.05,
          spread_kind: "SD" as const,
          n: 6,
          arm: "treated" as const,
          provenance: "text",
        },
      ],
    };
    const series: Series = new Map([
      ["treated", arm((s, d) => (d === 2 ? 7 * s : 10))],
      ["control", arm((s, d) => (d === 2 ? 10 * s : 10))],
    ]);
    const v = compareDataset(twins, series);
    expect(v.points[0]!.modelMean).toBeCloseTo(0.7);
    expect(v.points[0]!.modelUpper - v.points[0]!.modelLower).toBeCloseTo(0); // the seed-to-seed factor cancels in the pair
    const plan = validationPlan([twins], [1, 2]);
    expect(plan.runs.map((r) => r.runId)).toEqual([
      "test-data--s1-treated",
      "test-data--s1-control",
      "test-data--s2-treated",
      "test-data--s2-control",
    ]);
    expect(plan.runs[1]!.doc.therapy?.infusions).toEqual([]);
    expect(plan.runs[0]!.doc.days).toBe(2);
    expect(plan.runs[0]!.doc.lattice).toEqual({ width: 48, height: 48 });
  });

  it("takes the per-seed difference from the untreated twin for `difference from control` data (MELD points)", () => {
    const diff = {
      ...base,
      normalisation: "difference from control" as const,
      points: [
        {
          day: 2,
          mean: -2,
          spread: 0.5,
          spread_kind: "SD" as const,
          n: 6,
          arm: "treated" as const,
          provenance: "text",
        },
      ],
    };
    const series: Series = new Map([
      ["treated", arm((s, d) => (d === 2 ? 10 + s - 2 : 10))],
      ["control", arm((s, d) => (d === 2 ? 10 + s : 10))],
    ]);
    const v = compareDataset(diff, series);
    expect(v.points[0]!.modelMean).toBeCloseTo(-2, 12);
    expect(v.points[0]!.within).toBe(true);
    expect(validationPlan([diff], [1]).runs.map((r) => r.runId)).toEqual([
      "test-data--s1-treated",
      "test-data--s1-control",
    ]);
  });

  it("scores a share of virtual patients for `percent of runs below` data (Wilson's interval), and refuses a threshold elsewhere", () => {
    const share = parseDataset(
      {
        ...base,
        readout: "fibrosis_stage",
        normalisation: "percent of runs below",
        below: 4,
        points: [{ day: 2, mean: 70, spread: null, spread_kind: "none", n: 96, provenance: "abstract" }],
      },
      "test",
    );
    // Seeds 1 and 2 leave F4 by day 2, seed 3 does not: 2 of 3 runs below.
    const v = compareDataset(share, new Map([["model", arm((s, d) => (d === 2 && s < 3 ? 3 : 4))]]));
    expect(v.points[0]!.modelMean).toBeCloseTo(200 / 3, 12);
    expect(v.points[0]!.within).toBe(true); // no data spread: the model's interval holds 70
    const none = compareDataset(share, new Map([["model", arm(() => 4)]]));
    expect([none.points[0]!.modelMean, none.points[0]!.within]).toEqual([0, false]);
    // Every run below: 100 %, with Wilson's interval (3 of 3: 43.85–100 %), not a t-interval of [100, 100].
    const all = compareDataset(share, new Map([["model", arm(() => 3)]])).points[0]!;
    expect(all.modelMean).toBe(100);
    expect(all.modelLower).toBeCloseTo(43.85, 2);
    expect(all.modelUpper).toBe(100);
    expect(all.within).toBe(true);
    expect(() => parseDataset({ ...share, normalisation: "absolute" }, "test")).toThrow(/below/);
    expect(() => parseDataset({ ...share, below: undefined }, "test")).toThrow(/below/);
  });

  it("writes table.md: one row per scored point, the data with its spread's kind, the model's interval, misses in bold", () => {
    const v = compareDataset(base, new Map([["model", arm((_s, d) => (d === 0 ? 10 : 12))]]));
    const share = parseDataset(
      {
        ...base,
        id: "share",
        readout: "fibrosis_stage",
        normalisation: "percent of runs below",
        below: 4,
        points: [{ day: 2, mean: 70, spread: null, spread_kind: "none", n: 96, provenance: "abstract" }],
      },
      "test",
    );
    const w = compareDataset(share, new Map([["model", arm(() => 3)]]));
    const lines = validationTableMd([v, w], 5).trim().split("\n");
    expect(lines[0]).toContain("model mean [95 % CI], 5 seeds");
    expect(lines.slice(2)).toEqual([
      "| test-data | validation | `cpa_percent` | 0 | 10 ± 1 (SD) | 10 [10, 10] (3 seeds) | yes |",
      "| test-data | validation | `cpa_percent` | 2 | 8 ± 0.5 (SE) | 12 [12, 12] (3 seeds) | **no** |",
      "| share | validation | `fibrosis_stage` (% of virtual patients below F4) | 2 | 70 | 100 [43.9, 100] (3 seeds; Wilson) | yes |",
    ]);
  });

  it("runs at least a dataset's min_seeds (a share needs more patients); a larger --seeds wins", () => {
    const more = { ...base, protocol: { ...base.protocol, min_seeds: 4 } };
    expect(validationPlan([more], [1, 2]).runs.map((r) => r.seed)).toEqual([1, 2, 3, 4]);
    expect(validationPlan([more], [1, 2, 3, 4, 5]).runs.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5]);
    expect(validationPlan([base], [1, 2]).runs.map((r) => r.seed)).toEqual([1, 2]);
  });

  it("--numerics: a change relative to the default's value, paired per seed; a zero default with no change is no change", () => {
    const header = ["run_id", "seed", "dataset", "arm", "numerics", "day", "cpa_percent"];
    const rows: (string | number)[][] = [];
    const variants = ["default", "dt-half", "substeps-10x", "lattice-256"];
    for (const v of variants)
      for (const seed of [1, 2, 3])
        for (const day of [0, 1, 2]) {
          // Day 2: 10 + seed by default, 5 % more with Δt halved; nothing moves elsewhere; day 0 is 0 everywhere.
          const value = day === 0 ? 0 : day === 1 ? 8 : (10 + seed) * (v === "dt-half" ? 1.05 : 1);
          rows.push([`r-${v}-${seed}`, seed, "test-data", "model", v, day, value]);
        }
    const tables = { header, rows, summaryHeader: [], summary: [], missing: [], failed: [] };
    const changes = numericsChanges(base, tables);
    const at = (day: number, v: string) => changes.find((c) => c.day === day && c.variant === v)!;
    expect(at(2, "dt-half").change).toBeCloseTo(0.05, 12);
    expect(at(2, "dt-half").within).toBe(false);
    expect(at(2, "substeps-10x").change).toBe(0);
    expect(at(2, "substeps-10x").equivalent).toBe(true);
    expect([at(0, "lattice-256").change, at(0, "lattice-256").within]).toEqual([0, true]);

    // A difference from control sits near 0: its change is relative to the treated arm's own value.
    const twoArm = { ...base, normalisation: "difference from control" as const };
    const armRows: (string | number)[][] = [];
    for (const v of variants)
      for (const a of ["control", "treated"])
        for (const seed of [1, 2, 3])
          for (const day of [0, 2]) {
            // Treated 20 on day 2 by default (control 21: a difference of −1); Δt halved adds 1 to treated.
            const value = day === 0 ? 20 : a === "control" ? 21 : v === "dt-half" ? 21 : 20;
            armRows.push([`r-${v}-${a}-${seed}`, seed, "test-data", a, v, day, value]);
          }
    const armChanges = numericsChanges(twoArm, { ...tables, rows: armRows });
    const dtHalf = armChanges.find((c) => c.day === 2 && c.variant === "dt-half")!;
    expect(dtHalf.change).toBeCloseTo(1 / 20, 12);
    expect(armChanges.find((c) => c.day === 2 && c.variant === "substeps-10x")!.change).toBe(0);
  });

  it("lists a dataset without numbers or without a model read-out, and does not run it", () => {
    expect(unrunnable({ ...base, points: [] })).toMatch(/no numbers/);
    expect(unrunnable({ ...base, protocol: { ...base.protocol, preset: null } })).toMatch(/no protocol preset/);
    expect(validationPlan([{ ...base, points: [] }], [1]).runs).toEqual([]);
    expect(compareDataset({ ...base, readout: null }, new Map()).verdict).toMatch(/^not run/);
  });

  it("runs each protocol in the dataset's species: a human dataset on a rodent preset runs on the human clock", () => {
    const human = { ...base, species: "human" as const, protocol: { ...base.protocol, preset: "partial-hepatectomy" } };
    const [run] = validationPlan([human], [1]).runs;
    expect(run!.doc.species).toBe("human");
    expect(validationPlan([base], [1]).runs[0]!.doc.species).toBe("rat");
  });

  it("the registry names calibration datasets as sources, never a validation dataset", () => {
    const library = loadLibrary();
    const sources = PARAMETERS.map((p) => p.source).join("\n");
    for (const d of library)
      if (d.role === "validation") expect(sources, `${d.id} is a validation dataset`).not.toContain(d.id);
    const named = library.filter((d) => sources.includes(d.id)).map((d) => d.id);
    expect(named).toContain("gholamrezanezhad-2011-in111-msc-lung");
  });
});
