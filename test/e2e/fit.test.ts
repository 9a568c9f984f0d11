/**
 * The Experiment panel's *Fit to data* in a real Chromium: bad settings are refused naming the field;
 * a tiny fit (one parameter, 30 runs at 32²) runs on the page's Web Workers to the end, shows the
 * posterior histogram and the fit band, and downloads the same posterior.csv and generations.csv
 * (apart from wall times) as `npx hepatosim calibrate` with the same settings (run here in-process);
 * cancel stops a larger fit.
 */
import { readFileSync } from "node:fs";
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

const DATASET = "marongiu-2017-rat-ph-liver-dna";
const PARAM = "hepatocyte.regenerative_capacity";

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

async function openFit(): Promise<void> {
  if (!(await page.locator("[data-experiment-dialog]").isVisible())) await page.click("[data-experiment-open]");
  await page.check("[data-experiment-mode-choice='fit']");
  await page.locator(`[data-experiment-fit-dataset='${DATASET}']`).waitFor({ state: "visible", timeout: 15_000 });
}

async function settings(o: { params: string[]; particles: string; budget: string; size: string }): Promise<void> {
  for (const box of await page.locator("[data-experiment-fit-dataset]").all()) await box.uncheck();
  await page.check(`[data-experiment-fit-dataset='${DATASET}']`);
  await page.selectOption("[data-experiment='fit-params']", o.params);
  await page.fill("[data-experiment='fit-particles']", o.particles);
  await page.fill("[data-experiment='fit-budget']", o.budget);
  await page.fill("[data-experiment='fit-seed']", "1");
  await page.selectOption("[data-experiment='fit-size']", o.size);
}

async function downloaded(name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`[data-experiment-download='${name}']`)]);
  const path = join(RESULTS, `fit-${name}`);
  await dl.saveAs(path);
  return readFileSync(path, "utf8");
}

/** generations.csv without its last column (wall time, which differs between any two runs). */
const withoutWallTime = (csv: string) =>
  csv
    .trim()
    .split("\n")
    .map((l) => l.split(",").slice(0, -1).join(","));

describe("Fit to data", () => {
  it("refuses 0 or 4 parameters and a budget out of range, naming the field, and runs nothing", async () => {
    await openFit();
    const problems = page.locator("[data-experiment-error]");
    const status = page.locator("[data-experiment-status]");
    const before = await status.textContent();
    const cases: [Parameters<typeof settings>[0], string[]][] = [
      [{ params: [], particles: "10", budget: "40", size: "32" }, ["parameters", "0 chosen", "1 to 3"]],
      [
        {
          params: [PARAM, "hepatocyte.cycle_entry_rate", "hepatocyte.cycle_duration", "stellate.collagen_deposition"],
          particles: "10",
          budget: "40",
          size: "32",
        },
        ["parameters", "4 chosen"],
      ],
      [{ params: [PARAM], particles: "10", budget: "5000", size: "32" }, ["budget", "5000", "20 to 500"]],
      [
        { params: [PARAM], particles: "30", budget: "20", size: "32" },
        ["budget", "at least one generation's runs: 30"],
      ],
    ];
    for (const [form, words] of cases) {
      await settings(form);
      await page.click("[data-experiment-run]");
      await problems.waitFor({ state: "visible" });
      for (const w of words) await expect.poll(() => problems.textContent(), { message: w }).toContain(w);
      expect(await status.textContent()).toBe(before);
    }
    await page.screenshot({ path: shot("fit-bad-input") });
    expect(opened.errors).toEqual([]);
  });

  it("fits one parameter on the workers, redraws the histogram and band, and gives the CLI's posterior", async () => {
    await openFit();
    await settings({ params: [PARAM], particles: "10", budget: "30", size: "32" });
    await expect.poll(() => page.locator("[data-experiment-check]").textContent()).toContain("Up to 30 runs");
    const command = await page.locator("[data-experiment-fit-command]").textContent();
    expect(command).toContain(`--data ${DATASET} --params ${PARAM} --particles 10 --budget 30 --lattice 32 --seed 1`);
    await page.selectOption("[data-experiment='workers']", "2");
    await page.click("[data-experiment-run]");
    const status = page.locator("[data-experiment-status]");
    await expect.poll(() => status.getAttribute("data-state")).toBe("running");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 60_000 }).not.toBe("running");
    expect(await status.getAttribute("data-state"), (await status.textContent()) ?? "").toBe("done");
    expect(await status.textContent()).toContain("30 runs");
    for (const name of ["pairs.svg", "fit.svg"]) {
      const img = page.locator(`[data-experiment-figure='${name}'] img`);
      await img.waitFor({ state: "visible" });
      expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth), name).toBeGreaterThan(200);
    }
    expect(await page.locator("[data-experiment-fit-summary] li").first().textContent()).toContain(PARAM);
    await page.locator("[data-experiment-results]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot("fit-done") });
    expect(await axeViolations(page, "[data-experiment-dialog]")).toEqual([]);

    const browser: Record<string, string> = {};
    for (const name of ["posterior.csv", "generations.csv", "calibrated.json", "fit.csv", "manifest.json"])
      browser[name] = await downloaded(name);
    const dir = tempDir("hepatosim-fit-");
    try {
      const out = join(dir, "out");
      const r = await cli([
        "calibrate",
        ...(command!.split("npx hepatosim calibrate ")[1]!.split(" ") ?? []),
        "--out",
        out,
        "--quiet",
        "--workers",
        "2",
      ]);
      expect(r.code, r.stderr).toBe(0);
      for (const name of ["posterior.csv", "calibrated.json", "fit.csv"])
        expect(browser[name], name).toBe(readFileSync(join(out, name), "utf8"));
      expect(withoutWallTime(browser["generations.csv"]!)).toEqual(
        withoutWallTime(readFileSync(join(out, "generations.csv"), "utf8")),
      );
    } finally {
      cleanup(dir);
    }
    // The pictures shown are the last finished generation's (they were redrawn after each one).
    const generations = browser["generations.csv"]!.trim().split("\n").length - 1;
    expect(generations).toBeGreaterThanOrEqual(2);
    expect(
      await page.locator("[data-experiment-fit-results] .experiment-figures").getAttribute("data-generation"),
    ).toBe(String(generations - 1));
    const manifest = JSON.parse(browser["manifest.json"]!);
    expect(manifest).toMatchObject({ generator: "browser", kind: "calibration", lattice: 32, seed: 1, runs: 30 });
    // Real particles: ten distinct values within the prior's range.
    const values = browser["posterior.csv"]!.trim()
      .split("\n")
      .slice(1)
      .map((l) => Number(l.split(",")[2]));
    expect(new Set(values).size).toBe(10);
    for (const v of values) expect(v >= 0 && v <= 2, String(v)).toBe(true);
    expect(opened.errors).toEqual([]);
  });

  it("cancels a running fit and can run again", async () => {
    await openFit();
    await settings({ params: [PARAM], particles: "20", budget: "400", size: "64" });
    await page.click("[data-experiment-run]");
    const status = page.locator("[data-experiment-status]");
    await expect.poll(() => status.getAttribute("data-state")).toBe("running");
    await page.click("[data-experiment-cancel]");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 30_000 }).toBe("cancelled");
    expect(await page.locator("[data-experiment-run]").isEnabled()).toBe(true);
    expect(opened.errors).toEqual([]);
  });
});
