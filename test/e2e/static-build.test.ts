/**
 * The production build is a static site: served from a sub-folder of a plain file server that sends
 * no cross-origin-isolation headers, it still loads, draws and runs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { presetStages } from "../../src/sim/prebuilt-stages";
import { type Harness, shot, startHarness, stopHarness } from "./harness";

let h: Harness;
// No headers at all, like a plain static host (global-setup.ts, PLAIN_PREFIX).
const base = inject("plainBase");

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await stopHarness(h);
});

it("runs from a static folder without cross-origin isolation", async () => {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}index.html?preset=healthy&size=64`);
  await page.waitForFunction(
    () => {
      const s = (window as unknown as { hepatosim?: { state(): { day: number | null } } }).hepatosim?.state();
      return !!s && (s.day ?? 0) >= 1;
    },
    undefined,
    { timeout: 180_000 },
  );
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  await page.screenshot({ path: shot("static-build") });
  expect(errors).toEqual([]);
  await page.close();
});

/**
 * The build carries the presets' prebuilt day-0 stages (vite.config.ts, src/cli/stages-build.ts):
 * stages/index.json lists files that are there, and a preset opened from the plain sub-folder starts
 * from its file (no generation in the page). HEPATOSIM_STAGES=default builds only the default preset's.
 */
it("ships the presets' prebuilt stages, and a preset starts from its file", async () => {
  const dir = inject("siteDir");
  const { files } = JSON.parse(readFileSync(join(dir, "stages", "index.json"), "utf8")) as { files: string[] };
  for (const f of files) expect(existsSync(join(dir, "stages", f)), f).toBe(true);
  const wanted = inject("prebuiltStages") === "default" ? 1 : presetStages().length;
  console.log(`[stages] ${files.length} prebuilt stage files in the build (${wanted} wanted)`);
  expect(files.length).toBeGreaterThanOrEqual(wanted);

  const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}index.html?preset=early-cirrhosis-untreated&play=0`);
  await page.waitForFunction(
    () => (window as unknown as { hepatosim?: { state(): { day: number | null } } }).hepatosim?.state().day === 0,
    undefined,
    { timeout: 60_000 },
  );
  const state = await page.evaluate(() =>
    (window as unknown as { hepatosim: { state(): { prebuilt: boolean[]; fromStore: boolean[] } } }).hepatosim.state(),
  );
  await page.screenshot({ path: shot("prebuilt-stage-day0") });
  expect(state.prebuilt).toEqual([true]);
  expect(state.fromStore).toEqual([false]);
  expect(errors).toEqual([]);
  await page.close();
});
