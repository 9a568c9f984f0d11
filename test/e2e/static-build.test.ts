/**
 * The production build is a static site: served from a sub-folder of a plain file server that sends
 * no cross-origin-isolation headers, it still loads, draws and runs.
 */

import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CHROMIUM_ARGS, shot } from "./harness";
import { type StaticSite, serveBuiltSite } from "./static-site";

const PREFIX = "/classroom/hepatosim/";

let site: StaticSite;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // No headers at all, like a plain static host.
  site = await serveBuiltSite(PREFIX);
  base = site.base;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

it("runs from a static folder without cross-origin isolation", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
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
