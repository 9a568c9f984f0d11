/**
 * Follow a cell in a real Chromium: a click on the tissue picks a cell, the card tells its story
 * (type, age, what it senses, the rule acting on it), the view keeps it centred and ringed while
 * the run goes on, and Escape lets it go. The screenshot is the one in docs/user-guide.md.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type Harness,
  type OpenedPage,
  openApp,
  shot,
  startHarness,
  stepDay,
  stopHarness,
  waitForFrame,
} from "./harness";
import { followCellNearCentre } from "./follow-near-centre";
import { decodePng } from "./png-decode";

let h: Harness;
let opened: OpenedPage;
beforeAll(async () => {
  h = await startHarness();
  // After a hepatectomy many hepatocytes divide within days: something happens to a followed cell.
  opened = await openApp(h, "?preset=partial-hepatectomy&size=64&play=0&seed=2", {
    viewport: { width: 1366, height: 768 },
  });
  await waitForFrame(opened.page);
});
afterAll(async () => {
  await opened?.page.close();
  await stopHarness(h);
});

const card = () => opened.page.locator(".follow-card");

it("a click follows a cell: the card tells its story, the view centres and rings it, Escape lets go", async () => {
  const { page, errors } = opened;
  await expect(card().getAttribute("data-following")).resolves.toBe("false");
  await expect(card().textContent()).resolves.toMatch(/Click a cell/);
  const canvas = page.locator("canvas.tissue-canvas");
  for (let i = 0; i < 4; i++) await page.click("button[aria-label='Zoom in']");
  await followCellNearCentre(page);
  await expect(card().getAttribute("data-following")).resolves.toBe("true");
  const first = (await card().textContent()) ?? "";
  expect(first).toMatch(/Senses HGF [\d.]+, TNF [\d.e-]+, TGF-β [\d.e-]+/);
  expect(first).toMatch(/Rule: (Hepatocytes|Stellate cells|Kupffer cells|MSC therapy)/);
  expect(first).toMatch(/Present since day 0|Born/);

  for (let d = 0; d < 2; d++) await stepDay(page);
  await page.waitForTimeout(500);
  const later = (await card().textContent()) ?? "";
  // The card is updated with each frame: the site line and the senses are read again, and the
  // centred cell carries the yellow ring.
  expect(later).toMatch(/Since the last look/);
  const pixels = decodePng(await canvas.screenshot({ path: shot("follow-cell-canvas") }));
  const cx = Math.round(pixels.width / 2);
  const cy = Math.round(pixels.height / 2);
  let yellow = 0;
  for (let y = cy - 30; y < cy + 30; y++)
    for (let x = cx - 30; x < cx + 30; x++) {
      const i = (y * pixels.width + x) * 4;
      if (pixels.rgba[i]! > 200 && pixels.rgba[i + 1]! > 200 && pixels.rgba[i + 2]! < 80) yellow++;
    }
  expect(yellow).toBeGreaterThan(20);
  await page.screenshot({ path: shot("follow-cell-page") });

  await page.keyboard.press("Escape");
  await expect(card().getAttribute("data-following")).resolves.toBe("false");
  expect(errors).toEqual([]);
});
