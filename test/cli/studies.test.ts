/**
 * sweep, sensitivity and cohort end to end on small fast runs, and clear errors for bad study files.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PRESETS } from "../../src/model/params/presets";
import { parseCsv } from "../../src/study/csv";
import { cleanup, cli, read, smallScenario, tempDir } from "./helpers";

const dir = tempDir();
afterAll(() => cleanup(dir));
const scenario = smallScenario(dir, 4);

function writeJson(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return path;
}

function table(path: string): Record<string, string>[] {
  const { header, rows } = parseCsv(read(path));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
}

describe("sweep", () => {
  it("a grid over two parameters × two seeds makes every combination, labelled, with per-point means", async () => {
    const file = writeJson("grid.json", {
      kind: "sweep",
      scenario,
      design: "grid",
      seeds: [1, 2],
      parameters: {
        "disease.hepatectomy_fraction": { values: [0.2, 0.6] },
        "hepatocyte.regenerative_capacity": { min: 0.5, max: 1.5, steps: 3 },
      },
      outputs: ["hepatocyte_mass_percent"],
    });
    const out = join(dir, "grid");
    const r = await cli(["sweep", file, "--out", out, "--workers", "2"]);
    expect(r.code).toBe(0);
    const summary = table(join(out, "summary.csv"));
    expect(summary).toHaveLength(2 * 3 * 2);
    expect(summary[0]).toMatchObject({
      run_id: "p1-s1",
      point: "1",
      "disease.hepatectomy_fraction": "0.2",
      "hepatocyte.regenerative_capacity": "0.5",
      seed: "1",
    });
    expect(summary[11]).toMatchObject({
      run_id: "p6-s2",
      "disease.hepatectomy_fraction": "0.6",
      "hepatocyte.regenerative_capacity": "1.5",
    });
    const points = table(join(out, "points.csv"));
    expect(points).toHaveLength(6);
    const mean = (p: string) =>
      summary.filter((s) => s.point === p).reduce((a, s) => a + Number(s.hepatocyte_mass_percent) / 2, 0);
    expect(Number(points[0]!.mean_hepatocyte_mass_percent)).toBeCloseTo(mean("1"), 10);
    // Removing more liver leaves less mass after four days.
    expect(Number(points[3]!.mean_hepatocyte_mass_percent)).toBeLessThan(
      Number(points[0]!.mean_hepatocyte_mass_percent),
    );
  });
});

describe("sweep on the base tissue", () => {
  /** Day-0 and last-day read-outs of a sweep of the scar-margin damage, a parameter that shapes the stage. */
  async function sweep(name: string, tissue?: "base") {
    const file = writeJson(`${name}.json`, {
      kind: "sweep",
      scenario: { preset: "chronic-injury-f1", days: 2, lattice: { width: 32, height: 32 } },
      design: "grid",
      seeds: [5],
      parameters: { "hepatocyte.scar_margin_damage": { values: [1.5, 3] } },
      ...(tissue ? { tissue } : {}),
    });
    const out = join(dir, name);
    const r = await cli(["sweep", file, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = table(join(out, "runs.csv"));
    const day = (point: string, d: string) =>
      JSON.stringify(
        Object.entries(rows.find((x) => x.point === point && x.day === d)!).filter(
          ([k]) => k !== "point" && !k.startsWith("hepatocyte.") && k !== "run_id",
        ),
      );
    return { day0: [day("1", "0"), day("2", "0")], last: [day("1", "2"), day("2", "2")] };
  }

  it('"tissue": "base" starts every point on the base scenario\'s stage; by default each makes its own', async () => {
    const base = await sweep("tissue-base", "base");
    expect(base.day0[0]).toBe(base.day0[1]); // one tissue on day 0 ...
    expect(base.last[0]).not.toBe(base.last[1]); // ... under two values after it
    const own = await sweep("tissue-own");
    expect(own.day0[0]).not.toBe(own.day0[1]); // the stage made under each value
    expect(own.day0[1]).toBe(base.day0[0]); // the point with the base's own value is the base tissue
  });

  it('refuses "tissue": "base" over the seed or the lattice', async () => {
    const file = writeJson("tissue-bad.json", {
      kind: "sweep",
      scenario,
      design: "grid",
      parameters: { "lattice.width": { values: [32, 48] } },
      tissue: "base",
    });
    const r = await cli(["sweep", file, "--dry-run"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/parameters\.lattice\.width|lattice\.width/);
    expect(r.stderr).toMatch(/base tissue/);
  });
});

describe("sensitivity", () => {
  it("PRCC ranks the parameter that drives the output first; an inert parameter comes last", async () => {
    const file = writeJson("lhs.json", {
      kind: "sweep",
      title: "hepatectomy",
      scenario,
      design: "lhs",
      samples: 14,
      sample_seed: 4,
      parameters: {
        // No MSCs are given, so their migration rate cannot matter.
        "msc.migration_rate": { min: 0.01, max: 1 },
        "disease.hepatectomy_fraction": { min: 0.1, max: 0.8 },
      },
      outputs: ["hepatocyte_mass_percent"],
    });
    const out = join(dir, "lhs");
    const r = await cli(["sensitivity", file, "--out", out, "--workers", "2"]);
    expect(r.code).toBe(0);
    const rows = table(join(out, "prcc.csv"));
    expect(rows.map((x) => x.parameter)).toEqual(["disease.hepatectomy_fraction", "msc.migration_rate"]);
    expect(Number(rows[0]!.prcc)).toBeLessThan(-0.9);
    expect(Math.abs(Number(rows[1]!.prcc))).toBeLessThan(0.4);
    expect(Number(rows[1]!.p_value)).toBeGreaterThan(0.05);
    expect(read(join(out, "prcc.svg"))).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});

describe("cohort", () => {
  const infusion = { day: 0, source: "bone-marrow", route: "portal-vein", dose_cells_per_kg: 1e7 };
  const trial = {
    kind: "trial",
    title: "small trial",
    scenario,
    patients: 4,
    sample_seed: 9,
    weeks: 1,
    arms: [
      { name: "untreated" },
      // A parameter that does nothing here (no MSCs): its true effect is exactly zero.
      { name: "sham", set: { "msc.migration_rate": 0.9 } },
      { name: "BM MSC portal", set: { "therapy.infusions": [infusion] } },
    ],
    outcomes: ["hepatocyte_mass_percent", "cpa_percent"],
  };

  it("writes effects with CIs, responders, biomarkers and a forest plot; a do-nothing arm's CI covers zero; MSC effects equal the twins'", async () => {
    const file = writeJson("trial.json", trial);
    const out = join(dir, "trial");
    const r = await cli(["cohort", file, "--out", out, "--workers", "2"]);
    expect(r.code).toBe(0);
    const effects = table(join(out, "effects.csv"));
    const sham = effects.find((e) => e.arm === "sham" && e.outcome === "hepatocyte_mass_percent")!;
    expect(Number(sham.mean_difference)).toBe(0);
    expect(Number(sham.ci_low)).toBeLessThanOrEqual(0);
    expect(Number(sham.ci_high)).toBeGreaterThanOrEqual(0);

    // The twins, run separately with `run --seeds` on the patients' seeds, give the same effect.
    const seeds = [...new Set(table(join(out, "summary.csv")).map((s) => s.seed))].join(",");
    const treatedFile = writeJson("treated.json", {
      ...JSON.parse(read(scenario)),
      therapy: { infusions: [infusion] },
    });
    expect(
      (await cli(["run", scenario, "--seeds", seeds, "--days", "7", "--out", join(dir, "twins-control"), "--quiet"]))
        .code,
    ).toBe(0);
    expect(
      (await cli(["run", treatedFile, "--seeds", seeds, "--days", "7", "--out", join(dir, "twins-treated"), "--quiet"]))
        .code,
    ).toBe(0);
    const control = table(join(dir, "twins-control", "summary.csv"));
    const treated = table(join(dir, "twins-treated", "summary.csv"));
    const twinDiff = treated.reduce(
      (a, t, i) =>
        a + (Number(t.hepatocyte_mass_percent) - Number(control[i]!.hepatocyte_mass_percent)) / treated.length,
      0,
    );
    const msc = effects.find((e) => e.arm === "BM MSC portal" && e.outcome === "hepatocyte_mass_percent")!;
    expect(Number(msc.mean_difference)).toBeCloseTo(twinDiff, 9);
    expect(Math.sign(Number(msc.mean_difference))).toBe(Math.sign(twinDiff));

    const arms = table(join(out, "arms.csv"));
    expect(arms.map((a) => `${a.arm}/${a.outcome}`)).toContain("BM MSC portal/cpa_percent");
    expect(table(join(out, "responders.csv")).map((x) => x.arm)).toEqual(["sham", "BM MSC portal"]);
    const bio = table(join(out, "biomarkers.csv"));
    expect(bio.filter((b) => b.arm === "BM MSC portal").map((b) => b.feature)).toContain("day0_cpa_percent");
    expect(read(join(out, "forest.svg"))).toContain("BM MSC portal − untreated");
    expect(read(join(out, "biomarkers.svg"))).toContain("<svg");
  });

  it("on the MSC preset, the cohort's effect has the sign (and value) of the presets' twins run separately", async () => {
    const small = { lattice: { width: 32, height: 32 } };
    const file = writeJson("preset-trial.json", {
      kind: "trial",
      scenario: { preset: "early-cirrhosis-untreated", ...small },
      patients: 2,
      weeks: 1,
      arms: [
        { name: "untreated" },
        { name: "BM MSC IV", set: { "therapy.infusions": PRESETS["early-cirrhosis-bm-msc-iv"]!.therapy!.infusions } },
      ],
      outcomes: ["hepatocyte_mass_percent", "cpa_percent"],
    });
    const out = join(dir, "preset-trial");
    expect((await cli(["cohort", file, "--out", out, "--workers", "2", "--quiet"])).code).toBe(0);
    const seeds = [...new Set(table(join(out, "summary.csv")).map((s) => s.seed))].join(",");
    const twins = async (preset: string) => {
      const dirOut = join(dir, `twins-${preset}`);
      const r = await cli([
        "run",
        preset,
        "--seeds",
        seeds,
        "--days",
        "7",
        "--set",
        "lattice.width=32",
        "--set",
        "lattice.height=32",
        "--out",
        dirOut,
        "--quiet",
      ]);
      expect(r.code).toBe(0);
      return table(join(dirOut, "summary.csv"));
    };
    const [control, treated] = [await twins("early-cirrhosis-untreated"), await twins("early-cirrhosis-bm-msc-iv")];
    const effects = table(join(out, "effects.csv"));
    for (const outcome of ["hepatocyte_mass_percent", "cpa_percent"]) {
      const twinDiff = treated.reduce(
        (a, t, i) => a + (Number(t[outcome]) - Number(control[i]![outcome])) / treated.length,
        0,
      );
      const cohortDiff = Number(effects.find((e) => e.outcome === outcome)!.mean_difference);
      expect(Math.sign(cohortDiff), outcome).toBe(Math.sign(twinDiff));
      expect(cohortDiff, outcome).toBeCloseTo(twinDiff, 9);
    }
  });

  it("shards of a cohort merge to the same tables and statistics as one machine", async () => {
    const file = writeJson("trial2.json", { ...trial, arms: trial.arms.slice(0, 2), patients: 3 });
    const whole = join(dir, "trial-whole");
    expect((await cli(["cohort", file, "--out", whole, "--workers", "1", "--quiet"])).code).toBe(0);
    const shared = join(dir, "trial-shards");
    for (const s of ["1/2", "2/2"])
      expect((await cli(["cohort", file, "--out", shared, "--shard", s, "--workers", "1", "--quiet"])).code).toBe(0);
    expect((await cli(["merge", shared])).code).toBe(0);
    for (const f of ["runs.csv", "summary.csv", "effects.csv", "patients.csv", "biomarkers.csv", "forest.svg"])
      expect(read(join(shared, f)), f).toBe(read(join(whole, f)));
  });
});

describe("bad study files", () => {
  const base = {
    kind: "sweep",
    scenario: "healthy",
    design: "grid",
    parameters: { "hepatocyte.regenerative_capacity": { values: [1] } },
  };
  const trialBase = { kind: "trial", scenario: "healthy", patients: 3, weeks: 1, arms: [{ name: "a" }, { name: "b" }] };
  it.each([
    [
      "an unknown parameter",
      { ...base, parameters: { "hepatocyte.regenerativ_capacity": { values: [1] } } },
      "is not a known parameter",
      "hepatocyte.regenerativ_capacity",
    ],
    [
      "an empty range",
      { ...base, parameters: { "hepatocyte.regenerative_capacity": { min: 2, max: 1, steps: 3 } } },
      "the range is empty",
      "hepatocyte.regenerative_capacity",
    ],
    [
      "an empty value list",
      { ...base, parameters: { "hepatocyte.regenerative_capacity": { values: [] } } },
      "at least one value",
      "hepatocyte.regenerative_capacity",
    ],
    [
      "a value out of the parameter's range",
      { ...base, parameters: { "hepatocyte.regenerative_capacity": { values: [1, 50] } } },
      "allowed: 0 … 2",
      "hepatocyte.regenerative_capacity",
    ],
    [
      "an LHS without samples",
      { ...base, design: "lhs", parameters: { "hepatocyte.regenerative_capacity": { min: 0, max: 1 } } },
      "samples",
      "samples",
    ],
    ["N = 0 patients", { ...trialBase, patients: 0 }, "patients: 0 is not allowed", "patients"],
    [
      "a bad distribution",
      { ...trialBase, baseline: { "hepatocyte.regenerative_capacity": { normal: { mean: 1, sd: -0.1 } } } },
      "sd > 0",
      "hepatocyte.regenerative_capacity",
    ],
    [
      "two distributions at once",
      { ...trialBase, baseline: { "hepatocyte.regenerative_capacity": { value: 1, uniform: { min: 0, max: 1 } } } },
      "exactly one of",
      "hepatocyte.regenerative_capacity",
    ],
    [
      "an unknown baseline field",
      { ...trialBase, baseline: { "disease.stag": { value: "F2" } } },
      "is not a known parameter or scenario field",
      "disease.stag",
    ],
    ["one arm only", { ...trialBase, arms: [{ name: "a" }] }, "at least two arms", "arms"],
    ["an unknown control arm", { ...trialBase, control: "placebo" }, "allowed: a | b", "control"],
  ])("%s → exit 2 with a clear message naming the field, nothing written", async (_what, doc, message, field) => {
    const file = writeJson("bad-study.json", doc);
    const v = await cli(["validate", file]);
    expect(v.code).toBe(2);
    expect(v.stdout).toBe("");
    expect(v.stderr).toContain(message);
    expect(v.stderr).toContain(field);
    const command = (doc as { kind: string }).kind === "trial" ? "cohort" : "sweep";
    const out = join(dir, "bad-study-out");
    const r = await cli([command, file, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(field);
    expect(existsSync(out)).toBe(false);
  });
});
