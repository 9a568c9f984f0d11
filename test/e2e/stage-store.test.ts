/**
 * Reopening the page at a disease stage restores the generated day 0 from IndexedDB (same browser
 * profile) instead of generating it again, with the same numbers; a fresh profile generates it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness, stepDay, stopHarness, waitForFrame } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

const QUERY = "?preset=fibrosis-f3-bm-msc-iv&size=64&seed=4&play=0";

type Probe = { hepatosim: { hash(): Promise<string>; state(): { fromStore: boolean[] } } };

async function openedOnce(page: Page, generates = false): Promise<{ fromStore: boolean; hash: string; ms: number }> {
  const t0 = Date.now();
  await page.goto(h.base + QUERY);
  // The loading state says "generating" once the stage generator reports, not before.
  if (generates)
    await expect.poll(() => page.locator("#loading .loading-title").textContent()).toBe("Generating tissue…");
  await waitForFrame(page);
  const ms = Date.now() - t0;
  const fromStore = (await page.evaluate(() => (window as unknown as Probe).hepatosim.state().fromStore))[0]!;
  await stepDay(page);
  return { fromStore, hash: await page.evaluate(() => (window as unknown as Probe).hepatosim.hash()), ms };
}

it("restores a generated stage on the next visit, with identical numbers", async () => {
  const context = await h.browser.newContext();
  const errors: string[] = [];
  const first = await context.newPage();
  first.on("pageerror", (e) => errors.push(e.message));
  const a = await openedOnce(first, true);
  await first.close();
  const second = await context.newPage();
  second.on("pageerror", (e) => errors.push(e.message));
  const b = await openedOnce(second);
  console.log(
    `first visit: generated in ${a.ms} ms; second: from the store in ${b.ms} ms; hashes ${a.hash} / ${b.hash}`,
  );
  expect(a.fromStore).toBe(false);
  expect(b.fromStore).toBe(true);
  expect(b.hash).toBe(a.hash);
  await context.close();

  // Another browser profile has no stored stage.
  const other = await h.browser.newContext();
  const c = await openedOnce(await other.newPage());
  expect(c.fromStore).toBe(false);
  expect(c.hash).toBe(a.hash);
  await other.close();
  expect(errors).toEqual([]);
}, 90_000);
