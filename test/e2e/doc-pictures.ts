/**
 * `npm run pictures`: the pictures in docs/user-guide.md and docs/teachers.md, taken from the built
 * site in Chromium as the browser tests take theirs (one seed, so a rerun draws the same tissue).
 * Writes docs/images/*.png; run it again when the close-up, the stains or the card change.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./chromium";
import { followCellNearCentre } from "./follow-near-centre";
import { ROOT } from "./paths";
import { buildSite, serveSite } from "./static-site";

const OUT = join(ROOT, "docs", "images");
// Early cirrhosis with a hepatic-artery dose, so septa, stellate cells and MSCs share the section.
const CIRRHOSIS = "?preset=early-cirrhosis-bm-msc-hepatic-artery&size=128&play=0&seed=3";

type AppWindow = { hepatosim: { state(): { day: number | null; loading: boolean; busy: boolean; stain: string } } };

async function open(page: Page, base: string, query: string): Promise<void> {
  await page.goto(base + query, { waitUntil: "load" });
  await page.waitForFunction(
    () => {
      const s = (window as unknown as AppWindow).hepatosim?.state();
      return !!s && s.day !== null && !s.loading;
    },
    undefined,
    { timeout: 180_000, polling: 100 },
  );
}

const frames = (page: Page) =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

async function zoomIn(page: Page, clicks: number): Promise<void> {
  for (let i = 0; i < clicks; i++) await page.click("button[aria-label='Zoom in']");
  await frames(page);
}

async function stain(page: Page, name: string): Promise<void> {
  await page.selectOption('[data-view="stain"]', name);
  await page.waitForFunction((s) => (window as unknown as AppWindow).hepatosim.state().stain === s, name);
  await frames(page);
}

/** The tissue canvas only, as the class sees it. */
async function canvasShot(page: Page, name: string): Promise<void> {
  await page.locator("canvas.tissue-canvas").screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/images/${name}.png`);
}

async function stepDays(page: Page, days: number): Promise<void> {
  for (let d = 0; d < days; d++) {
    const before = (await page.evaluate(() => (window as unknown as AppWindow).hepatosim.state().day)) ?? 0;
    await page.click("#step-button");
    await page.waitForFunction((b) => ((window as unknown as AppWindow).hepatosim.state().day ?? -1) > b, before, {
      timeout: 120_000,
    });
  }
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const dir = await buildSite();
  const site = await serveSite(dir, [
    {
      prefix: "/",
      headers: { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" },
    },
  ]);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const base = `${site.origin}/`;

    await open(page, base, CIRRHOSIS);
    await stepDays(page, 2);
    await zoomIn(page, 3);
    await canvasShot(page, "close-up-schematic");
    await stain(page, "he");
    await canvasShot(page, "close-up-he");
    await stain(page, "sirius");
    await canvasShot(page, "close-up-sirius");
    await page.click("button[aria-label='Zoom out']");
    await page.click("button[aria-label='Zoom out']");
    await page.click("button[aria-label='Zoom out']");
    await frames(page);
    await canvasShot(page, "section-sirius");

    // Follow a cell after a hepatectomy, when hepatocytes divide within days.
    await open(page, base, "?preset=partial-hepatectomy&size=64&play=0&seed=2");
    await zoomIn(page, 4);
    if (!(await followCellNearCentre(page))) throw new Error("no cell could be followed");
    await stepDays(page, 2);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, "follow-a-cell.png") });
    console.log("docs/images/follow-a-cell.png");
  } finally {
    await browser.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
