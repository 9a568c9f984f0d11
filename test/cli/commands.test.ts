/** The simple commands and the guarantees about input: presets, schema, validate, bad flags, the three files of a run. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { READOUTS } from "../../src/model/metrics/readouts";
import { PRESET_NAMES } from "../../src/model/params/presets";
import { cleanup, cli, listFiles, read, smallScenario, tempDir } from "./helpers";

const dir = tempDir();
afterAll(() => cleanup(dir));

describe("presets and schema", () => {
  it("lists every preset, one name a line, and as JSON with title and description", async () => {
    const plain = await cli(["presets"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim().split("\n")).toEqual([...PRESET_NAMES]);
    const json = await cli(["presets", "--json"]);
    const list = JSON.parse(json.stdout) as { name: string; title: string; description: string }[];
    expect(list.map((p) => p.name)).toEqual([...PRESET_NAMES]);
    for (const p of list) {
      expect(p.title.length).toBeGreaterThan(3);
      expect(typeof p.description).toBe("string");
    }
  });

  it("exports the scenario schema as JSON Schema with ranges and descriptions", async () => {
    const out = join(dir, "scenario.schema.json");
    const r = await cli(["schema", "--out", out]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(read(out));
    expect(schema.$schema).toMatch(/json-schema/);
    expect(schema.properties.lattice.properties.width).toMatchObject({ minimum: 32, maximum: 1024 });
    expect(schema.properties.parameters.properties["hepatocyte.regenerative_capacity"].description).toBeTruthy();
    expect(schema.additionalProperties).toBe(false);
  });

  it("docs/scenario.schema.json is the schema this code exports", async () => {
    const r = await cli(["schema"]);
    expect(read("docs/scenario.schema.json"), "docs/scenario.schema.json is stale: run `npm run schema`").toBe(
      r.stdout,
    );
  });
});

describe("validate", () => {
  it("accepts every shipped preset file", async () => {
    const files = readdirSync("public/scenarios").map((f) => join("public/scenarios", f));
    expect(files.length).toBe(PRESET_NAMES.length);
    const r = await cli(["validate", ...files]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(files.length);
  });

  it.each([
    ["an unknown field", { preset: "healthy", lattice: { width: 64, depth: 3 } }, "lattice.depth"],
    ["a wrong type", { seed: "one" }, "seed"],
    [
      "a value out of range",
      { parameters: { "hepatocyte.regenerative_capacity": 99 } },
      'parameters["hepatocyte.regenerative_capacity"]',
    ],
    ["a lattice of 0 sites", { lattice: { width: 0, height: 0 } }, "lattice.width"],
    ["a lattice of 10⁹ sites", { lattice: { width: 31623, height: 31623 } }, "lattice.width"],
    ["an unknown preset", { preset: "no-such-preset" }, "no-such-preset"],
  ])("refuses %s with exit 2 and a message naming the field", async (_what, doc, field) => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(doc));
    const r = await cli(["validate", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(field);
    expect(r.stderr).toMatch(/allowed|no such field|known preset/);
  });

  it("refuses malformed JSON and a missing file with exit 2", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, '{"seed": 1,');
    const broken = await cli(["validate", file]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/malformed JSON/);
    const missing = await cli(["validate", join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json/);
  });
});

describe("bad flags", () => {
  it.each([
    [["--seed", "-1"], "seed: -1", "0 … 4294967295"],
    [["--seed", "1.5"], "seed: 1.5", "whole number"],
    [["--days", "-3"], "days: -3", "1 … 3650"],
    [["--days", "NaN"], "days", "1 … 3650"],
    [["--seeds", "5..2"], "--seeds", "from ≤ to"],
    [["--seeds", "1,1"], "--seeds", "each seed once"],
    [["--workers", "0"], "workers: 0", "1 … 256"],
    [["--set", "lattice.width=10"], "lattice.width: 10", "32 … 1024"],
    [["--set", "no_such_field=1"], "no_such_field", "no such field"],
    [["--seed", "1", "--seeds", "1..3"], "--seed", "not both"],
    [["--shard", "4/3"], "--shard", "1 ≤ i ≤ n"],
    [["--bogus"], "unknown option '--bogus'", "hepatosim --help"],
  ])("%j exits 2, names the field and range, and writes nothing", async (flags, field, allowed) => {
    const out = join(dir, "bad-flags-out");
    const r = await cli(["run", "healthy", "--out", out, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(field);
    expect(r.stderr).toContain(allowed);
    expect(existsSync(out)).toBe(false);
  });

  it("an unknown scenario name exits 2 and says what is allowed", async () => {
    const r = await cli(["run", "no-such-preset-or-file"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/preset name/);
  });
});

describe("run", () => {
  it("writes timeseries.csv, summary.json and manifest.json for a preset", async () => {
    const out = join(dir, "one-run");
    const r = await cli([
      "run",
      "partial-hepatectomy",
      "--days",
      "3",
      "--seed",
      "7",
      "--set",
      "lattice.width=32",
      "--set",
      "lattice.height=32",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(listFiles(out)).toEqual(["manifest.json", "summary.json", "timeseries.csv"]);

    const lines = read(join(out, "timeseries.csv")).trim().split("\n");
    expect(lines[0]).toBe(READOUTS.map((c) => c.key).join(","));
    expect(lines[0]!.startsWith("day,")).toBe(true);
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual([0, 1, 2, 3]);

    const summary = JSON.parse(read(join(out, "summary.json")));
    expect(summary.end_point.day).toBe(3);
    expect(summary.generation.hepatectomy_fraction).toBeCloseTo(0.667);
    expect(summary.wall_time_s).toBeGreaterThan(0);

    const manifest = JSON.parse(read(join(out, "manifest.json")));
    expect(manifest.complete).toBe(true);
    expect(manifest.seed).toBe(7);
    expect(manifest.hepatosim_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.git_commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(manifest.node_version).toBe(process.version);
    expect(manifest.command_line).toContain("run partial-hepatectomy");
    expect(Object.keys(manifest.scenario.parameters).length).toBeGreaterThan(50);
    expect(manifest.scenario_delta).toMatchObject({
      preset: "partial-hepatectomy",
      seed: 7,
      days: 3,
      lattice: { width: 32, height: 32 },
    });
    expect(manifest.dose_conversion).toEqual([]);
  });

  it("records the dose conversion of each infusion", async () => {
    const out = join(dir, "msc-run");
    const file = join(dir, "msc.json");
    const infusion = { day: 1, source: "bone-marrow", route: "intravenous", dose_cells_per_kg: 1e6 };
    writeFileSync(
      file,
      JSON.stringify({
        preset: "partial-hepatectomy",
        days: 2,
        lattice: { width: 32, height: 32 },
        therapy: { infusions: [infusion] },
      }),
    );
    expect((await cli(["run", file, "--out", out, "--quiet"])).code).toBe(0);
    const manifest = JSON.parse(read(join(out, "manifest.json")));
    expect(manifest.dose_conversion).toHaveLength(1);
    expect(manifest.dose_conversion[0]).toMatchObject({ infusion: 0, route: "intravenous" });
    expect(manifest.dose_conversion[0].realInSection).toBeGreaterThan(0);
  });

  it("refuses to write over earlier results unless resuming", async () => {
    const out = join(dir, "again");
    const file = smallScenario(dir, 1);
    expect((await cli(["run", file, "--out", out])).code).toBe(0);
    const before = read(join(out, "manifest.json"));
    const again = await cli(["run", file, "--out", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds results/);
    const resumed = await cli(["run", file, "--out", out, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(read(join(out, "manifest.json"))).toBe(before);
  });
});

describe("the installed command", () => {
  it("`npx hepatosim` resolves to this package's bin and runs without a build step", () => {
    const r = spawnSync("npx", ["--no-install", "hepatosim", "presets"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([...PRESET_NAMES]);
    const bad = spawnSync("npx", ["--no-install", "hepatosim", "run", "healthy", "--seed", "-1"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("seed: -1");
  });
});

describe("docs", () => {
  it("the sweep and trial examples in docs/research.md are valid", async () => {
    const blocks = [...read("docs/research.md").matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const files = blocks.map((b, i) => {
      const f = join(dir, `doc-example-${i}.json`);
      writeFileSync(f, b);
      return f;
    });
    const r = await cli(["validate", ...files]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("the study files the docs cite (docs/studies) are valid", async () => {
    const files = readdirSync("docs/studies")
      .filter((f) => f.endsWith(".json"))
      .map((f) => join("docs/studies", f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    const r = await cli(["validate", ...files]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
