/** `hepatosim validation`: the shipped library parses, and a small library runs end to end, the same on 1 and 2 workers. */
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LIBRARY_INDEX, loadLibrary, REFERENCE_DIR } from "../../src/cli/commands/validation";
import { PARAMETERS } from "../../src/model/params/registry";
import { cleanup, cli, read, tempDir } from "./helpers";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) cleanup(d);
});

/** A hepatectomy dataset with made-up numbers (it tests the command, not the model) at 32², 2 days. */
function tinyLibrary(): string {
  const dir = tempDir("hepatosim-library-");
  dirs.push(dir);
  const d = {
    id: "tiny-hepatectomy",
    title: "Command test only: remnant mass after resection",
    citation: { authors: "Test", year: 2000, title: "None", journal: "None" },
    species: "rat",
    role: "validation",
    protocol: { description: "2/3 resection", preset: "partial-hepatectomy", day_zero: "resection", lattice: 32 },
    quantity: "remnant mass",
    readout: "hepatocyte_mass_percent",
    normalisation: "absolute",
    points: [
      { day: 0, mean: 33, spread: 3, spread_kind: "SD", n: 6, provenance: "test" },
      { day: 2, mean: 99, spread: 1, spread_kind: "SD", n: 6, provenance: "test" },
    ],
    quote: [],
    status: "complete",
  };
  writeFileSync(join(dir, `${d.id}.json`), JSON.stringify(d));
  return dir;
}

describe("hepatosim validation", () => {
  it("every file of the shipped library passes the schema and is named after its id", () => {
    const library = loadLibrary();
    expect(library.length).toBe(
      readdirSync(REFERENCE_DIR).filter((f) => f.endsWith(".json") && f !== LIBRARY_INDEX).length,
    );
    expect(library.length).toBeGreaterThanOrEqual(12);
    for (const d of library) expect(d.citation.authors.length).toBeGreaterThan(0);
  });

  it("every parameter fitted to data names calibration datasets of the library, never validation ones", () => {
    const byId = new Map(loadLibrary().map((d) => [d.id, d]));
    const fitted = PARAMETERS.filter((p) => p.calibratedOn?.length);
    for (const p of fitted)
      for (const id of p.calibratedOn!) {
        expect(byId.has(id), `${p.key}: ${id} is not in the library`).toBe(true);
        expect(byId.get(id)!.role, `${p.key}: ${id}`).toBe("calibration");
      }
  });

  it("no parameter's source cites a validation dataset: what shows the model right never set it", () => {
    // "First-author year" of each validation dataset, as the registry's sources cite papers.
    const cites = loadLibrary()
      .filter((d) => d.role === "validation" && typeof d.citation.year === "number")
      .map((d) => ({ id: d.id, text: `${d.citation.authors.split(/[ ,]/)[0]} ${d.citation.year}` }))
      .filter((c) => /^[A-Z][\w'-]+ \d{4}$/.test(c.text));
    expect(cites.length).toBeGreaterThanOrEqual(10);
    const offending = PARAMETERS.flatMap((p) =>
      cites.filter((c) => p.source.includes(c.text)).map((c) => `${p.key} cites ${c.text} (${c.id})`),
    );
    expect(offending).toEqual([]);
  });

  it("hepatosim validate recognises a dataset file and checks it", async () => {
    const file = join(tinyLibrary(), "tiny-hepatectomy.json");
    const r = await cli(["validate", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`ok ${file}: reference dataset tiny-hepatectomy, validation, 2 points\n`);
  });

  it("writes validation.csv, one SVG per dataset and report.html; the verdicts name the hit and the miss; 1 and 2 workers give the same bytes", async () => {
    const library = tinyLibrary();
    const outs = [tempDir(), tempDir()];
    dirs.push(...outs);
    const results = [];
    for (const [i, out] of outs.entries())
      results.push(
        await cli([
          "validation",
          "--library",
          library,
          "--seeds",
          "2",
          "--workers",
          String(i + 1),
          "--quiet",
          "--out",
          join(out, "v"),
        ]),
      );
    for (const r of results) expect(r.code).toBe(0);
    expect(results[0]!.stdout).toBe("tiny-hepatectomy (validation): MISS: 1 of 2 points within\n");
    expect(results[1]!.stdout).toBe(results[0]!.stdout);
    const [a, b] = outs.map((o) => join(o, "v"));
    for (const f of ["validation.csv", "report.html", "tiny-hepatectomy.svg", "runs.csv"])
      expect(read(join(a!, f))).toBe(read(join(b!, f)));
    const rows = read(join(a!, "validation.csv")).trim().split("\n");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^tiny-hepatectomy,validation,hepatocyte_mass_percent,0,,33,/);
    expect(rows[1]!.endsWith(",true")).toBe(true);
    expect(rows[2]!.endsWith(",false")).toBe(true);
    expect(read(join(a!, "report.html"))).toContain("MISS: 1 of 2 points within");
  });

  it("--numerics repeats every run with Δt halved, 10× sub-steps and 256², and leaves the comparison with the data as it was", async () => {
    const library = tinyLibrary();
    const [plain, checked] = [tempDir(), tempDir()];
    dirs.push(plain, checked);
    const run = (out: string, extra: string[]) =>
      cli(["validation", "--library", library, "--seeds", "2", "--quiet", "--out", join(out, "v"), ...extra]);
    const p = await run(plain, []);
    const r = await run(checked, ["--numerics"]);
    expect([p.code, r.code]).toEqual([0, 0]);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe(p.stdout.trim());
    expect(lines[1]).toMatch(
      /^tiny-hepatectomy: numerics Δt halved [+-]\d+\.\d %, 10× field sub-steps [+-]\d+\.\d %, 256² lattice [+-]\d+\.\d % \(largest mean change; \d of 6 under 5 %\)$/,
    );
    expect(read(join(checked, "v", "validation.csv"))).toBe(read(join(plain, "v", "validation.csv")));
    const rows = read(join(checked, "v", "numerics.csv"))
      .trim()
      .split("\n");
    expect(rows[0]).toBe(
      "dataset,day,arm,variant,default_mean,variant_mean,change_percent,change_lower_percent,change_upper_percent,within_5_percent,equivalent_5_percent",
    );
    expect(rows.slice(1).map((x) => x.split(",").slice(0, 4).join(","))).toEqual(
      ["dt-half", "substeps-10x", "lattice-256"].flatMap((v) => [
        `tiny-hepatectomy,0,,${v}`,
        `tiny-hepatectomy,2,,${v}`,
      ]),
    );
    // Day 0 is the resection itself: no step has run, so Δt and sub-steps cannot change it.
    for (const v of ["dt-half", "substeps-10x"])
      expect(rows.find((x) => x.startsWith(`tiny-hepatectomy,0,,${v},`))!.split(",")[6]).toBe("0");
    expect(read(join(checked, "v", "report.html"))).toContain("<h2>Numerics</h2>");
    expect(readdirSync(join(checked, "v")).filter((f) => f.includes("lattice-256")).length).toBe(2);
  }, 120_000);

  it("refuses an unknown dataset id, naming the flag and the choices, and writes nothing", async () => {
    const out = tempDir();
    dirs.push(out);
    const r = await cli(["validation", "--library", tinyLibrary(), "--datasets", "nope", "--out", join(out, "v")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--datasets.*nope.*tiny-hepatectomy/s);
    expect(existsSync(join(out, "v"))).toBe(false);
  });

  it("refuses a dataset file that breaks the schema, naming the file and the field", async () => {
    const dir = tempDir("hepatosim-library-");
    dirs.push(dir);
    copyFileSync(join(tinyLibrary(), "tiny-hepatectomy.json"), join(dir, "tiny-hepatectomy.json"));
    const doc = JSON.parse(read(join(dir, "tiny-hepatectomy.json")));
    doc.points[0].spread_kind = "sd";
    writeFileSync(join(dir, "tiny-hepatectomy.json"), JSON.stringify(doc));
    const r = await cli(["validation", "--library", dir, "--dry-run"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tiny-hepatectomy\.json.*points\[0\]\.spread_kind/);
  });
});
