/**
 * The Experiment panel in a real Chromium: a small sweep run on the page's Web Workers gives
 * runs.csv, summary.csv and points.csv byte-identical to `npx hepatosim sweep` on the same file (run
 * here in-process), a manifest of the same plan; a tiny virtual trial shows its forest and replica
 * plots and gives the cohort command's files; a published replica loads from the site scaled down;
 * bad sweep files are refused naming the field; cancel stops a sweep; the dialog works from the
 * keyboard and passes an axe-core scan.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanup, cli, tempDir } from "../cli/helpers";
import {
  axeViolations,
  type Harness,
  type OpenedPage,
  openApp,
  RESULTS,
  shot,
  startHarness,
  stopHarness,
  waitForFrame,
} from "./harness";

/** 2 values × 2 seeds of a 32², 2-day regeneration run: no disease stage to generate, a second or so per run. */
const SWEEP = {
  kind: "sweep",
  title: "Regenerative capacity, page vs CLI",
  scenario: { preset: "partial-hepatectomy", days: 2, lattice: { width: 32, height: 32 } },
  design: "grid",
  seeds: "1..2",
  parameters: { "hepatocyte.regenerative_capacity": { values: [0.5, 1.5] } },
  outputs: ["hepatocyte_mass_percent", "proliferation_index"],
};

/** 2 patients × 2 arms of a healthy 32² section for one week, with a published endpoint to compare. */
const TRIAL = {
  kind: "trial",
  title: "Tiny trial in the page",
  scenario: { preset: "healthy", lattice: { width: 32, height: 32 } },
  patients: 2,
  sample_seed: 7,
  weeks: 1,
  arms: [
    { name: "control" },
    {
      name: "BM-MSC",
      set: {
        "therapy.infusions": [{ day: 0, source: "bone-marrow", route: "intravenous", dose_cells_per_kg: 1e6 }],
      },
    },
  ],
  outcomes: ["cpa_percent", "meld_score"],
  published: {
    citation: "A worked example (not a real trial)",
    endpoints: [{ outcome: "meld_score", week: 1, measure: "difference", arm: "BM-MSC", estimate: -1, ci95: [-2, 0] }],
  },
};

let h: Harness;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  opened = await openApp(h, "?preset=partial-hepatectomy&size=32&play=0");
  page = opened.page;
  await waitForFrame(page);
});
afterAll(async () => {
  await page?.close();
  await stopHarness(h);
});

async function openPanel(): Promise<void> {
  if (!(await page.locator("[data-experiment-dialog]").isVisible())) await page.click("[data-experiment-open]");
  await page.locator("[data-experiment-dialog]").waitFor({ state: "visible" });
}

async function useFile(doc: unknown): Promise<void> {
  await openPanel();
  await page.check("[data-experiment-mode-choice='file']");
  await page.fill("[data-experiment-file]", typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
}

async function downloaded(name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`[data-experiment-download='${name}']`)]);
  expect(dl.suggestedFilename()).toBe(name);
  // The browser is shared (global-setup.ts) and reached remotely: a download is saved, not read in place.
  const path = join(RESULTS, `experiment-${name}`);
  await dl.saveAs(path);
  return readFileSync(path, "utf8");
}

describe("the Experiment panel", () => {
  it("runs a sweep on Web Workers and downloads the same runs.csv, summary.csv and points.csv as the CLI", async () => {
    await useFile(SWEEP);
    await expect
      .poll(() => page.locator("[data-experiment-check]").textContent())
      .toContain("4 runs: 2 points × 2 seeds");
    await page.selectOption("[data-experiment='workers']", "2");
    await page.click("[data-experiment-run]");
    const status = page.locator("[data-experiment-status]");
    await expect.poll(() => status.getAttribute("data-state")).toBe("running");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 120_000 }).not.toBe("running");
    expect(await status.getAttribute("data-state"), (await status.textContent()) ?? "").toBe("done");
    expect(await status.textContent()).toContain("4 runs");
    expect(await page.locator("[data-experiment-progress]").evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);

    // The plot: one arm, two values, a mean per value and a dot per seed; the first output of the file is shown.
    expect(await page.locator("[data-experiment='output']").inputValue()).toBe("hepatocyte_mass_percent");
    expect(await page.locator("[data-experiment-plot] .plot-mean").count()).toBe(2);
    expect(await page.locator("[data-experiment-plot] .plot-seed").count()).toBe(4);
    await page.locator("[data-experiment-results]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot("experiment-done") });

    const browser: Record<string, string> = {};
    for (const name of ["runs.csv", "summary.csv", "points.csv", "manifest.json"])
      browser[name] = await downloaded(name);

    const dir = tempDir("hepatosim-experiment-");
    try {
      const file = join(dir, "sweep.json");
      writeFileSync(file, JSON.stringify(SWEEP));
      const r = await cli(["sweep", file, "--out", join(dir, "out"), "--quiet", "--workers", "2"]);
      expect(r.stderr).toContain("done: 4 runs");
      expect(r.code).toBe(0);
      for (const name of ["runs.csv", "summary.csv", "points.csv"])
        expect(browser[name], name).toBe(readFileSync(join(dir, "out", name), "utf8"));
      const cliManifest = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8"));
      const manifest = JSON.parse(browser["manifest.json"]!);
      expect(manifest.generator).toBe("browser");
      expect(manifest.git_commit).toBeUndefined();
      for (const key of ["kind", "plan_id", "label_keys", "spec", "runs", "counts", "outputs"])
        expect(manifest[key], key).toEqual(cliManifest[key]);
    } finally {
      cleanup(dir);
    }
    // The tables hold real, differing runs (not one run copied): 4 runs × days 0–2, seeds differ.
    const rows = browser["runs.csv"]!.trim().split("\n");
    expect(rows.length).toBe(1 + 4 * 3);
    const summary = browser["summary.csv"]!.trim().split("\n").slice(1);
    expect(new Set(summary.map((l) => l.split(",").slice(6).join(","))).size).toBe(4);
    expect(opened.errors).toEqual([]);
  });

  it("builds a sweep from the simple form with arms: one line per arm, and offers the sweep file that ran", async () => {
    await openPanel();
    await page.check("[data-experiment-mode-choice='form']");
    await page.selectOption("[data-experiment='preset']", "partial-hepatectomy");
    await page.selectOption("[data-experiment='parameter']", "hepatocyte.regenerative_capacity");
    await page.fill("[data-experiment='values']", "0.5, 1.5");
    await page.selectOption("[data-experiment='arms']", "disease.hepatectomy_fraction");
    await page.fill("[data-experiment='arm-values']", "0.3, 0.6");
    await page.fill("[data-experiment='seeds']", "1");
    await page.fill("[data-experiment='days']", "1");
    await page.selectOption("[data-experiment='size']", "32");
    await expect
      .poll(() => page.locator("[data-experiment-check]").textContent())
      .toContain("4 runs: 4 points × 1 seed");
    await page.click("[data-experiment-run]");
    const status = page.locator("[data-experiment-status]");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 120_000 }).toBe("done");
    expect(
      await page
        .locator("[data-experiment-plot] .plot-arm")
        .evaluateAll((arms) => arms.map((a) => a.getAttribute("data-arm"))),
    ).toEqual(["disease.hepatectomy_fraction = 0.3", "disease.hepatectomy_fraction = 0.6"]);
    expect(await page.locator("[data-experiment-plot] .plot-legend text").count()).toBe(2);
    const sweep = JSON.parse(await downloaded("sweep.json"));
    expect(sweep).toMatchObject({
      kind: "sweep",
      scenario: { preset: "partial-hepatectomy", days: 1, lattice: { width: 32, height: 32 } },
      seeds: "1",
      parameters: {
        "hepatocyte.regenerative_capacity": { values: [0.5, 1.5] },
        "disease.hepatectomy_fraction": { values: [0.3, 0.6] },
      },
    });
    expect(await downloaded("plot.svg")).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(opened.errors).toEqual([]);
  });

  it("runs a trial file: forest and replica plots in the panel, and the cohort command's files", async () => {
    await useFile(TRIAL);
    await expect
      .poll(() => page.locator("[data-experiment-check]").textContent())
      .toContain("4 runs: 2 patients × 2 arms, 32 × 32 sites, 1 week (7 days) each.");
    expect(await page.locator("[data-experiment-run]").textContent()).toBe("Run trial");
    await page.selectOption("[data-experiment='workers']", "2");
    await page.click("[data-experiment-run]");
    const status = page.locator("[data-experiment-status]");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 60_000 }).not.toBe("running");
    expect(await status.getAttribute("data-state"), (await status.textContent()) ?? "").toBe("done");
    expect(await page.locator("[data-experiment-sweep-results]").isHidden()).toBe(true);

    // Both plots are pictures the browser decoded (an SVG it could not read has no natural size).
    for (const name of ["forest.svg", "replica.svg"]) {
      const img = page.locator(`[data-experiment-figure='${name}'] img`);
      await img.waitFor({ state: "visible" });
      expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth), name).toBeGreaterThan(200);
      expect(await img.getAttribute("alt")).toContain("Tiny trial in the page");
    }
    await page.locator("[data-experiment-results]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot("experiment-trial-done") });
    await page.click("[data-experiment-trial-results] summary");
    expect(await axeViolations(page, "[data-experiment-dialog]")).toEqual([]);

    const replica = (await downloaded("replica.csv")).trim().split("\n");
    const head = replica[0]!.split(",");
    expect(head.at(-1)).toBe("verdict");
    expect(replica.length).toBe(2);
    const row = Object.fromEntries(replica[1]!.split(",").map((v, i) => [head[i], v]));
    expect(row).toMatchObject({ outcome: "meld_score", arm: "BM-MSC", week: "1", model_n: "2" });
    expect(Number.isFinite(Number(row.model_estimate))).toBe(true);
    expect(["consistent", "inconsistent"]).toContain(row.verdict);
    // The table in the panel shows the same verdict.
    expect(await page.locator("[data-experiment-table='replica.csv'] tbody td").last().textContent()).toBe(row.verdict);
    // Real runs: 4 runs × days 0–7, and the two virtual patients (own seeds) start from different tissue.
    const runs = (await downloaded("runs.csv")).trim().split("\n");
    expect(runs.length).toBe(1 + 4 * 8);
    const cpa = runs[0]!.split(",").indexOf("cpa_percent");
    const day0 = (id: string) => runs.find((l) => l.startsWith(`${id},`))!.split(",")[cpa];
    expect(day0("pt1-control")).toBe(day0("pt1-bm-msc"));
    expect(day0("pt1-control")).not.toBe(day0("pt2-control"));
    const effects = (await downloaded("effects.csv")).trim().split("\n");
    expect(effects[0]).toBe("arm,versus,outcome,n_pairs,mean_difference,ci_low,ci_high,p_value");
    expect(effects.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual([
      "BM-MSC,control,cpa_percent,2",
      "BM-MSC,control,meld_score,2",
    ]);
    expect(await downloaded("forest.svg")).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(JSON.parse(await downloaded("trial.json"))).toEqual(TRIAL);
    const manifest = JSON.parse(await downloaded("manifest.json"));
    expect(manifest).toMatchObject({ kind: "cohort", counts: { runs: 4, ok: 4, failed: 0 } });
    expect(manifest.outputs).toContain("replica.svg");
    expect(opened.errors).toEqual([]);
  });

  it("loads a published replica from the site, says how it is scaled down, and can edit it as a file", async () => {
    await openPanel();
    await page.check("[data-experiment-mode-choice='trial']");
    await expect
      .poll(() => page.locator("[data-experiment-check]").textContent(), { timeout: 15_000 })
      .toContain("24 runs: 12 patients × 2 arms, 64 × 64 sites, 24 weeks (168 days) each.");
    expect(await page.locator("[data-experiment-trial]").inputValue()).toBe("pan-2014-bm-msc-meta-meld.json");
    expect(await page.locator("[data-experiment-trial-scale]").textContent()).toContain(
      "As in the file: 12 patients, 64²",
    );
    expect(await page.locator("[data-experiment-trial-citation]").textContent()).toContain("10.3748/wjg.v20.i38.14051");
    expect(await page.locator("[data-experiment-trial-explain]").textContent()).toContain("forest plot");
    await page.selectOption("[data-experiment-trial]", "suk-2016-bm-msc-hepatic-artery-once-or-twice.json");
    await expect
      .poll(() => page.locator("[data-experiment-trial-scale]").textContent())
      .toContain("Scaled down from the file: 16 patients, 96² → 16 patients, 64²");
    await expect
      .poll(() => page.locator("[data-experiment-check]").textContent())
      .toContain("48 runs: 16 patients × 3 arms, 64 × 64 sites");
    await page.screenshot({ path: shot("experiment-trial-choice") });
    await page.click("[data-experiment-trial-edit]");
    expect(await page.locator("[data-experiment-mode-choice='file']").isChecked()).toBe(true);
    const edited = JSON.parse(await page.locator("[data-experiment-file]").inputValue());
    expect(edited).toMatchObject({ kind: "trial", patients: 16, scenario: { lattice: { width: 64, height: 64 } } });
    expect(edited.title).toContain("[page: 16 patients, 64²]");
    expect(opened.errors).toEqual([]);
  });

  it("refuses bad sweep files with a message naming the field, and runs nothing", async () => {
    const problems = page.locator("[data-experiment-error]");
    const status = page.locator("[data-experiment-status]");
    const before = await status.textContent();
    const cases: [unknown, string[]][] = [
      [
        { ...SWEEP, parameters: { "hepatocyte.regenerative_capcity": { values: [1] } } },
        ["hepatocyte.regenerative_capcity", "not a known parameter"],
      ],
      [
        { ...SWEEP, parameters: { "hepatocyte.regenerative_capacity": { values: [] } } },
        ['parameters["hepatocyte.regenerative_capacity"].values', "at least one value"],
      ],
      [
        { ...SWEEP, parameters: { "hepatocyte.regenerative_capacity": { values: [0.5, 7] } } },
        ["hepatocyte.regenerative_capacity", "7", "0 … 2"],
      ],
      [
        { ...SWEEP, parameters: { "hepatocyte.regenerative_capacity": { min: 2, max: 1, steps: 3 } } },
        ['parameters["hepatocyte.regenerative_capacity"].max', "range is empty"],
      ],
      [{ ...SWEEP, scenario: "my-scenario.json" }, ["scenario", "my-scenario.json", "preset name"]],
      [{ ...SWEEP, seeds: "3..1" }, ["--seeds", "3..1"]],
      [{ ...TRIAL, arms: [{ name: "control" }] }, ["This trial cannot run", "arms", "at least two arms"]],
      ["{ not json", ["malformed JSON"]],
    ];
    for (const [doc, words] of cases) {
      await useFile(doc);
      await page.click("[data-experiment-run]");
      await problems.waitFor({ state: "visible" });
      for (const w of words)
        await expect.poll(() => problems.textContent(), { message: `${JSON.stringify(doc)} → ${w}` }).toContain(w);
      expect(await problems.evaluate((e) => e === document.activeElement)).toBe(true);
      expect(await status.textContent()).toBe(before);
    }
    await page.screenshot({ path: shot("experiment-bad-file") });
    // The simple form goes through the same checks: an empty value list names the field.
    await page.check("[data-experiment-mode-choice='form']");
    await page.fill("[data-experiment='values']", "");
    await expect.poll(() => problems.textContent()).toContain("values");
    await page.fill("[data-experiment='values']", "0.5, 1");
    await expect.poll(() => problems.isHidden()).toBe(true);
    expect(opened.errors).toEqual([]);
  });

  it("cancels a running sweep, keeps no tables, and can run again", async () => {
    await useFile({
      ...SWEEP,
      scenario: { preset: "partial-hepatectomy", days: 30, lattice: { width: 64, height: 64 } },
      seeds: "1..4",
    });
    await page.click("[data-experiment-run]");
    const status = page.locator("[data-experiment-status]");
    await expect.poll(() => status.getAttribute("data-state")).toBe("running");
    await expect.poll(() => page.locator("[data-experiment-workers] li").count()).toBeGreaterThan(0);
    await page.click("[data-experiment-cancel]");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 30_000 }).toBe("cancelled");
    expect(await status.textContent()).toContain("of 8 runs");
    expect(await page.locator("[data-experiment-results]").isHidden()).toBe(true);
    expect(await page.locator("[data-experiment-run]").isEnabled()).toBe(true);
    expect(opened.errors).toEqual([]);
  });

  it("opens from the keyboard, closes with Escape, and passes an axe-core scan", async () => {
    if (await page.locator("[data-experiment-dialog]").isVisible()) await page.keyboard.press("Escape");
    await page.locator("[data-experiment-dialog]").waitFor({ state: "hidden" });
    await page.focus("[data-experiment-open]");
    await page.keyboard.press("Enter");
    await page.locator("[data-experiment-dialog]").waitFor({ state: "visible" });
    await page.check("[data-experiment-mode-choice='form']");
    const violations = await axeViolations(page, "[data-experiment-dialog]");
    expect(violations).toEqual([]);
    await page.screenshot({ path: shot("experiment-form") });
    await page.keyboard.press("Escape");
    await page.locator("[data-experiment-dialog]").waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-experiment-open"))).toBe(true);
    expect(opened.errors).toEqual([]);
  });
});
