/**
 * What must never break the page: bad or hostile URL options (warn, use the default), a failing
 * worker (message, restart from the last snapshot), and the WebGL path next to the canvas one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appState,
  canvasPixels,
  chartSeries,
  countDialogs,
  type Harness,
  openApp,
  shot,
  startHarness,
  stepDay,
  stopHarness,
  waitForFrame,
} from "./harness";
import { distinctColours, dominantShare } from "./png-decode";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

describe("URL options", () => {
  it("warns about each bad value, uses the defaults, and still runs", async () => {
    const { page, errors } = await openApp(
      h,
      "?preset=healthy&size=64&play=0&seed=-3&speed=warp&projector=maybe&overlay=foo&bogus=1",
    );
    await waitForFrame(page);
    const warnings = page.locator("#error-banner [data-level='warning']");
    await page.locator("#error-banner").waitFor({ state: "visible" });
    const texts = await warnings.allTextContents();
    for (const name of ["seed=-3", "speed=warp", "projector=maybe", "overlay=foo", "bogus=1"])
      expect(texts.some((t) => t.includes(name))).toBe(true);
    expect(texts.find((t) => t.includes("seed=-3"))).toContain("4294967295");
    const s = (await appState(page)) as unknown as { scenario: { seed: number; preset: string }; lattice: number[] };
    expect(s.scenario.preset).toBe("healthy");
    expect(s.scenario.seed).toBe(1);
    expect(s.lattice).toEqual([64, 64]);
    expect(await page.locator("input[data-speed='normal']").isChecked()).toBe(true);
    await stepDay(page);
    await page.screenshot({ path: shot("url-warnings") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows script in a URL value as text and never runs it", async () => {
    const { page, errors } = await openApp(
      h,
      `?preset=${encodeURIComponent("<img src=x onerror=alert(1)>")}&size=64&play=0&seed=${encodeURIComponent("<script>alert(2)</script>")}`,
    );
    const dialogs = countDialogs(page);
    await page.locator("#error-banner").waitFor({ state: "visible" });
    const text = (await page.locator("#error-banner").textContent()) ?? "";
    expect(text).toContain("<script>");
    expect(await page.locator("#error-banner img, #error-banner script").count()).toBe(0);
    expect(dialogs()).toBe(0);
    expect(errors.filter((e) => !e.startsWith("requestfailed"))).toEqual([]);
    await page.close();
  });

  it("opens in projector mode from the URL and switches back at run time", async () => {
    const { page, errors } = await openApp(h, "?preset=healthy&size=64&play=0&projector=1");
    await waitForFrame(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("projector");
    await page.screenshot({ path: shot("projector-mode") });
    await page.locator("[data-section='view'] > summary").click();
    await page.locator("[data-view='projector']").uncheck();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("standard");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("worker failure", () => {
  it("shows what happened and restarts from the last snapshot; the run goes on", async () => {
    const { page } = await openApp(h, "?preset=healthy&size=64&play=0");
    await waitForFrame(page);
    for (let d = 0; d < 6; d++) await stepDay(page);
    await page.evaluate(() =>
      (window as unknown as { hepatosim: { failWorkerForTest(): Promise<unknown> } }).hepatosim.failWorkerForTest(),
    );
    const banner = page.locator("#error-banner [data-level='error']");
    await banner.waitFor({ state: "visible" });
    expect(await banner.textContent()).toContain("restarted from day 5");
    await expect.poll(async () => (await appState(page)).day).toBe(5);
    expect((await chartSeries(page)).day).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await stepDay(page)).toBe(6);
    await page.click("#play-button");
    await expect.poll(async () => (await appState(page)).day, { timeout: 120_000 }).toBeGreaterThan(7);
    await page.screenshot({ path: shot("worker-restarted") });
    await page.close();
  });
});

describe("renderers", () => {
  it("draws the same kind of picture with WebGL (forced) as with the automatic choice", async () => {
    const { page, errors } = await openApp(h, "?preset=healthy&size=64&play=0&renderer=webgl");
    await waitForFrame(page);
    expect(((await appState(page)) as unknown as { renderer: string }).renderer).toBe("webgl");
    await page.waitForTimeout(300);
    const px = await canvasPixels(page, "webgl-tissue");
    expect(distinctColours(px)).toBeGreaterThanOrEqual(6);
    expect(dominantShare(px)).toBeLessThan(0.6);
    expect(errors).toEqual([]);
    await page.close();
  });
});
