/**
 * The close-up and the stains, in the browser: zoomed in past 6 screen pixels per site the canvas
 * holds cell shapes (many more colour edges per site than the squares at fit), and each stain
 * changes the picture (Sirius red: collagen red, the rest yellow; H&E: pink and purple).
 * Screenshots of the fit view, the close-up and each stain are saved under test-results/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appState,
  canvasPixels,
  type Harness,
  type OpenedPage,
  openApp,
  startHarness,
  stopHarness,
  waitForFrame,
} from "./harness";
import type { Pixels } from "./png-decode";

let h: Harness;
let opened: OpenedPage;
// Cirrhosis, so there is collagen to stain; 160² so the fit view is below the close-up zoom.
const QUERY = "?preset=early-cirrhosis-bm-msc-iv&size=160&play=0&seed=3";

beforeAll(async () => {
  h = await startHarness();
  opened = await openApp(h, QUERY);
  await waitForFrame(opened.page);
}, 240_000);
afterAll(async () => {
  await opened?.page.close();
  await stopHarness(h);
});

interface CloseUpState {
  zoom: number;
  stain: string;
  closeUp: { shown: boolean; window: number[]; tile: number; composeMs: number };
}
const viewState = (page: Page) => appState(page) as unknown as Promise<CloseUpState>;

/** Waits for two animation frames, so a zoom or stain change is on the canvas. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Colour changes between horizontally neighbouring pixels in the central square, per site crossed. */
function edgesPerSite(p: Pixels, zoom: number): number {
  const side = Math.min(240, p.width - 40, p.height - 40);
  const x0 = Math.floor((p.width - side) / 2);
  const y0 = Math.floor((p.height - side) / 2);
  let edges = 0;
  for (let y = y0; y < y0 + side; y++)
    for (let x = x0 + 1; x < x0 + side; x++) {
      const a = (y * p.width + x) * 4;
      const b = a - 4;
      const d =
        Math.abs(p.rgba[a]! - p.rgba[b]!) +
        Math.abs(p.rgba[a + 1]! - p.rgba[b + 1]!) +
        Math.abs(p.rgba[a + 2]! - p.rgba[b + 2]!);
      if (d > 40) edges++;
    }
  // Each pixel row crosses side / zoom sites.
  return edges / (side * (side / zoom));
}

// Collagen-dominated red (pure, or collagen over most of a cell's colour): red well above green and
// blue, and green and blue alike. That leaves out H&E's eosin pink and the schematic's magenta M1
// Kupffer cells (more blue), and its brown damaged hepatocytes and orange activated stellate cells
// under faint collagen (more green than blue).
const isRed = (r: number, g: number, b: number) => r > 110 && r > g + 90 && r > b + 90 && Math.abs(g - b) < 60;
/**
 * Stained collagen in the schematic and in Sirius red alike: red, or dark red where cross-linked (a
 * human stage's scar is aged, so most of it), at a density of at least the stain threshold; not
 * cells, lumen or background.
 */
const isCollagen = (r: number, g: number, b: number) => r > 90 && r >= g + 50 && r >= b + 60 && Math.abs(g - b) < 30;

/** Share of pixels matching `test`, and which ones. */
function classify(p: Pixels, test: (r: number, g: number, b: number) => boolean): { share: number; mask: Uint8Array } {
  const n = p.width * p.height;
  const mask = new Uint8Array(n);
  let hits = 0;
  for (let i = 0; i < n; i++)
    if (test(p.rgba[i * 4]!, p.rgba[i * 4 + 1]!, p.rgba[i * 4 + 2]!)) {
      mask[i] = 1;
      hits++;
    }
  return { share: hits / n, mask };
}

async function setStain(page: Page, stain: string): Promise<void> {
  await page.selectOption('[data-view="stain"]', stain);
  await page.waitForFunction(
    (s) => (window as unknown as { hepatosim: { state(): { stain: string } } }).hepatosim.state().stain === s,
    stain,
  );
  await settle(page);
}

describe("close-up", () => {
  it("draws cells as shapes once a site is at least 6 screen pixels wide", async () => {
    const { page, errors } = opened;
    const fit = await viewState(page);
    expect(fit.zoom).toBeLessThan(6);
    expect(fit.closeUp.shown).toBe(false);
    const atFit = edgesPerSite(await canvasPixels(page, "close-up-fit"), fit.zoom);

    // Two steps of the + button: 2.25 × the fit zoom, past 6 px per site.
    for (let i = 0; i < 2; i++) await page.click(".zoom-controls button >> nth=0");
    await settle(page);
    const near = await viewState(page);
    expect(near.zoom).toBeGreaterThanOrEqual(6);
    expect(near.closeUp.shown).toBe(true);
    const atNear = edgesPerSite(await canvasPixels(page, "close-up-zoom-2"), near.zoom);

    // Closer still: 16-pixel tiles.
    for (let i = 0; i < 2; i++) await page.click(".zoom-controls button >> nth=0");
    await settle(page);
    const close = await viewState(page);
    const atClose = edgesPerSite(await canvasPixels(page, "close-up-schematic"), close.zoom);
    console.log(
      `[close-up] colour edges per site crossed: fit (${fit.zoom.toFixed(1)} px/site) ${atFit.toFixed(2)}, ` +
        `${near.zoom.toFixed(1)} px/site ${atNear.toFixed(2)} (tile ${near.closeUp.tile} px, composed in ${near.closeUp.composeMs.toFixed(1)} ms), ` +
        `${close.zoom.toFixed(1)} px/site ${atClose.toFixed(2)} (tile ${close.closeUp.tile} px, ${close.closeUp.composeMs.toFixed(1)} ms)`,
    );
    // Closest: 32-pixel tiles, as a projector shows them.
    for (let i = 0; i < 2; i++) await page.click(".zoom-controls button >> nth=0");
    await settle(page);
    const closest = await viewState(page);
    expect(closest.closeUp.tile).toBe(32);
    const atClosest = edgesPerSite(await canvasPixels(page, "close-up-cells-large"), closest.zoom);
    console.log(
      `[close-up] ${closest.zoom.toFixed(1)} px/site: ${atClosest.toFixed(2)} edges per site crossed (tile 32 px)`,
    );
    expect(atClosest).toBeGreaterThan(2 * atFit);
    // Back to the 16-pixel tiles for the tests after this one.
    for (let i = 0; i < 2; i++) await page.click(".zoom-controls button >> nth=1");
    // Squares: at most one colour change per site crossed. Shapes: membranes, nuclei, processes.
    expect(atFit).toBeLessThan(1);
    expect(atNear).toBeGreaterThan(2 * atFit);
    expect(atClose).toBeGreaterThan(2 * atFit);
    expect(atClose).toBeGreaterThan(1.5);
    expect(errors).toEqual([]);
  });

  it("paints the same window again after a pan without errors", async () => {
    const { page, errors } = opened;
    const box = (await page.locator("canvas.tissue-canvas").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 300, box.y + box.height / 2 - 200, { steps: 6 });
    await page.mouse.up();
    await settle(page);
    const s = await viewState(page);
    expect(s.closeUp.shown).toBe(true);
    const edges = edgesPerSite(await canvasPixels(page, "close-up-panned"), s.zoom);
    expect(edges).toBeGreaterThan(1.5);
    expect(errors).toEqual([]);
  });
});

describe("stains", () => {
  it("colour the whole section: Sirius red makes collagen red on yellow, H&E pink and purple; the legend follows", async () => {
    const { page, errors } = opened;
    await page.click(".zoom-controls button >> nth=2");
    await settle(page);
    const schematic = await canvasPixels(page, "stain-schematic-fit");
    await setStain(page, "sirius");
    const sirius = await canvasPixels(page, "stain-sirius-fit");
    const siriusLegend = await page.locator(".cell-legend li").allTextContents();
    await setStain(page, "he");
    const he = await canvasPixels(page, "stain-he-fit");
    const heLegend = await page.locator(".cell-legend li").allTextContents();

    // Collagen is red or, cross-linked, dark red in the schematic palette: the same pixels must be collagen in Sirius red.
    const collagenSchematic = classify(schematic, isCollagen);
    const collagenSirius = classify(sirius, isCollagen);
    const redSirius = classify(sirius, isRed);
    const redHe = classify(he, isRed);
    let kept = 0;
    let was = 0;
    for (let i = 0; i < collagenSchematic.mask.length; i++)
      if (collagenSchematic.mask[i]) {
        was++;
        if (collagenSirius.mask[i]) kept++;
      }
    const yellow = classify(sirius, (r, g, b) => r > 200 && g > 170 && b < g - 40).share;
    const pink = classify(he, (r, g, b) => r > 170 && r > g + 40 && b > g).share;
    console.log(
      `[stains] collagen pixels: schematic ${(collagenSchematic.share * 100).toFixed(1)} % (${((kept / Math.max(1, was)) * 100).toFixed(0)} % of them collagen in Sirius red); ` +
        `bright red: Sirius red ${(redSirius.share * 100).toFixed(1)} %, H&E ${(redHe.share * 100).toFixed(1)} %; ` +
        `Sirius yellow ${(yellow * 100).toFixed(0)} %, H&E pink ${(pink * 100).toFixed(0)} %`,
    );
    expect(collagenSchematic.share).toBeGreaterThan(0.01);
    expect(kept / was).toBeGreaterThan(0.9);
    expect(yellow).toBeGreaterThan(0.3);
    expect(redHe.share).toBeLessThan(0.2 * redSirius.share);
    expect(pink).toBeGreaterThan(0.3);
    expect(siriusLegend.join(" ")).toMatch(/Collagen \(red/);
    expect(heLegend.join(" ")).toMatch(/haematoxylin/);
    expect(heLegend).not.toEqual(siriusLegend);
    expect(errors).toEqual([]);
  });

  it("applies at close-up zoom, and the URL option opens a stain", async () => {
    const { page, errors } = opened;
    for (let i = 0; i < 4; i++) await page.click(".zoom-controls button >> nth=0");
    await settle(page);
    for (const stain of ["he", "sirius", "schematic"]) {
      await setStain(page, stain);
      const p = await canvasPixels(page, `close-up-${stain}`);
      const s = await viewState(page);
      expect(s.closeUp.shown).toBe(true);
      expect(edgesPerSite(p, s.zoom)).toBeGreaterThan(1.5);
    }
    const fresh = await openApp(h, `${QUERY}&stain=sirius`);
    await waitForFrame(fresh.page);
    expect((await viewState(fresh.page)).stain).toBe("sirius");
    expect(await fresh.page.locator('[data-view="stain"]').inputValue()).toBe("sirius");
    await fresh.page.close();
    expect([...errors, ...fresh.errors]).toEqual([]);
  });
});

describe("MSCs in the close-up", () => {
  it("are drawn with their secretion halo after the infusion", async () => {
    // 64² fits at ≈ 9 px per site: already the close-up; two + steps make the cells large.
    const { page, errors } = await openApp(h, "?preset=early-cirrhosis-bm-msc-iv&size=64&seed=3&day=2");
    await page.waitForFunction(
      () => (window as unknown as { hepatosim: { state(): { day: number | null } } }).hepatosim.state().day === 2,
      undefined,
      { timeout: 180_000 },
    );
    for (let i = 0; i < 2; i++) await page.click(".zoom-controls button >> nth=0");
    await settle(page);
    const p = await canvasPixels(page, "close-up-msc");
    // The halo's ring is a bright light green (HALO in cell-atlas.ts) that no legend colour comes near.
    const halo = classify(p, (r, g, b) => g > 200 && g > r + 30 && g > b + 90);
    console.log(`[close-up] MSC halo pixels: ${(halo.share * 100).toFixed(2)} % of the view`);
    expect(halo.share).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
