/**
 * Shared set-up for the browser tests: a Vite dev server on a free localhost port (started from the
 * test, serving the source), Debian's Chromium driven by playwright-core, console-error capture and
 * screenshots under test-results/.
 */
import { mkdirSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { join, resolve } from "node:path";
import { type Browser, type ConsoleMessage, chromium, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { decodePng, type Pixels } from "./png-decode";

export const ROOT = resolve(import.meta.dirname, "../..");
export const RESULTS = join(ROOT, "test-results");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createNetServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (a && typeof a === "object" ? ok(a.port) : fail(new Error("no port"))));
    });
  });
}

export interface Harness {
  server: ViteDevServer;
  browser: Browser;
  base: string;
}

export async function startHarness(): Promise<Harness> {
  mkdirSync(RESULTS, { recursive: true });
  const port = await freePort();
  const server = await createServer({
    root: ROOT,
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "error",
    clearScreen: false,
    server: { port, strictPort: true, host: "127.0.0.1", open: false, hmr: false },
  });
  await server.listen();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  return { server, browser, base: `http://127.0.0.1:${port}/` };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.browser.close();
  await h?.server.close();
}

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  errors: string[];
}

/** Opens the app at `query` (e.g. "?preset=healthy&size=64") and waits until the first frame is drawn. */
export async function openApp(h: Harness, query: string, options: { viewport?: { width: number; height: number } } = {}): Promise<OpenedPage> {
  const page = await h.browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  await page.goto(h.base + query, { waitUntil: "load" });
  return { page, errors };
}

/** Waits until the page has a frame on screen (the worker loaded the scenario and sent a picture). */
export async function waitForFrame(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as unknown as { hepatosim?: { state(): { day: number | null; loading: boolean } } };
    const s = w.hepatosim?.state();
    return !!s && s.day !== null && !s.loading;
  }, undefined, { timeout, polling: 100 });
}

export interface AppState {
  day: number | null;
  playing: boolean;
  done: boolean;
  loading: boolean;
  lattice: [number, number] | null;
}

export function appState(page: Page): Promise<AppState> {
  return page.evaluate(() => (window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state());
}

export function chartSeries(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => (window as unknown as { hepatosim: { series(): Record<string, number[]> } }).hepatosim.series());
}

/** Pauses the run (if playing) and waits until the page says so. */
export async function pause(page: Page): Promise<void> {
  if ((await appState(page)).playing) await page.click("#play-button");
  await page.waitForFunction(() => !(window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state().playing);
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
  await page.waitForFunction((d) => ((window as unknown as { hepatosim: { state(): AppState } }).hepatosim.state().day ?? -1) > d, before, {
    timeout: 120_000,
  });
  return (await appState(page)).day!;
}

/**
 * axe-core violations (impact, rule id, first targets) in `scope` (a CSS selector, or the whole
 * document with every <details> opened for the scan and closed again).
 */
export async function axeViolations(page: Page, scope?: string): Promise<string[]> {
  await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
  return page.evaluate(async (selector) => {
    type Axe = { run(c: Document | Element): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const details = selector ? [] : [...document.querySelectorAll("details")];
    for (const d of details) d.open = true;
    const r = await axe.run(selector ? document.querySelector(selector)! : document);
    for (const d of details) d.open = false;
    return r.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
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
