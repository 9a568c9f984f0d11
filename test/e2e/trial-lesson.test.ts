/**
 * The Clinical-trial lesson in a real Chromium: opened on its preset, it steps through arms and
 * paired twins to the run step, runs the Pan 2014 replica in the Experiment panel with the
 * smallest patient choice, and then shows the replica's plot (model beside published) in the
 * lesson, with the run's own numbers behind it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, openApp, shot, startHarness, stopHarness, waitForFrame } from "./harness";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = (await openApp(h, "?preset=advanced-cirrhosis-untreated&size=32&play=0&lesson=1")).page;
  await waitForFrame(page);
});
afterAll(async () => {
  await page?.close();
  await stopHarness(h);
});

describe("the Clinical-trial lesson", () => {
  it("runs a small replica from the lesson and shows the model beside the published result", async () => {
    await expect.poll(() => page.locator("#lesson-title").textContent()).toContain("Clinical trial");
    // Before the run, the plot's step says where the plot comes from.
    const caption = page.locator("[data-lesson-caption]");
    expect(await caption.textContent()).toContain("arms");
    await page.click("[data-lesson='next']");
    expect(await caption.textContent()).toContain("paired twins");
    await page.click("[data-lesson='next']");
    const patients = page.locator("[data-lesson-trial-patients]");
    expect(await patients.inputValue()).toBe("20");
    await patients.selectOption("2");
    await page.click("[data-lesson='run-trial']");

    // The Experiment panel runs the replica scaled to 2 patients (× 2 arms = 4 runs).
    const dialog = page.locator("[data-experiment-dialog]");
    await dialog.waitFor({ state: "visible" });
    // The panel opens first and then fetches the trial list, so the choice fills in a moment later.
    await expect
      .poll(() => page.locator("[data-experiment-trial]").inputValue())
      .toBe("pan-2014-bm-msc-meta-meld.json");
    await expect.poll(() => page.locator("[data-experiment-check]").textContent()).toContain("4 runs");
    const status = page.locator("[data-experiment-status]");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 60_000 }).toBe("done");
    expect(await page.locator("[data-experiment-figure='replica.svg']").count()).toBe(1);
    await page.click(".experiment-close");

    // The lesson has moved on to reading the plot, which now shows in the lesson itself.
    expect(await page.locator("[data-lesson-trial-status]").count()).toBe(0);
    expect(await caption.textContent()).toContain("95 % confidence interval");
    const figure = page.locator("[data-lesson-figure='replica.svg'] img");
    await figure.waitFor({ state: "visible" });
    const svg = decodeURIComponent(
      (await figure.getAttribute("src"))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ""),
    );
    // The published Pan 2014 result and the model's virtual patients, side by side.
    expect(svg).toContain("Pan");
    expect(svg).toContain("model (2 virtual patients)");
    expect(svg).toContain("published");
    expect(await page.locator("[data-lesson-figure] figcaption").textContent()).toContain("2 virtual patients per arm");
    await page.locator("#lesson").screenshot({ path: shot("trial-lesson-replica") });

    await page.click("[data-lesson='next']");
    expect(await caption.textContent()).toContain("a few thousandths of a point");
    expect(await page.locator("[data-lesson-source]").textContent()).toContain("docs/trials.md");
    await page.screenshot({ path: shot("trial-lesson-finding") });
  }, 90_000);
});
