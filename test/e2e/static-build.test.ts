/**
 * The production build is a static site: served from a sub-folder of a plain file server that sends
 * no cross-origin-isolation headers, it still loads, draws and runs.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
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
