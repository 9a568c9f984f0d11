/**
 * The classroom features in a real Chromium: the split view steps both panes together and shows
 * the MSC benefit in its own read-out; a knock-out switch changes the treated run only; a shared
 * link reproduces the run in a fresh page; tampered links show a message; PNG, CSV, JSON and WebM
 * exports download files that parse; lessons follow the run; keyboard control of sliders.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import {
  type AppState,
  appState,
  axeViolations,
  chartSeries,
  countDialogs,
  type Harness,
  type OpenedPage,
  openApp,
  RESULTS,
  shot,
  startHarness,
  stepDay,
  stopHarness,
  waitForFrame,
} from "./harness";
import { changedFraction, colourDistance, decodePng, distinctColours, type Pixels } from "./png-decode";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

/** The page's own read-outs of one pane (the numbers shown under the tissue). */
async function paneReadouts(page: Page, pane: string): Promise<Record<string, string>> {
  return page.evaluate((p) => {
    const out: Record<string, string> = {};
    for (const dd of document.querySelectorAll<HTMLElement>(`.readout-row[data-pane='${p}'] [data-readout]`))
      out[dd.dataset.readout!] = dd.textContent ?? "";
    return out;
  }, pane);
}

/** Both panes' read-outs in one evaluation, so a frame cannot land between the two reads. */
async function bothPanes(page: Page): Promise<[Record<string, string>, Record<string, string>]> {
  return page.evaluate(() => {
    const read = (p: string) => {
      const out: Record<string, string> = {};
      for (const dd of document.querySelectorAll<HTMLElement>(`.readout-row[data-pane='${p}'] [data-readout]`))
        out[dd.dataset.readout!] = dd.textContent ?? "";
      return out;
    };
    return [read("untreated"), read("treated")] as [Record<string, string>, Record<string, string>];
  });
}

/** A read-out's number: "−" is a minus, "±0.0" (no difference) is 0. */
const percent = (text: string | undefined) => Number.parseFloat((text ?? "").replace("−", "-").replace("±", ""));

async function waitDone(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state().done,
    undefined,
    { timeout, polling: 100 },
  );
}

/** Both panes' tissue canvases as pixels (untreated, treated), saved under test-results/. */
async function panePixels(page: Page, name: string): Promise<Pixels[]> {
  const canvases = page.locator("canvas.tissue-canvas");
  const out: Pixels[] = [];
  for (let i = 0; i < 2; i++) out.push(decodePng(await canvases.nth(i).screenshot({ path: shot(`${name}-${i}`) })));
  return out;
}

/**
 * Pictures that differ by more than layout and scaling: over 21 days at least this fraction of the
 * untreated pane's pixels change (0.50 seen). (The panes' colour distance is compared with its own
 * day-0 value: 0.12 at day 21 against ≈ 0.05 at day 0, where only the infused MSCs and the panes'
 * one-pixel difference in width tell them apart; the measured therapy effect is small.)
 */
const MIN_CHANGED = { days: 0.2 };

async function restart(page: Page): Promise<void> {
  await page.click("#restart-button");
  await page.waitForFunction(
    () => {
      const w = window as unknown as { hepatosim: { state(): AppState; series(): { day: number[] } } };
      const s = w.hepatosim.state();
      return s.day === 0 && !s.loading && !s.done && w.hepatosim.series().day.length === 1;
    },
    undefined,
    { timeout: 120_000 },
  );
}

async function downloadOf(page: Page, selector: string, saveAs: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click(selector)]);
  const path = join(RESULTS, saveAs);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

const DAYS = 21;
const SPLIT = `?preset=early-cirrhosis-bm-msc-hepatic-artery&size=64&days=${DAYS}&view=split&play=0&speed=fast`;

describe("split view: untreated and treated side by side", () => {
  let opened: OpenedPage;
  let allOn: Record<string, number[]>;
  beforeAll(async () => {
    opened = await openApp(h, SPLIT, { viewport: { width: 1280, height: 720 } });
    await waitForFrame(opened.page);
  });
  afterAll(async () => {
    await opened?.page.close();
  });

  it("starts both panes from the same tissue, steps them to the same day, and shows their difference", async () => {
    const { page } = opened;
    const s = (await appState(page)) as AppState & {
      view: string;
      panes: { lane: string; day: number; metrics: Record<string, number> }[];
    };
    expect(s.view).toBe("split");
    expect(s.panes.map((p) => p.lane)).toEqual(["untreated", "treated"]);
    expect(s.panes[0]!.metrics.cpa_percent).toBe(s.panes[1]!.metrics.cpa_percent);
    expect(s.panes[0]!.metrics.hepatocyte_mass_percent).toBe(s.panes[1]!.metrics.hepatocyte_mass_percent);
    expect(await page.locator("canvas.tissue-canvas").count()).toBe(2);
    const [untreatedStart, treatedStart] = await panePixels(page, "split-day0");
    const betweenPanesAtStart = colourDistance(untreatedStart!, treatedStart!);

    await page.click("#play-button");
    // While it runs, the two panes never show different days.
    const seen = new Set<string>();
    const mscTexts = new Set<string>();
    for (let i = 0; i < 40 && !(await appState(page)).done; i++) {
      const [u, t] = await bothPanes(page);
      expect(t.day).toBe(u.day);
      seen.add(u.day!);
      expect(u.mscs).toBe("0");
      mscTexts.add(t.mscs!);
      await page.waitForTimeout(100);
    }
    await waitDone(page);
    expect(seen.size).toBeGreaterThan(1);
    // The MSC read-out says what a fraction of a cell means: the real count and the dots drawn for it.
    mscTexts.add((await bothPanes(page))[1].mscs!);
    const present = [...mscTexts].filter((m) => m !== "0");
    console.log(`[split] treated MSC read-outs seen: ${present.slice(0, 4).join(" | ")}`);
    expect(present.length).toBeGreaterThan(0);
    for (const m of present) expect(m).toMatch(/^(≈ )?[\d.]+ real MSCs? \(drawn as \d+ dots?\)$/);
    // The picture moves on with the days, and the therapy shows in it: the panes differ at the end.
    const [untreatedEnd, treatedEnd] = await panePixels(page, `split-day${DAYS}`);
    expect([untreatedEnd!.width, untreatedEnd!.height]).toEqual([untreatedStart!.width, untreatedStart!.height]);
    const overDays = changedFraction(untreatedStart!, untreatedEnd!);
    const betweenPanes = colourDistance(untreatedEnd!, treatedEnd!);
    console.log(
      `[split] untreated pixels changed from day 0 to ${DAYS}: ${(100 * overDays).toFixed(1)} %; colour distance untreated–treated at day ${DAYS}: ${betweenPanes.toFixed(2)}`,
    );
    expect(overDays).toBeGreaterThan(MIN_CHANGED.days);
    // The panes drift apart: the tissue differs by more than the infused cells did on day 0.
    console.log(`[split] colour distance at day 0: ${betweenPanesAtStart.toFixed(2)}`);
    expect(betweenPanes).toBeGreaterThan(betweenPanesAtStart);
    const [u, t, d] = await Promise.all([
      paneReadouts(page, "untreated"),
      paneReadouts(page, "treated"),
      paneReadouts(page, "difference"),
    ]);
    expect(u.day).toBe(`${DAYS}.0`);
    expect(t.day).toBe(`${DAYS}.0`);
    console.log(
      `[split] day ${DAYS}: CPA untreated ${u.cpa}, treated ${t.cpa}, difference ${d.cpa}; mass ${u.mass} → ${t.mass}; inflammation ${u.inflammation} → ${t.inflammation}`,
    );
    // The difference pane is treated − untreated (to its one decimal). Its sign is the model's finding,
    // not the page's: one intravenous dose now does almost nothing (README, known limits).
    expect(Math.abs(percent(d.cpa) - (percent(t.cpa) - percent(u.cpa)))).toBeLessThanOrEqual(0.11);
    expect(percent(t.cpa)).toBeLessThanOrEqual(percent(u.cpa) + 0.5);
    allOn = await chartSeries(page);
    expect(allOn.day).toHaveLength(DAYS + 1);
    for (const key of ["cpa_percent_untreated", "cpa_percent_treated", "cpa_percent_difference"])
      expect(allOn[key], key).toHaveLength(DAYS + 1);
    expect(allOn.cpa_percent_difference!.at(-1)).toBeCloseTo(
      allOn.cpa_percent_treated!.at(-1)! - allOn.cpa_percent_untreated!.at(-1)!,
      9,
    );
    await page.screenshot({ path: shot("split-view-1280x720") });
    await page.screenshot({ path: shot("split-view-full"), fullPage: true });
    // Chart legends name the series; values (and the day) only while the pointer is over the chart.
    const cpaChart = page.locator("[data-chart='cpa']");
    const legend = cpaChart.locator(".u-legend");
    const names = legend.locator(".u-series:visible .u-label");
    const values = legend.locator(".u-value:visible");
    await page.mouse.move(0, 0);
    expect(await names.allTextContents()).toEqual(["CPA (Untreated)", "CPA (Treated (MSC))"]);
    expect(await values.count()).toBe(0);
    await cpaChart.scrollIntoViewIfNeeded();
    await cpaChart.screenshot({ path: shot("chart-legend-idle") });
    await cpaChart.locator(".u-over").hover();
    await expect.poll(() => names.allTextContents()).toEqual(["Day", "CPA (Untreated)", "CPA (Treated (MSC))"]);
    for (const v of await values.allTextContents()) expect(v).toMatch(/^−?\d/);
    await cpaChart.screenshot({ path: shot("chart-legend-hover") });
    await page.mouse.move(0, 0);
    await expect.poll(() => values.count()).toBe(0);
    expect(opened.errors).toEqual([]);
  });

  it("a shared link opened in a fresh page reproduces both panes' read-outs at that day", async () => {
    const { page } = opened;
    await page.locator("[data-section='export'] > summary").click();
    expect(await page.locator("[data-share-note]").isHidden()).toBe(true);
    await page.locator("[data-share-day]").check();
    const link = await page.locator("[data-share-link]").inputValue();
    expect(new URL(link).searchParams.get("day")).toBe(String(DAYS));
    expect(new URL(link).searchParams.get("view")).toBe("split");
    const source = await Promise.all([
      paneReadouts(page, "untreated"),
      paneReadouts(page, "treated"),
      chartSeries(page),
    ]);
    const fresh = await openApp(h, new URL(link).search);
    await waitForFrame(fresh.page);
    await waitDone(fresh.page);
    await fresh.page.waitForFunction(
      () => document.querySelector("#run-status")?.getAttribute("data-run-status") === "finished",
    );
    const copy = await Promise.all([
      paneReadouts(fresh.page, "untreated"),
      paneReadouts(fresh.page, "treated"),
      chartSeries(fresh.page),
    ]);
    expect(copy[0]).toEqual(source[0]);
    expect(copy[1]).toEqual(source[1]);
    expect(copy[2]).toEqual(source[2]);
    expect(fresh.errors).toEqual([]);
    await fresh.page.close();
  });

  it("exports a PNG with both panes and the legend, the charted CSV columns and the scenario as JSON", async () => {
    const { page } = opened;
    const png = await downloadOf(page, "[data-export='png']", "export-split.png");
    expect(png.name).toMatch(/^hepatosim-early-cirrhosis-bm-msc-hepatic-artery-split-day\d+\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const pixels = decodePng(png.bytes);
    // Two panes of 64 sites × 8 px, the legend column, margins.
    expect(pixels.width).toBeGreaterThan(2 * 512);
    expect(pixels.height).toBeGreaterThan(512);
    expect(distinctColours(pixels)).toBeGreaterThan(12);

    const csv = await downloadOf(page, "[data-export='csv']", "export-split.csv");
    expect(csv.name).toMatch(/\.csv$/);
    const [header, ...rows] = csv.bytes.toString("utf8").trim().split("\n");
    const columns = header!.split(",");
    for (const c of [
      "day",
      "cpa_percent_untreated",
      "cpa_percent_treated",
      "cpa_percent_difference",
      "hepatocyte_mass_percent_treated",
      "inflammation_index_untreated",
      "mean_hgf_treated",
    ])
      expect(columns, c).toContain(c);
    const series = await chartSeries(page);
    expect(rows).toHaveLength(series.day!.length);
    const last = rows.at(-1)!.split(",").map(Number);
    expect(last[columns.indexOf("cpa_percent_treated")]).toBe(series.cpa_percent_treated!.at(-1));

    const json = await downloadOf(page, "[data-export='json']", "export-split.json");
    const doc = JSON.parse(json.bytes.toString("utf8"));
    const shown = ((await appState(page)) as unknown as { scenario: unknown }).scenario;
    expect({ ...resolveScenario(doc, presetLookup), preset: "early-cirrhosis-bm-msc-hepatic-artery" }).toEqual(shown);
  });

  it("a knock-out switch changes the treated run from that step on, and leaves the untreated run alone", async () => {
    const { page } = opened;
    await restart(page);
    await stepDay(page);
    const box = page.locator("[data-toggle='knockout.immunomodulation']");
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    expect(
      ((await appState(page)) as unknown as { scenario: { mechanisms: Record<string, boolean> } }).scenario.mechanisms
        .immunomodulation,
    ).toBe(false);
    // The same switch in Settings follows.
    expect(await page.locator("[data-toggle='mechanisms.immunomodulation']").isChecked()).toBe(false);
    await page.click("#play-button");
    await waitDone(page);
    const off = await chartSeries(page);
    expect(off.cpa_percent_untreated).toEqual(allOn.cpa_percent_untreated);
    expect(off.cpa_percent_treated!.slice(0, 2)).toEqual(allOn.cpa_percent_treated!.slice(0, 2));
    // From day 1 on the treated run is another run: its charted read-outs are not all the same.
    const treatedKeys = Object.keys(off).filter((k) => k.endsWith("_treated"));
    expect(treatedKeys.some((k) => JSON.stringify(off[k]) !== JSON.stringify(allOn[k]))).toBe(true);
    const end = (s: Record<string, number[]>, k: string) => s[k]!.at(-1)!;
    // Printed, not asserted: at a clinical dose the change is small and of either sign (README).
    console.log(
      `[knock-out] immunomodulation off from day 1: treated CPA at day ${DAYS} ${end(allOn, "cpa_percent_treated").toFixed(2)} → ${end(off, "cpa_percent_treated").toFixed(2)} (untreated ${end(off, "cpa_percent_untreated").toFixed(2)}); changed series: ${treatedKeys.filter((k) => JSON.stringify(off[k]) !== JSON.stringify(allOn[k])).join(", ")}`,
    );
    // A link can only replay the current settings from day 0, and the page says so.
    await page.evaluate(() =>
      document.querySelector<HTMLDetailsElement>("[data-section='export']")!.setAttribute("open", ""),
    );
    await page.locator("[data-share-note]").waitFor({ state: "visible" });
    await box.check();
  });

  it("keeps the legend beside the panes and passes an axe-core scan with lesson, export and settings open", async () => {
    const { page } = opened;
    await page.keyboard.press("l");
    await page.locator("#lesson").waitFor({ state: "visible" });
    const legend = await page.locator(".cell-legend").boundingBox();
    expect(legend && legend.y + legend.height).toBeLessThan(720 + 400);
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    await page.keyboard.press("l");
    await page.locator("#lesson").waitFor({ state: "hidden" });
  });
});

describe("share links", () => {
  it("reopen a single-view run with changed settings at the same day, with the same read-outs", async () => {
    const { page, errors } = await openApp(h, "?preset=healthy&size=64&play=0&seed=5");
    await waitForFrame(page);
    await page.locator("[data-toggle='therapy.on']").check();
    // Keyboard on a slider: PageUp moves the dose a tenth of the track.
    const dose = page.locator("[data-param='therapy.dose']");
    await dose.focus();
    await page.keyboard.press("PageUp");
    await expect
      .poll(async () => Number(await page.locator("[data-param-box='therapy.dose']").inputValue()))
      .toBeGreaterThan(1e6);
    for (let d = 0; d < 3; d++) await stepDay(page);
    const link = await page.locator("[data-share-link]").inputValue();
    const url = new URL(link);
    expect(url.searchParams.get("day")).toBe("3");
    expect(url.searchParams.get("s")).toMatch(/^[A-Za-z0-9_-]+$/);
    const source = {
      readouts: await paneReadouts(page, "single"),
      series: await chartSeries(page),
      scenario: ((await appState(page)) as unknown as { scenario: unknown }).scenario,
    };

    const fresh = await openApp(h, url.search);
    await waitForFrame(fresh.page);
    await fresh.page.waitForFunction(
      () => {
        const s = (window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state();
        return s.day === 3 && document.querySelector("#run-status")?.getAttribute("data-run-status") === "paused";
      },
      undefined,
      { timeout: 120_000 },
    );
    const copy = {
      readouts: await paneReadouts(fresh.page, "single"),
      series: await chartSeries(fresh.page),
      scenario: ((await appState(fresh.page)) as unknown as { scenario: { title: string } }).scenario,
    };
    expect(copy.readouts).toEqual(source.readouts);
    expect(copy.series).toEqual(source.series);
    expect(copy.scenario).toEqual(source.scenario);
    expect(await fresh.page.locator("#error-banner").isHidden()).toBe(true);
    expect([...errors, ...fresh.errors]).toEqual([]);
    await fresh.page.close();
    await page.close();
  });

  const b64 = (doc: unknown) =>
    Buffer.from(typeof doc === "string" ? doc : JSON.stringify(doc), "utf8").toString("base64url");
  // The last field: does the test also run the page on (the fallback is the same default scenario each time).
  const tampered: [string, string, RegExp, boolean][] = [
    [
      "out-of-range value",
      b64({ preset: "healthy", seed: -1, parameters: { "fields.tnf.decay": 99 } }),
      /refused: seed = -1 .*0 … 4294967295/,
      true,
    ],
    [
      "script in the preset name",
      b64({ preset: "<script>alert(1)</script>" }),
      /refused: preset = "<script>alert\(1\)<\/script>"/,
      false,
    ],
    [
      "markup in the title",
      b64({ preset: "healthy", title: "<img src=x onerror=alert(2)>" }),
      /title "<img src=x onerror=alert\(2\)>" was ignored/,
      true,
    ],
    ["garbage base64", "%%%not*base64!!", /could not be read/, false],
    ["base64 of something else", b64("<svg onload=alert(3)>"), /not a valid scenario document/, false],
  ];
  it.each(tampered)(
    "show a message for a tampered link (%s), run nothing from it, and keep working",
    async (_name, s, message, run) => {
      const { page, errors } = await openApp(h, `?s=${encodeURIComponent(s)}&size=64&play=0`);
      const dialogs = countDialogs(page);
      await page.locator("#error-banner").waitFor({ state: "visible" });
      const text = (await page.locator("#error-banner").textContent()) ?? "";
      expect(text).toMatch(message);
      expect(await page.locator("#error-banner img, #error-banner script, #error-banner svg").count()).toBe(0);
      if (run) {
        await waitForFrame(page);
        expect(await stepDay(page)).toBe(1);
      } else await page.waitForFunction(() => "hepatosim" in window);
      expect(((await appState(page)) as unknown as { scenario: { preset: string } }).scenario.preset).toBe(
        run && _name.includes("title") ? "healthy" : "early-cirrhosis-bm-msc-iv",
      );
      expect(dialogs()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});

describe("lesson mode and keyboard", () => {
  it("captions the partial hepatectomy, points at the legend, shows the published data and follows the run", async () => {
    const { page, errors } = await openApp(h, "?preset=partial-hepatectomy&size=64&play=0&lesson=1&speed=fast");
    await waitForFrame(page);
    const caption = page.locator("[data-lesson-caption]");
    await expect.poll(() => caption.textContent()).toContain("Two thirds");
    expect(await page.locator("[data-lesson-source]").textContent()).toContain("Marongiu 2017");
    expect(await page.locator(".cell-legend li[data-legend='empty']").getAttribute("class")).toContain("highlight");
    await page.click("[data-lesson='next']");
    await expect.poll(() => caption.textContent()).toContain("cell cycle");
    expect(await page.locator("[data-lesson-source]").textContent()).toContain("Zieve 1985");
    expect(await page.locator("[data-chart='mass'] .chart-reference").textContent()).toContain("Marongiu 2017");
    expect(await page.locator("[data-chart='proliferation'] .chart-reference").textContent()).toContain("Zieve 1985");
    expect(await page.locator("[data-chart='cpa'] .chart-reference").textContent()).toContain("Huang 2014");
    // Back to the start, then the caption follows the run to the day-7 step.
    await page.click("[data-lesson='back']");
    await page.click("#play-button");
    await waitDone(page);
    await expect.poll(() => caption.textContent()).toContain("day 7–10");
    const series = await chartSeries(page);
    const at = (d: number) => series.hepatocyte_mass_percent![series.day!.indexOf(d)]!;
    const peak = series.day![series.proliferation_index!.indexOf(Math.max(...series.proliferation_index!))];
    console.log(
      `[reference] partial hepatectomy, 64²: mass day 7 ${at(7).toFixed(1)} %, day 10 ${at(10).toFixed(1)} % (rat ≈ 90 % by day 7–10); proliferation peak at day ${peak} (rat ≈ day 1)`,
    );
    await page.screenshot({ path: shot("lesson-partial-hepatectomy"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("starts at step 1 when opened in the middle of a run, says the run's day, and leaves the run going", async () => {
    const { page, errors } = await openApp(h, "?preset=partial-hepatectomy&size=64&play=0&speed=fast");
    await waitForFrame(page);
    await page.click("#play-button");
    await page.waitForFunction(
      () => ((window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state().day ?? 0) >= 8,
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    const before = (await appState(page)).day!;
    await page.click("[data-lesson-toggle]");
    await page.locator("#lesson").waitFor({ state: "visible" });
    const step = page.locator("[data-lesson-step]");
    expect(await step.getAttribute("data-lesson-step")).toBe("1");
    expect(await step.textContent()).toMatch(/^Step 1 of \d+ · from the start; the run is at day \d+$/);
    expect(await page.locator("[data-lesson-caption]").textContent()).toContain("Two thirds");
    await page.screenshot({ path: shot("lesson-opened-mid-run") });
    // The run was not reset, and the lesson stays at step 1 while it goes on.
    await waitDone(page);
    expect((await appState(page)).day!).toBeGreaterThanOrEqual(before);
    expect(await step.getAttribute("data-lesson-step")).toBe("1");
    await page.click("[data-lesson='next']");
    expect(await step.getAttribute("data-lesson-step")).toBe("2");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("moves a focused slider with arrows (Shift: fine), Page Up/Down and Home/End, and toggles play with Space", async () => {
    const { page, errors } = await openApp(h, "?preset=healthy&size=64&play=0");
    await waitForFrame(page);
    const slider = page.locator("[data-view='opacity']");
    const value = async () => Number(await slider.inputValue());
    await slider.focus();
    await page.keyboard.press("Home");
    expect(await value()).toBe(0);
    await page.keyboard.press("ArrowRight");
    expect(await value()).toBe(5);
    await page.keyboard.press("PageUp");
    expect(await value()).toBe(15);
    await page.keyboard.press("End");
    expect(await value()).toBe(100);
    const dose = page.locator("[data-param='therapy.dose']");
    await page.locator("[data-toggle='therapy.on']").check();
    await dose.focus();
    const pos = async () => Number(await dose.inputValue());
    const start = await pos();
    await page.keyboard.press("ArrowRight");
    expect(await pos()).toBe(start + 10);
    await page.keyboard.press("Shift+ArrowRight");
    expect(await pos()).toBe(start + 11);
    await page.keyboard.press("ArrowLeft");
    expect(await pos()).toBe(start + 1);
    // The slider moved the scenario, not just the thumb.
    const shown = Number(await page.locator("[data-param-box='therapy.dose']").inputValue());
    expect(
      ((await appState(page)) as unknown as { scenario: { therapy: { infusions: { dose_cells_per_kg: number }[] } } })
        .scenario.therapy.infusions[0]!.dose_cells_per_kg,
    ).toBe(shown);
    // Space on a focused slider is play/pause, as everywhere outside text boxes and buttons.
    await page.keyboard.press("Space");
    await expect.poll(async () => (await appState(page)).playing).toBe(true);
    await page.keyboard.press("Space");
    await expect.poll(async () => (await appState(page)).playing).toBe(false);
    // The shortcut list is generated from one table and closes with Escape.
    await page.keyboard.press("?");
    await page.locator("dialog.shortcuts").waitFor({ state: "visible" });
    expect(await page.locator("dialog.shortcuts").textContent()).toContain("Shift");
    await page.keyboard.press("Escape");
    await page.locator("dialog.shortcuts").waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records a WebM video of the run", async () => {
    const { page, errors } = await openApp(h, "?preset=healthy&size=64&play=0&speed=normal");
    await waitForFrame(page);
    await page.locator("[data-section='export'] > summary").click();
    const record = page.locator("[data-export='webm']");
    expect(await page.locator("[data-no-recorder]").isHidden()).toBe(true);
    await record.click();
    await expect.poll(() => record.textContent()).toContain("Stop");
    await page.click("#play-button");
    await page.waitForTimeout(2500);
    const video = await downloadOf(page, "[data-export='webm']", "export-run.webm");
    expect(video.name).toMatch(/\.webm$/);
    console.log(`[webm] ${video.bytes.length} bytes`);
    expect(video.bytes.length).toBeGreaterThan(1000);
    // EBML header: every WebM file starts with it.
    expect([...video.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says so in the page when the browser cannot record video", async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, "MediaRecorder");
    });
    await page.goto(`${h.base}?preset=healthy&size=64&play=0`);
    await waitForFrame(page);
    await page.locator("[data-section='export'] > summary").click();
    await page.locator("[data-no-recorder]").waitFor({ state: "visible" });
    expect(await page.locator("[data-no-recorder]").textContent()).toContain("cannot record video");
    expect(await page.locator("[data-export='webm']").isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
