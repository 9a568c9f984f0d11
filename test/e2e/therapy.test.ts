/**
 * Moving a therapy slider changes what the charts show, compared with an untouched run of the same
 * seed — and an untouched re-run gives exactly the same charted numbers (so the change is the slider's).
 * The species, which sets the dose's body mass and the kinetic clock, is chosen in the disease section.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  appState,
  chartSeries,
  type Harness,
  type OpenedPage,
  openApp,
  shot,
  startHarness,
  stepDay,
  stopHarness,
  waitForFrame,
} from "./harness";

const DAYS = 3;
let h: Harness;
let opened: OpenedPage;

beforeAll(async () => {
  h = await startHarness();
  // A treated preset on a small section: the disease stage is generated once, then cached in the worker.
  opened = await openApp(h, "?preset=early-cirrhosis-bm-msc-iv&size=64&play=0&seed=3");
  await waitForFrame(opened.page, 220_000);
});
afterAll(async () => {
  await opened?.page.close();
  await stopHarness(h);
});

async function runDays(): Promise<Record<string, number[]>> {
  for (let d = 0; d < DAYS; d++) await stepDay(opened.page);
  return chartSeries(opened.page);
}

async function restart(): Promise<void> {
  const { page } = opened;
  await page.click("#restart-button");
  await page.waitForFunction(
    () => {
      const w = window as unknown as {
        hepatosim: { state(): { day: number | null; loading: boolean }; series(): { day: number[] } };
      };
      return w.hepatosim.state().day === 0 && !w.hepatosim.state().loading && w.hepatosim.series().day.length === 1;
    },
    undefined,
    { timeout: 220_000 },
  );
}

it("a higher MSC dose changes the charted MSC count against an untouched run with the same seed", async () => {
  const { page } = opened;
  const untouched = await runDays();
  expect(untouched.day).toEqual([0, 1, 2, 3]);

  await restart();
  const again = await runDays();
  expect(again).toEqual(untouched);

  await restart();
  const slider = page.locator("[data-param='therapy.dose']");
  const box = page.locator("[data-param-box='therapy.dose']");
  const before = Number(await box.inputValue());
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("PageUp");
  await expect.poll(async () => Number(await box.inputValue())).toBeGreaterThan(before * 10);
  const dose = Number(await box.inputValue());
  expect(
    ((await appState(page)) as unknown as { scenario: { therapy: { infusions: { dose_cells_per_kg: number }[] } } })
      .scenario.therapy.infusions[0]!.dose_cells_per_kg,
  ).toBe(dose);
  const treated = await runDays();
  await page.screenshot({ path: shot("therapy-higher-dose"), fullPage: true });

  const last = DAYS;
  console.log(
    `dose ${before} → ${dose} cells/kg; MSCs at day ${last}: ${untouched.msc_count![last]} → ${treated.msc_count![last]}; ` +
      `CPA ${untouched.cpa_percent![last]} → ${treated.cpa_percent![last]}; HGF ${untouched.mean_hgf![last]} → ${treated.mean_hgf![last]}`,
  );
  expect(treated.msc_count![last]).toBeGreaterThan(untouched.msc_count![last]!);
  expect(treated).not.toEqual(untouched);
  expect(opened.errors).toEqual([]);
});

it("chooses the species in the disease section, not the therapy section: it sets the top-level species", async () => {
  const { page } = opened;
  expect(await page.locator("[data-section='therapy'] select[data-choice='species']").count()).toBe(0);
  await page.locator("[data-section='disease'] > summary").click();
  await page.selectOption("[data-section='disease'] select[data-choice='species']", "rat");
  const species = async () => ((await appState(page)) as unknown as { scenario: { species: string } }).scenario.species;
  await expect.poll(species).toBe("rat");
  expect(opened.errors).toEqual([]);
});
