/** Following a cell from a browser test or the doc pictures: a click near the tissue's centre that lands on a cell. */
import type { Page } from "playwright-core";

/** Offsets from the canvas centre (screen pixels) tried in turn: a site may be empty or a vessel. */
const TRIES = [
  [0, 0],
  [9, 0],
  [0, 9],
  [-9, 0],
  [0, -9],
  [18, 18],
  [-18, 18],
] as const;

/** Clicks points around the canvas centre until the follow card follows a cell; whether one did. */
export async function followCellNearCentre(page: Page): Promise<boolean> {
  const canvas = page.locator("canvas.tissue-canvas");
  const card = page.locator(".follow-card");
  const box = (await canvas.boundingBox())!;
  for (const [dx, dy] of TRIES) {
    await canvas.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
    await page.waitForTimeout(300);
    if ((await card.getAttribute("data-following")) === "true") return true;
  }
  return false;
}
