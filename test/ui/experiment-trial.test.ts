/**
 * Virtual trials in the Experiment panel, in Node (no browser): a pasted file is told apart from a
 * sweep by its `kind` and expanded into exactly the CLI's cohort plan; bad trial files are refused
 * naming the field; a published replica is scaled down to what a class can run and says so; the
 * page's files after a trial are the CLI analysis's own (forest.svg, replica.csv with its verdicts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trialIndex } from "../../src/cli/trial-index";
import { niceTicks } from "../../src/study/svg/axis";
import { forestPlotSvg } from "../../src/study/svg/forest";
import { refusal } from "./refusal";
import { cohortAnalysis } from "../../src/study/cohort-analysis";
import { parseTrial, trialPlan } from "../../src/study/trial-file";
import { READOUT_KEYS } from "../../src/study/tables";
import { experimentFiles, experimentTables } from "../../src/ui/experiment-results";
import {
  describeTrial,
  PAGE_TRIAL,
  pageStudyFromText,
  pageTrial,
  pageTrialIndex,
  scaleNote,
  scaleTrial,
} from "../../src/ui/experiment-trial";

const TRIAL = {
  kind: "trial",
  title: "Tiny trial",
  scenario: { preset: "healthy", lattice: { width: 32, height: 32 } },
  patients: 2,
  weeks: 1,
  arms: [{ name: "control" }, { name: "MSC" }],
  outcomes: ["cpa_percent"],
  published: {
    citation: "A worked example (not a real trial)",
    endpoints: [{ outcome: "cpa_percent", week: 1, measure: "difference", arm: "MSC", estimate: -1, ci95: [-2, 0] }],
  },
};

const trialFile = (name: string) => JSON.parse(readFileSync(join("public/trials", name), "utf8"));

describe("a trial file in the panel", () => {
  it("is told apart from a sweep by its kind and expands into the CLI's cohort plan (patients × arms)", () => {
    const study = pageStudyFromText(JSON.stringify(TRIAL));
    expect(study.kind).toBe("trial");
    if (study.kind !== "trial") return;
    const cli = trialPlan(parseTrial(TRIAL), "trial.json", TRIAL.scenario);
    expect(study.plan.kind).toBe("cohort");
    expect(study.plan.runs.map((r) => [r.runId, r.seed, r.doc])).toEqual(cli.runs.map((r) => [r.runId, r.seed, r.doc]));
    expect(describeTrial(study)).toBe("4 runs: 2 patients × 2 arms, 32 × 32 sites, 1 week (7 days) each.");
    const sweep = pageStudyFromText(
      JSON.stringify({
        kind: "sweep",
        scenario: "healthy",
        design: "grid",
        parameters: { "hepatocyte.regenerative_capacity": { values: [1] } },
      }),
    );
    expect(sweep.kind).toBe("sweep");
  });

  it("refuses bad trial files as the CLI words them, naming the field", () => {
    expect(refusal(() => pageTrial({ ...TRIAL, scenario: "my-scenario.json" }))).toMatch(
      /^scenario: "my-scenario\.json" is not allowed; allowed: a preset name/,
    );
    expect(refusal(() => pageTrial({ ...TRIAL, arms: [{ name: "control" }] }))).toContain("at least two arms");
    expect(
      refusal(() => pageTrial({ ...TRIAL, arms: [{ name: "control" }, { name: "MSC", set: { "no.such": 1 } }] })),
    ).toContain('"no.such"');
    const endpoints = [{ ...TRIAL.published.endpoints[0], arm: "placebo" }];
    expect(refusal(() => pageTrial({ ...TRIAL, published: { ...TRIAL.published, endpoints } }))).toContain("placebo");
    expect(refusal(() => pageTrial({ ...TRIAL, patients: 400 }))).toContain("runs in the page");
    expect(refusal(() => pageStudyFromText("{ nope"))).toContain("malformed JSON");
  });
});

describe("a published replica scaled down for a class", () => {
  it("keeps a file that is already small (Pan 2014: 12 patients at 64²) and says so", () => {
    const s = scaleTrial(trialFile("pan-2014-bm-msc-meta-meld.json"));
    expect(s).toMatchObject({ patients: 12, width: 64, height: 64, scaled: false });
    expect(scaleNote(s)).toBe(
      `As in the file: 12 patients, 64² (the page runs at most ${PAGE_TRIAL.maxPatients} patients at ${PAGE_TRIAL.size}²).`,
    );
    expect(pageTrial(s.doc).plan.runs.length).toBe(24);
  });

  it("shrinks a larger section (Suk 2016: 96²) to 64², marks the title, and leaves the rest of the file alone", () => {
    const file = trialFile("suk-2016-bm-msc-hepatic-artery-once-or-twice.json");
    const s = scaleTrial(file);
    expect(s).toMatchObject({ patients: 16, width: 64, height: 64, scaled: true, from: { width: 96, height: 96 } });
    expect(scaleNote(s)).toMatch(/^Scaled down from the file: 16 patients, 96² → 16 patients, 64² here/);
    expect(s.doc.title).toBe(`${file.title} [page: 16 patients, 64²]`);
    expect({ ...s.doc, title: file.title, scenario: file.scenario }).toEqual(file);
    expect(pageTrial(s.doc).plan.runs[0]!.doc.lattice).toMatchObject({ width: 64, height: 64 });
  });

  it("caps the patients at 20 and gives a preset named by its name a section", () => {
    const s = scaleTrial({ ...TRIAL, scenario: "advanced-cirrhosis-untreated", patients: 50 });
    expect(s).toMatchObject({ patients: 20, width: 64, height: 64, scaled: true, from: { patients: 50, width: 256 } });
    expect(s.doc.scenario).toEqual({ preset: "advanced-cirrhosis-untreated", lattice: { width: 64, height: 64 } });
    expect(pageTrial(s.doc).plan.runs.length).toBe(40);
  });

  it("takes another number of patients when asked (the Clinical-trial lesson), still at most 20", () => {
    const file = trialFile("pan-2014-bm-msc-meta-meld.json");
    const more = scaleTrial(file, 20);
    expect(more).toMatchObject({ patients: 20, scaled: true, from: { patients: 12 } });
    expect(more.doc.title).toBe(`${file.title} [page: 20 patients, 64²]`);
    expect(pageTrial(more.doc).plan.runs.length).toBe(40);
    expect(scaleTrial(file, 2).patients).toBe(2);
    expect(scaleTrial(file, 500).patients).toBe(20);
  });

  it("lists the replicas of public/trials shortest first (its index is what npm run docs writes)", () => {
    const text = trialIndex()["public/trials/index.json"]!;
    expect(readFileSync("public/trials/index.json", "utf8")).toBe(text);
    const entries = pageTrialIndex(JSON.parse(text));
    expect(entries.length).toBeGreaterThanOrEqual(5);
    const cost = entries.map((e) => Math.min(e.patients, PAGE_TRIAL.maxPatients) * e.arms * e.weeks);
    expect(cost).toEqual([...cost].sort((a, b) => a - b));
    expect(entries[0]!.file).toBe("pan-2014-bm-msc-meta-meld.json");
    for (const e of entries) expect(parseTrial(trialFile(e.file)).title).toBe(e.title);
    expect(() => pageTrialIndex({})).toThrow(/no list/);
    expect(pageTrialIndex({ trials: [{ file: "../x.json", title: "t", weeks: 1, patients: 1, arms: 2 }] })).toEqual([]);
  });
});

describe("the files after a trial", () => {
  it("are the CLI analysis's own: effects.csv, forest.svg, replica.csv (with verdicts) and a cohort manifest", async () => {
    const { plan, base } = pageTrial(TRIAL);
    // CPA 10 and 20 on day 0; by day 7 the control twin gains 1 point and the MSC twin loses 1.
    const row = (day: number, cpa: number) =>
      READOUT_KEYS.map((k) => (k === "day" ? String(day) : k === "cpa_percent" ? String(cpa) : "0"));
    const statuses = new Map(
      plan.runs.map((r) => {
        const cpa = 10 * Number(r.labels.patient);
        const end = r.labels.arm === "control" ? cpa + 1 : cpa - 1;
        return [r.runId, { status: "ok" as const, rows: [row(0, cpa), row(7, end)] }];
      }),
    );
    const tables = experimentTables(plan, statuses);
    const files = await experimentFiles(plan, tables, {
      base,
      workers: 2,
      wallTimeS: 1,
      userAgent: "test",
      created: "2026-01-01T00:00:00Z",
    });
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const f of cohortAnalysis(tables, plan.spec)) expect(byName.get(f.name)?.text, f.name).toBe(f.text);
    expect(byName.get("forest.svg")?.type).toBe("image/svg+xml");
    expect(byName.get("replica.svg")?.type).toBe("image/svg+xml");
    expect(byName.get("effects.csv")?.type).toBe("text/csv");
    const replica = byName.get("replica.csv")!.text.trim().split("\n");
    expect(replica[0]!.split(",").at(-1)).toBe("verdict");
    // The model's paired difference is −2 in both patients (no spread), on the edge of the published [−2, 0].
    expect(replica[1]).toBe("cpa_percent,difference,MSC,1,2,-2,-2,-2,,-1,,-2,0,ci95,0,consistent");
    const manifest = JSON.parse(byName.get("manifest.json")!.text);
    expect(manifest).toMatchObject({ kind: "cohort", generator: "browser", counts: { runs: 4, ok: 4, failed: 0 } });
    expect(manifest.outputs).toEqual(files.filter((f) => f.name !== "manifest.json").map((f) => f.name));
  });
});

describe("the forest plot's axis and title", () => {
  it("puts a tick exactly at zero for small differences (a running sum of steps drifted to 3.47e-18)", () => {
    const ticks = niceTicks(-0.0337, 0, 5);
    expect(ticks).toContain(0);
    expect(ticks.every((t) => t === 0 || Math.abs(t) >= 0.005)).toBe(true);
    expect(niceTicks(-0.0457, 0.00906, 5)).toEqual([-0.06, -0.04, -0.02, 0, 0.02]);
  });

  it("wraps a replica's long title inside the picture instead of cutting it off", () => {
    const title = `${"Pan 2014 replica: BM-MSC vs control in decompensated cirrhosis, pooled MELD difference ".repeat(2)}end`;
    const svg = forestPlotSvg(title, [{ title: "x", rows: [{ label: "a", estimate: 1, lower: 0, upper: 2 }] }]);
    const width = Number(svg.match(/width="(\d+)"/)![1]);
    const lines = [...svg.matchAll(/font-size="15" font-weight="600">([^<]*)</g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe(title);
    for (const l of lines) expect(10 + l.length * 15 * 0.58).toBeLessThanOrEqual(width);
  });
});
