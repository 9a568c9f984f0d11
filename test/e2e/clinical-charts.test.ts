/**
 * The page charts the clinical proxies (MELD, HVPG, liver stiffness, albumin) with their reference
 * data: the HVPG bands on every scenario, the stable-cirrhosis albumin on the compensated-cirrhosis
 * preset, the healthy stiffness on the healthy preset. Screenshots under test-results/.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { chartSeries, type Harness, openApp, shot, startHarness, stepDay, stopHarness, waitForFrame } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await stopHarness(h);
});

it("charts MELD, HVPG, stiffness and albumin on compensated cirrhosis, with the HVPG bands and Correa 2016's albumin", async () => {
  const { page, errors } = await openApp(h, "?preset=early-cirrhosis-untreated&size=64&play=0&seed=1");
  await waitForFrame(page, 220_000);
  for (let d = 0; d < 2; d++) await stepDay(page);
  for (const id of ["meld", "hvpg", "stiffness", "albumin"])
    await expect.poll(() => page.locator(`[data-chart='${id}'] canvas`).count()).toBeGreaterThan(0);
  expect(await page.locator("[data-chart='hvpg'] .chart-reference").textContent()).toContain("Baveno VII");
  // The reference library loads after the first picture (src/ui/main.ts): wait for it.
  await expect
    .poll(() => page.locator("[data-chart='albumin'] .chart-reference").textContent(), { timeout: 30_000 })
    .toContain("Correa");
  const series = await chartSeries(page);
  for (const key of ["meld_score", "hvpg_mmhg", "liver_stiffness_kpa", "albumin_g_per_l"]) {
    expect(series[key]?.length, key).toBeGreaterThanOrEqual(3);
    for (const v of series[key]!) expect(Number.isFinite(v), key).toBe(true);
  }
  await page.locator("[data-chart='meld']").screenshot({ path: shot("clinical-meld") });
  await page.locator("[data-chart='hvpg']").screenshot({ path: shot("clinical-hvpg") });
  await page.locator("[data-chart='albumin']").screenshot({ path: shot("clinical-albumin") });
  expect(errors).toEqual([]);
  await page.close();
}, 400_000);

it("draws the healthy liver stiffness of Fung 2013 on the healthy preset", async () => {
  const { page, errors } = await openApp(h, "?preset=healthy&size=64&play=0&seed=1");
  await waitForFrame(page, 220_000);
  await stepDay(page);
  await expect.poll(() => page.locator("[data-chart='stiffness'] .chart-reference").textContent()).toContain("Fung");
  await page.locator("[data-chart='stiffness']").screenshot({ path: shot("clinical-stiffness-healthy") });
  expect(errors).toEqual([]);
  await page.close();
}, 400_000);
