/**
 * Page speed, printed and not asserted (CI machines differ): frames per second and the longest
 * main-thread block while stepping at 256² (at fit, and zoomed into the close-up where cells are
 * drawn as shapes), and steps per second at 512². Targets: bench/anchors.ts.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { appState, type Harness, openApp, startHarness, stopHarness, waitForFrame } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

interface PerfReading {
  fps: number;
  longestTaskMs: number;
  longestFrameGapMs: number;
}

async function measure(size: number, seconds: number, zoomClicks = 0) {
  const { page, errors } = await openApp(h, `?preset=healthy&size=${size}&speed=fast`);
  await waitForFrame(page, 220_000);
  // Each + is × 1.5: from the fit zoom (≈ 2.5 px per site at 256²) three give ≈ 8 px per site.
  for (let i = 0; i < zoomClicks; i++) await page.click(".zoom-controls button >> nth=0");
  await page.waitForTimeout(1000);
  const probe = () => (window as unknown as { hepatosim: { resetPerf(): void } }).hepatosim.resetPerf();
  await page.evaluate(probe);
  const d0 = (await appState(page)).day!;
  await page.waitForTimeout(seconds * 1000);
  const d1 = (await appState(page)).day!;
  const perf = await page.evaluate(() =>
    (window as unknown as { hepatosim: { perf(): PerfReading } }).hepatosim.perf(),
  );
  const { renderer, zoom, closeUp } = (await appState(page)) as unknown as {
    renderer: string;
    zoom: number;
    closeUp: { shown: boolean; tile: number; composeMs: number; window: number[] };
  };
  const threads = await page.locator("[data-threads-status]").getAttribute("data-active");
  await page.close();
  return {
    perf,
    stepsPerSecond: ((d1 - d0) * 24) / seconds,
    daysAdvanced: d1 - d0,
    renderer,
    threads,
    errors,
    zoom,
    closeUp,
  };
}

it("prints frames per second, longest main-thread block and steps per second", async () => {
  const small = await measure(256, 6);
  const large = await measure(512, 6);
  const row = (label: string, r: typeof small) =>
    `${label}: ${r.perf.fps.toFixed(1)} frames/s, longest long task ${r.perf.longestTaskMs.toFixed(0)} ms, ` +
    `longest frame gap ${r.perf.longestFrameGapMs.toFixed(0)} ms, ${r.stepsPerSecond.toFixed(1)} steps/s (renderer ${r.renderer}, ${r.threads} simulation thread(s))`;
  console.log(
    `[perf] ${row("256² healthy, fast", small)}\n[perf] ${row("512² healthy, fast", large)}\n[perf] targets: ≥ 55 frames/s and no block > 50 ms at 256²; ≥ 20 steps/s at 512²`,
  );
  // Only that the measurement is real: the run moved and nothing failed.
  expect(small.daysAdvanced).toBeGreaterThan(0);
  expect(large.daysAdvanced).toBeGreaterThan(0);
  expect([...small.errors, ...large.errors]).toEqual([]);
});

it("prints frames per second at 256² zoomed into the close-up (cells drawn as shapes)", async () => {
  const fit = await measure(256, 6);
  const near = await measure(256, 6, 3);
  const close = await measure(256, 6, 5);
  const row = (label: string, r: typeof fit) =>
    `[perf] 256² healthy, fast, ${label} at ${r.zoom.toFixed(1)} px/site` +
    (r.closeUp.shown
      ? ` (tile ${r.closeUp.tile} px, window ${r.closeUp.window[2]}×${r.closeUp.window[3]} sites, last compose ${r.closeUp.composeMs.toFixed(1)} ms)`
      : "") +
    `: ${r.perf.fps.toFixed(1)} frames/s, longest long task ${r.perf.longestTaskMs.toFixed(0)} ms, ` +
    `longest frame gap ${r.perf.longestFrameGapMs.toFixed(0)} ms, ${r.stepsPerSecond.toFixed(1)} steps/s (renderer ${r.renderer})`;
  console.log(
    `${row("fit (squares)", fit)}\n${row("close-up", near)}\n${row("close-up", close)}\n` +
      "[perf] target: ≥ 55 frames/s at 256² in the close-up as at fit",
  );
  expect(fit.closeUp.shown).toBe(false);
  expect(near.closeUp.shown).toBe(true);
  expect(close.closeUp.shown).toBe(true);
  expect(near.daysAdvanced).toBeGreaterThan(0);
  expect([...fit.errors, ...near.errors, ...close.errors]).toEqual([]);
});
