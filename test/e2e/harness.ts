/**
 * What every browser test shares: the built site and the Chromium that the e2e project's global
 * setup (global-setup.ts) starts once, console-error capture and screenshots under test-results/.
 */
import { join } from "node:path";
import { type Browser, type ConsoleMessage, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { decodePng, type Pixels } from "./png-decode";
import { RESULTS, ROOT } from "./paths";

export { RESULTS, ROOT };

export interface Harness {
  browser: Browser;
  /** The built site as `vite preview` serves it (policy and cross-origin-isolation headers). */
  base: string;
}

/** Connects to the shared Chromium; the server is already up. */
export async function startHarness(): Promise<Harness> {
  return { browser: await chromium.connect(inject("browserEndpoint")), base: inject("siteBase") };
}

/** Closes this file's pages and its connection (the browser itself stays up for the next file). */
export async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.browser.close();
}

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  errors: string[];
}

/** Opens the app at `query` (e.g. "?preset=healthy&size=64") and waits until the first frame is drawn. */
export async function openApp(
  h: Harness,
  query: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<OpenedPage> {
  // axe-core is injected as an inline script, which the policy blocks; csp.test.ts checks the page under it.
  const page = await h.browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 }, bypassCSP: true });
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  await page.goto(h.base + query, { waitUntil: "load" });
  // The console handle is installed after the renderer mounts, which can come after "load" on a slow machine.
  await page.waitForFunction(() => "hepatosim" in window, undefined, { timeout: 60_000, polling: 50 });
  return { page, errors };
}

/** Waits until the page has a frame on screen (the worker loaded the scenario and sent a picture). */
export async function waitForFrame(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { hepatosim?: { state(): { day: number | null; loading: boolean } } };
      const s = w.hepatosim?.state();
      return !!s && s.day !== null && !s.loading;
    },
    undefined,
    { timeout, polling: 100 },
  );
}

export interface AppState {
  day: number | null;
  playing: boolean;
  /** Steps, a load or a frame still on their way. */
  busy: boolean;
  done: boolean;
  loading: boolean;
  lattice: [number, number] | null;
}

export function appState(page: Page): Promise<AppState> {
  return page.evaluate(() => (window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state());
}

export function chartSeries(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() =>
    (window as unknown as { hepatosim: { series(): Record<string, number[]> } }).hepatosim.series(),
  );
}

/** Pauses the run (if playing) and waits until the page says so. */
export async function pause(page: Page): Promise<void> {
  if ((await appState(page)).playing) await page.click("#play-button");
  // Paused, and the steps already on their way have landed: the day no longer moves.
  await page.waitForFunction(() => {
    const s = (window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state();
    return !s.playing && !s.busy;
  });
}

export function shot(name: string): string {
  return join(RESULTS, `${name}.png`);
}

/** The tissue canvas as pixels (a screenshot read back), saved under test-results/. */
export async function canvasPixels(page: Page, name: string): Promise<Pixels> {
  const png = await page.locator("canvas.tissue-canvas").screenshot({ path: shot(name) });
  return decodePng(png);
}

/** Clicks "Step one day" and waits for the day to move on. */
export async function stepDay(page: Page): Promise<number> {
  const before = (await appState(page)).day ?? 0;
  await page.click("#step-button");
  await page.waitForFunction(
    (d) => ((window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state().day ?? -1) > d,
    before,
    {
      timeout: 120_000,
    },
  );
  return (await appState(page)).day!;
}

/**
 * axe-core violations (impact, rule id, first targets) in `scope` (a CSS selector, or the whole
 * document with every <details> opened for the scan and closed again).
 */
export async function axeViolations(page: Page, scope?: string): Promise<string[]> {
  await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
  return page.evaluate(async (selector) => {
    type Axe = {
      run(
        c: Document | Element,
      ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const details = selector ? [] : [...document.querySelectorAll("details")];
    for (const d of details) d.open = true;
    const r = await axe.run(selector ? document.querySelector(selector)! : document);
    for (const d of details) d.open = false;
    return r.violations.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  }, scope ?? null);
}

/** Dismisses every alert/confirm the page opens and counts them (script from input must never run). */
export function countDialogs(page: Page): () => number {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  return () => dialogs;
}
