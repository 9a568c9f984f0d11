import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PRESET } from "../../src/model/params/presets";
import {
  type AppState,
  appState,
  axeViolations,
  canvasPixels,
  type Harness,
  type OpenedPage,
  openApp,
  pause,
  shot,
  startHarness,
  stepDay,
  stopHarness,
  waitForFrame,
} from "./harness";
import { changedFraction, distinctColours, dominantShare } from "./png-decode";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

describe("opening the page", () => {
  it("opens on the default preset, playing, with a loading state and no console errors", async () => {
    const { page, errors } = await openApp(h, "");
    await page.waitForSelector("[data-preset-picker]");
    expect(await page.locator("[data-preset-picker]").inputValue()).toBe(DEFAULT_PRESET);
    // The disease stage may take a while at 256²: the page must say so (its loading overlay, which is
    // what `loading` reads) or already show the tissue; a fast load can end before a second look.
    await page.waitForFunction(() => {
      const s = (window as unknown as { hepatosim?: { state(): AppState } }).hepatosim?.state();
      return !!s && (s.loading || s.day !== null);
    });
    const s = await appState(page);
    expect(s.playing).toBe(true);
    // The default preset's stage is prebuilt: a slow load of it is not called a generation.
    if (s.loading) expect(await page.locator("#loading .loading-title").textContent()).toBe("Preparing the tissue…");
    await page.screenshot({ path: shot("default-opening") });
    expect(await page.locator("#error-banner").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("a small healthy section", () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await openApp(h, "?preset=healthy&size=64&play=0");
    await waitForFrame(opened.page);
  });
  afterAll(async () => {
    await opened.page.close();
  });

  it("loads with no console errors, cross-origin isolated as the preview server sends it", async () => {
    const s = await appState(opened.page);
    expect(s.lattice).toEqual([64, 64]);
    expect(s.playing).toBe(false);
    expect(await opened.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(opened.errors).toEqual([]);
  });

  it("passes an axe-core accessibility scan with every section open", async () => {
    const { page } = opened;
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
  });

  it("draws non-blank, non-uniform tissue pixels", async () => {
    const px = await canvasPixels(opened.page, "healthy-64-tissue");
    expect(px.width).toBeGreaterThan(200);
    expect(distinctColours(px)).toBeGreaterThanOrEqual(6);
    expect(dominantShare(px)).toBeLessThan(0.6);
  });

  it("advances the simulated day after pressing play, and stops on pause", async () => {
    const { page } = opened;
    expect((await appState(page)).day).toBe(0);
    await page.click("#play-button");
    await expect.poll(async () => (await appState(page)).day, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator("#run-status").getAttribute("data-run-status")).toBe("playing");
    await pause(page);
    const stopped = (await appState(page)).day!;
    await page.waitForTimeout(500);
    expect((await appState(page)).day).toBe(stopped);
    const rows = await page.evaluate(() =>
      (window as unknown as { hepatosim: { series(): Record<string, number[]> } }).hepatosim.series(),
    );
    expect(rows.day!.length).toBeGreaterThanOrEqual(3);
    expect(rows.day!.slice(0, 3)).toEqual([0, 1, 2]);
    await page.screenshot({ path: shot("healthy-64-after-play"), fullPage: true });
  });

  it("steps exactly one day at a time while paused, and not while playing", async () => {
    const { page } = opened;
    const before = Math.floor((await appState(page)).day!);
    expect(await stepDay(page)).toBe(before + 1);
    expect(await stepDay(page)).toBe(before + 2);
    await page.click("#play-button");
    await expect.poll(() => page.locator("#step-button").isDisabled()).toBe(true);
    await pause(page);
    await expect.poll(() => page.locator("#step-button").isEnabled()).toBe(true);
  });

  it("toggles play with Space (not while typing in a field) and announces it", async () => {
    const { page } = opened;
    await page.locator("h1").click();
    await page.keyboard.press("Space");
    await expect.poll(async () => (await appState(page)).playing).toBe(true);
    await expect.poll(() => page.locator("#live-summary").textContent()).toContain("Playing");
    await page.keyboard.press("Space");
    await expect.poll(async () => (await appState(page)).playing).toBe(false);
    await expect.poll(() => page.locator("#live-summary").textContent()).toContain("Paused");
    // In the seed box, Space is typing.
    const seed = page.locator("[data-param-box='seed']");
    await page.locator("[data-section='simulation'] > summary").click();
    await seed.focus();
    await page.keyboard.press("Space");
    expect((await appState(page)).playing).toBe(false);
    await page.keyboard.press("Escape");
  });

  it("changes the picture when a signal overlay is switched on, with a legend in a.u. and the range", async () => {
    const { page } = opened;
    const plain = await canvasPixels(page, "overlay-off");
    await page.selectOption("[data-view='overlay']", { label: "Oxygen" });
    await page.locator(".field-legend").waitFor({ state: "visible" });
    await expect.poll(() => page.locator("[data-field-range]").textContent()).toContain("a.u.");
    await expect
      .poll(async () => changedFraction(plain, await canvasPixels(page, "overlay-oxygen")), { timeout: 30_000 })
      .toBeGreaterThan(0.3);
    await page.selectOption("[data-view='colormap']", "cividis");
    await page.selectOption("[data-view='overlay']", { label: "None" });
    await page.locator(".field-legend").waitFor({ state: "hidden" });
    await expect
      .poll(async () => changedFraction(plain, await canvasPixels(page, "overlay-back-off")))
      .toBeLessThan(0.01);
  });

  it("refuses a bad seed with a message naming the field, the value and the allowed range", async () => {
    const { page } = opened;
    const before = await appState(page);
    const seed = page.locator("[data-param-box='seed']");
    await seed.fill("abc");
    await seed.press("Enter");
    const message = page.locator(".number-control", { has: seed }).locator(".field-error");
    await message.waitFor({ state: "visible" });
    await expect.poll(() => message.textContent()).toContain("seed");
    await expect.poll(() => message.textContent()).toContain("abc");
    await expect.poll(() => message.textContent()).toContain("0 … 4294967295");
    expect(await seed.inputValue()).toBe(String((before as unknown as { scenario: { seed: number } }).scenario.seed));
    await seed.fill("-5");
    await seed.press("Enter");
    await expect.poll(() => message.textContent()).toContain("-5");
    const after = await appState(page);
    expect(after.day).toBe(before.day);
    expect(JSON.stringify((after as unknown as { scenario: unknown }).scenario)).toBe(
      JSON.stringify((before as unknown as { scenario: unknown }).scenario),
    );
    await page.screenshot({ path: shot("bad-seed-refused"), fullPage: true });
  });

  it("refuses an out-of-range number typed beside a slider, and changes nothing", async () => {
    const { page } = opened;
    const before = await appState(page);
    await page.locator("[data-section='mechanisms'] > summary").click();
    await page.locator("[data-group='fields'] > summary").click();
    const box = page.locator("[data-param-box='fields.tnf.decay']");
    const shown = await box.inputValue();
    await box.fill("-1");
    await box.press("Enter");
    const message = page.locator(".number-control", { has: box }).locator(".field-error");
    await message.waitFor({ state: "visible" });
    await expect.poll(() => message.textContent()).toContain("fields.tnf.decay");
    await expect.poll(() => message.textContent()).toContain("-1");
    await expect.poll(() => message.textContent()).toContain("0 … 10");
    expect(await box.inputValue()).toBe(shown);
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    const after = await appState(page);
    expect(JSON.stringify((after as unknown as { scenario: unknown }).scenario)).toBe(
      JSON.stringify((before as unknown as { scenario: unknown }).scenario),
    );
    // A good value afterwards clears the message.
    await box.fill("0.03");
    await box.press("Enter");
    await message.waitFor({ state: "hidden" });
    await page.screenshot({ path: shot("bad-slider-value-refused"), fullPage: true });
    expect(opened.errors).toEqual([]);
  });
});
