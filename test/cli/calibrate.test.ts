/**
 * `hepatosim calibrate`: recovers known parameter values from synthetic data; a resumed calibration
 * and one on another worker count give the same posterior bytes; bad flags are refused before
 * anything is written.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { priorQuantile, registryPrior } from "../../src/study/calibration/priors";
import { weightedQuantile } from "../../src/study/calibration/weighted";
import { parseCsv } from "../../src/study/csv";
import { cleanup, cli, read, tempDir } from "./helpers";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) cleanup(d);
});
const temp = (prefix?: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
};

interface Point {
  day: number;
  mean: number;
  spread?: number;
  spread_kind: string;
  arm?: string;
}

function dataset(id: string, readout: string, normalisation: string, points: Point[]) {
  return {
    id,
    title: "Synthetic data for the calibration test",
    citation: { authors: "Test", year: 2026, title: "None", journal: "None" },
    species: "rat",
    role: "calibration",
    protocol: { description: "2/3 resection", preset: "partial-hepatectomy", day_zero: "resection", lattice: 32 },
    quantity: readout,
    readout,
    normalisation,
    points: points.map((p) => ({ n: 3, provenance: "synthetic", ...p })),
    quote: [],
    status: "complete",
  };
}

function writeLibrary(dir: string, datasets: ReturnType<typeof dataset>[]): void {
  mkdirSync(dir, { recursive: true });
  for (const d of datasets) writeFileSync(join(dir, `${d.id}.json`), JSON.stringify(d));
}

const ENTRY = "hepatocyte.cycle_entry_rate";
const DURATION = "hepatocyte.cycle_duration";
const TRUTH: Record<string, number> = { [ENTRY]: 0.04, [DURATION]: 24 };
const DAYS = [1, 2, 3, 4];

/** Weighted 90 % interval of one column of posterior.csv. */
function posteriorInterval(csv: string, name: string): [number, number] {
  const { header, rows } = parseCsv(csv);
  const w = rows.map((r) => Number(r[header.indexOf("weight")]));
  const v = rows.map((r) => Number(r[header.indexOf(name)]));
  return [weightedQuantile(v, w, 0.05), weightedQuantile(v, w, 0.95)];
}

describe("hepatosim calibrate", () => {
  it("recovers two hepatocyte parameters from synthetic hepatectomy data: each 90 % interval holds the true value and is ≥ 2× narrower than the prior's", async () => {
    const work = temp("hepatosim-calib-");
    // The data: the mean of 3 seeds of the model at the true values (32², 4 days), with stated SDs.
    const truth = join(work, "truth");
    const sets = Object.entries(TRUTH).flatMap(([k, v]) => ["--set", `${k}=${v}`]);
    const r0 = await cli([
      "run",
      "partial-hepatectomy",
      "--days",
      "4",
      "--set",
      "lattice.width=32",
      "--set",
      "lattice.height=32",
      ...sets,
      "--seeds",
      "101..103",
      "--out",
      truth,
      "--quiet",
    ]);
    expect(r0.code, r0.stderr).toBe(0);
    const { header, rows } = parseCsv(read(join(truth, "runs.csv")));
    const value = (seed: string, day: number, key: string) =>
      Number(
        rows.find((r) => r[header.indexOf("seed")] === seed && Number(r[header.indexOf("day")]) === day)![
          header.indexOf(key)
        ],
      );
    const seeds = ["101", "102", "103"];
    const mean = (f: (s: string) => number) => seeds.reduce((a, s) => a + f(s), 0) / seeds.length;
    const library = join(work, "library");
    writeLibrary(library, [
      dataset(
        "synthetic-mass",
        "hepatocyte_mass_percent",
        "relative to day 0",
        DAYS.map((day) => ({
          day,
          mean: mean((s) => value(s, day, "hepatocyte_mass_percent") / value(s, 0, "hepatocyte_mass_percent")),
          spread: 0.08,
          spread_kind: "SD",
        })),
      ),
      dataset(
        "synthetic-proliferation",
        "proliferation_index",
        "absolute",
        DAYS.map((day) => ({
          day,
          mean: mean((s) => value(s, day, "proliferation_index")),
          spread: 3,
          spread_kind: "SD",
        })),
      ),
    ]);
    const out = join(work, "calibration");
    const t0 = performance.now();
    const r = await cli([
      "calibrate",
      "--library",
      library,
      "--data",
      "synthetic-mass,synthetic-proliferation",
      "--params",
      `${ENTRY},${DURATION}`,
      "--particles",
      "30",
      "--generations",
      "6",
      "--workers",
      "2",
      "--seed",
      "1",
      "--out",
      out,
    ]);
    const wall = (performance.now() - t0) / 1000;
    expect(r.code, r.stderr).toBe(0);
    for (const f of [
      "posterior.csv",
      "generations.csv",
      "calibrated.json",
      "fit.csv",
      "pairs.svg",
      "fit.svg",
      "manifest.json",
      "state.json",
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(read(join(out, "pairs.svg"))).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(read(join(out, "fit.svg"))).toContain("synthetic-proliferation");
    const posterior = read(join(out, "posterior.csv"));
    const report: string[] = [];
    for (const name of [ENTRY, DURATION]) {
      const [lo, hi] = posteriorInterval(posterior, name);
      const prior = registryPrior(name);
      const [plo, phi] = [priorQuantile(prior, 0.05), priorQuantile(prior, 0.95)];
      report.push(`${name}: true ${TRUTH[name]}, posterior 90 % [${lo}, ${hi}], prior 90 % [${plo}, ${phi}]`);
      expect(lo, report.join("\n")).toBeLessThanOrEqual(TRUTH[name]!);
      expect(hi, report.join("\n")).toBeGreaterThanOrEqual(TRUTH[name]!);
      // Both priors are uniform (ranges from 0 or spanning < 2 decades): widths compare in natural units.
      expect("uniform" in prior).toBe(true);
      expect(hi - lo, report.join("\n")).toBeLessThanOrEqual((phi - plo) / 2);
    }
    const gens = parseCsv(read(join(out, "generations.csv")));
    const runs = gens.rows.reduce((a, g) => a + Number(g[gens.header.indexOf("runs")]), 0);
    console.info(`synthetic recovery: ${report.join("; ")}; ${runs} candidates × 2 runs in ${wall.toFixed(1)} s`);
    const calibrated = JSON.parse(read(join(out, "calibrated.json")));
    expect(Object.keys(calibrated.parameters).sort()).toEqual([DURATION, ENTRY]);
    // calibrated.json is a parameters block a scenario file can take as it is.
    const scenario = join(work, "calibrated-scenario.json");
    writeFileSync(scenario, JSON.stringify({ preset: "partial-hepatectomy", ...calibrated }));
    const v = await cli(["validate", scenario]);
    expect(v.code, v.stderr).toBe(0);
    const manifest = JSON.parse(read(join(out, "manifest.json")));
    expect(manifest.git_commit).toBeTruthy();
    expect(manifest.finished_generations).toBe(6);
    expect(manifest.generation_wall_s).toHaveLength(6);
  }, 400_000);

  /** A one-dataset library at 32², 2 days, for the command tests. */
  function tinyLibrary(spreadKind = "SD", normalisation = "relative to day 0"): string {
    const dir = join(temp("hepatosim-calib-lib-"), "library");
    writeLibrary(dir, [
      dataset("tiny-mass", "hepatocyte_mass_percent", normalisation, [
        { day: 1, mean: 1.05, spread: 0.1, spread_kind: spreadKind },
        { day: 2, mean: 1.4, spread: 0.1, spread_kind: spreadKind },
      ]),
    ]);
    return dir;
  }

  const tinyArgs = (library: string, out: string, generations: number, workers: number) => [
    "calibrate",
    "--library",
    library,
    "--data",
    "tiny-mass",
    "--params",
    `${ENTRY},${DURATION}`,
    "--particles",
    "6",
    "--generations",
    String(generations),
    "--workers",
    String(workers),
    "--seed",
    "7",
    "--out",
    out,
    "--quiet",
  ];

  it("a calibration stopped after generation 1 and resumed gives the bytes of an uninterrupted one; 1 and 2 workers give the same posterior", async () => {
    const library = tinyLibrary();
    const [whole, parts, single] = [temp(), temp(), temp()].map((d) => join(d, "out"));
    const a = await cli(tinyArgs(library, whole!, 2, 2));
    expect(a.code, a.stderr).toBe(0);
    const b1 = await cli(tinyArgs(library, parts!, 1, 2));
    expect(b1.code, b1.stderr).toBe(0);
    expect(parseCsv(read(join(parts!, "generations.csv"))).rows).toHaveLength(1);
    const b2 = await cli([...tinyArgs(library, parts!, 2, 2), "--resume"]);
    expect(b2.code, b2.stderr).toBe(0);
    expect(read(join(parts!, "posterior.csv"))).toBe(read(join(whole!, "posterior.csv")));
    expect(read(join(parts!, "calibrated.json"))).toBe(read(join(whole!, "calibrated.json")));
    expect(parseCsv(read(join(parts!, "generations.csv"))).rows).toHaveLength(2);
    // On a terminal (no --quiet) a live line shows the generation, the runs and the time left.
    let live = "";
    const c = await cli(
      tinyArgs(library, single!, 2, 1).filter((x) => x !== "--quiet"),
      { onStderr: (t) => void (live += t) },
    );
    expect(live).toMatch(/\rgeneration 2\/2 · ε [\d.]+ · .* left/);
    expect(c.code, c.stderr).toBe(0);
    expect(read(join(single!, "posterior.csv"))).toBe(read(join(whole!, "posterior.csv")));
    // A finished calibration resumed with the same limit has nothing left to do and changes nothing.
    const again = await cli([...tinyArgs(library, whole!, 2, 2), "--resume"]);
    expect(again.code, again.stderr).toBe(0);
    expect(read(join(whole!, "posterior.csv"))).toBe(read(join(single!, "posterior.csv")));
    // Without --resume, a directory holding a calibration is refused.
    const refused = await cli(tinyArgs(library, whole!, 2, 2));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--out");
    // Other settings than the limits cannot change on resume.
    const changed = await cli([...tinyArgs(library, whole!, 3, 2).map((x) => (x === "7" ? "8" : x)), "--resume"]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain("seed");
    // Nor can the data the distance is computed from.
    const moreSeeds = await cli([...tinyArgs(library, whole!, 3, 2), "--seeds-per-particle", "2", "--resume"]);
    expect(moreSeeds.code).toBe(2);
    expect(moreSeeds.stderr).toContain("problem.json");
  }, 200_000);

  it("Ctrl-C keeps the finished rounds (exit 130) and --resume ends with the bytes of an uninterrupted calibration", async () => {
    const library = tinyLibrary();
    const [whole, stopped] = [temp(), temp()].map((d) => join(d, "out"));
    const a = await cli(tinyArgs(library, whole!, 3, 2));
    expect(a.code, a.stderr).toBe(0);
    const controller = new AbortController();
    // Stop as soon as generation 0 is on disk, in the middle of generation 1.
    const timer = setInterval(() => {
      if (existsSync(join(stopped!, "generations.csv"))) controller.abort();
    }, 5);
    const b = await cli(tinyArgs(library, stopped!, 3, 2), { signal: controller.signal });
    clearInterval(timer);
    expect(b.code, b.stderr).toBe(130);
    expect(b.stderr).toContain("--resume");
    expect(existsSync(join(stopped!, "state.json"))).toBe(true);
    const c = await cli([...tinyArgs(library, stopped!, 3, 2), "--resume"]);
    expect(c.code, c.stderr).toBe(0);
    expect(read(join(stopped!, "posterior.csv"))).toBe(read(join(whole!, "posterior.csv")));
    expect(read(join(stopped!, "fit.csv"))).toBe(read(join(whole!, "fit.csv")));
    expect(parseCsv(read(join(stopped!, "generations.csv"))).rows).toHaveLength(3);
  }, 200_000);

  it("rounds sharded over 2 array tasks and merged by a coordinator give the posterior of one machine", async () => {
    const library = tinyLibrary();
    const [whole, sharded] = [temp(), temp()].map((d) => join(d, "out"));
    const a = await cli(tinyArgs(library, whole!, 2, 1));
    expect(a.code, a.stderr).toBe(0);
    const state = () => JSON.parse(read(join(sharded!, "state.json")));
    for (let round = 0; round < 50; round++) {
      for (const i of [2, 1]) {
        const r = await cli([...tinyArgs(library, sharded!, 2, 1), "--shard", `${i}/2`]);
        expect(r.code, r.stderr).toBe(0);
      }
      const m = await cli([...tinyArgs(library, sharded!, 2, 1), "--merge-only"]);
      expect(m.code, m.stderr).toBe(0);
      if (state().done) break;
    }
    expect(state().done).toBe(true);
    expect(read(join(sharded!, "posterior.csv"))).toBe(read(join(whole!, "posterior.csv")));
    expect(read(join(sharded!, "fit.csv"))).toBe(read(join(whole!, "fit.csv")));
    // A merge with a shard missing is refused.
    const lone = join(temp(), "out");
    expect((await cli([...tinyArgs(library, lone, 2, 1), "--shard", "1/2"])).code).toBe(0);
    const m = await cli([...tinyArgs(library, lone, 2, 1), "--merge-only"]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("--merge-only");
  }, 200_000);

  it("fits two-arm data on paired untreated twins: one run per arm, each point read from its arm", async () => {
    const dir = join(temp("hepatosim-calib-lib-"), "library");
    const arms = dataset("tiny-mass", "hepatocyte_mass_percent", "absolute", [
      { day: 2, mean: 60, spread: 5, spread_kind: "SD", arm: "control" },
      { day: 2, mean: 62, spread: 5, spread_kind: "SD", arm: "treated" },
    ]);
    const dose = { day: 1, source: "bone-marrow", route: "portal-vein", dose_cells_per_kg: 1e6 };
    const protocol = { ...arms.protocol, scenario: { "therapy.infusions": [dose] } };
    writeLibrary(dir, [{ ...arms, protocol } as ReturnType<typeof dataset>]);
    const out = join(temp(), "out");
    const r = await cli(tinyArgs(dir, out, 1, 1));
    expect(r.code, r.stderr).toBe(0);
    const fit = read(join(out, "fit.csv")).trim().split("\n");
    expect(fit[0]).toContain(",arm,");
    expect(fit.slice(1).map((row) => row.split(",")[3])).toEqual(["control", "treated"]);
    const manifest = JSON.parse(read(join(out, "manifest.json")));
    // 6 candidates, each a treated run and its untreated twin.
    expect(r.stdout + r.stderr).toContain("6 candidates × 2 runs");
    expect(manifest.points.map((p: { arm: string }) => p.arm)).toEqual(["control", "treated"]);
  }, 60_000);

  it("refuses an unknown dataset, an unknown parameter and data with no usable spread (exit 2, naming the flag), writing nothing", async () => {
    const library = tinyLibrary();
    const noSpread = tinyLibrary("none");
    const share = join(temp("hepatosim-calib-lib-"), "library");
    writeLibrary(share, [
      {
        ...dataset("tiny-mass", "hepatocyte_mass_percent", "percent of runs below", [
          { day: 2, mean: 50, spread: 10, spread_kind: "SD" },
        ]),
        below: 80,
      } as ReturnType<typeof dataset>,
    ]);
    const cases: [string[], string][] = [
      [tinyArgs(library, "", 1, 1).map((x) => (x === "tiny-mass" ? "no-such-dataset" : x)), "--data"],
      [
        tinyArgs(library, "", 1, 1).map((x) => (x === `${ENTRY},${DURATION}` ? `${ENTRY},hepatocyte.no_such` : x)),
        "--params",
      ],
      [tinyArgs(noSpread, "", 1, 1), "--assume-spread"],
      [tinyArgs(share, "", 1, 1), "--data"],
      [[...tinyArgs(library, "", 1, 1), "--budget", "3"], "--budget"],
    ];
    for (const [args, flag] of cases) {
      const out = join(temp(), "out");
      const r = await cli(args.map((x) => (x === "" ? out : x)));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(flag);
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);
});
