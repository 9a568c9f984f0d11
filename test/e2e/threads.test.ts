/**
 * Issue 7 in the page: one run's lattice on several Web Workers (nested strip workers over shared
 * memory) gives the same numbers as one worker, also when the thread count changes mid-run; a page
 * without cross-origin isolation stays on one worker and says why.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appState, type Harness, openApp, shot, startHarness, stepDay, stopHarness, waitForFrame } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

const QUERY = "?preset=early-cirrhosis-bm-msc-portal-vein&size=64&seed=3&play=0";

function hash(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { hepatosim: { hash(): Promise<string> } }).hepatosim.hash());
}

async function threadsNote(page: Page, active: number): Promise<string> {
  const note = page.locator(`[data-threads-status][data-active='${active}']`);
  await note.waitFor({ state: "attached", timeout: 60_000 });
  return (await note.textContent()) ?? "";
}

async function stepDays(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await stepDay(page);
}

describe("threads per run", () => {
  it("2 threads give the 1-thread numbers, and switching mid-run changes nothing but the threads", async () => {
    const one = await openApp(h, `${QUERY}&threads=1`);
    await waitForFrame(one.page);
    expect(await threadsNote(one.page, 1)).toContain("1 thread");
    await stepDays(one.page, 3);
    const expected = { hash: await hash(one.page), state: await appState(one.page) };

    const two = await openApp(h, `${QUERY}&threads=2`);
    await waitForFrame(two.page);
    expect(await two.page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(await threadsNote(two.page, 2)).toContain("2 threads");
    await stepDays(two.page, 2);
    await two.page.locator("[data-section='simulation'] > summary").click();
    await two.page.locator("select[data-threads]").selectOption("1");
    await threadsNote(two.page, 1);
    await stepDay(two.page);
    await two.page.locator("[data-section='simulation']").screenshot({ path: shot("threads-control") });
    const got = { hash: await hash(two.page), state: await appState(two.page) };
    console.log(`1 thread: ${expected.hash}; 2 → 1 threads: ${got.hash} at day ${got.state.day}`);
    expect(got.state.day).toBe(expected.state.day);
    expect(got.hash).toBe(expected.hash);
    expect((got.state as unknown as { panes: unknown[] }).panes).toEqual(
      (expected.state as unknown as { panes: unknown[] }).panes,
    );
    expect(one.errors).toEqual([]);
    expect(two.errors).toEqual([]);
    await one.page.close();
    await two.page.close();
  }, 100_000);

  it("without cross-origin isolation stays on one thread and says why", async () => {
    const page = await h.browser.newPage();
    // Serve the page itself without COOP/COEP: no SharedArrayBuffer for it or its workers.
    await page.route(/\/\?preset=/, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["cross-origin-opener-policy"];
      delete headers["cross-origin-embedder-policy"];
      await route.fulfill({ response, headers });
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${h.base}${QUERY}&threads=2`);
    await waitForFrame(page);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
    const text = await threadsNote(page, 1);
    expect(text).toContain("shared memory is not available");
    expect(await page.locator("[data-threads-status]").getAttribute("data-limited-by")).toBe("no-shared-memory");
    const day = await stepDay(page);
    expect(day).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 100_000);
});
