/**
 * The exported picture (PNG) and video frame: every pane's whole section, scaled up by whole
 * pixels, with its title, the day and a µm scale bar, beside the colour legend — drawn on a 2-D
 * canvas so a picture on a slide says what it shows without the page around it.
 */
import type { RGB } from "./palette";
import { chooseScaleBar } from "./scale-bar";

export interface ComposePane {
  title: string;
  /** RGBA of width × height sites, as painted for the screen. */
  rgba: Uint8Array;
  width: number;
  height: number;
}

export interface ComposeOptions {
  dayLabel: string;
  /** Edge of one site in µm (simulation.site_size). */
  siteMicrometres: number;
  /** One line under the pictures: scenario, seed, size. */
  caption: string;
  legendTitle: string;
  legend: { label: string; colour: RGB }[];
  /** A line under the legend (e.g. the MSC display scale). */
  note?: string;
  /** The overlay's colour bar, when one is shown. */
  field?: { label: string; range: string; lut: Uint8Array } | null;
}

const MARGIN = 16;
const GAP = 16;
const TITLE = 26;
const LEGEND_W = 250;
const ROW = 19;
/** Lines the legend note may take. */
const NOTE_LINES = 4;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Whole-pixel scale that makes a pane at least ≈ 480 px wide (one pixel per site from 480 sites up). */
export function paneScale(width: number): number {
  return Math.max(1, Math.ceil(480 / width));
}

/** Size of the composed picture for these panes and legend. */
export function composedSize(panes: ComposePane[], options: ComposeOptions): { width: number; height: number } {
  const scale = paneScale(panes[0]?.width ?? 1);
  const paneW = (panes[0]?.width ?? 0) * scale;
  const paneH = (panes[0]?.height ?? 0) * scale;
  const legendH = 28 + options.legend.length * ROW + (options.note ? NOTE_LINES * ROW : 0) + (options.field ? 64 : 0);
  return {
    width: MARGIN * 2 + panes.length * paneW + (panes.length - 1) * GAP + GAP + LEGEND_W,
    height: MARGIN * 2 + TITLE + Math.max(paneH, legendH) + 26,
  };
}

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function wrap(ctx: Ctx, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > maxWidth && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the panes and legend onto `canvas`, resizing it to fit. */
export function composeView(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  panes: ComposePane[],
  options: ComposeOptions,
): void {
  const size = composedSize(panes, options);
  if (canvas.width !== size.width) canvas.width = size.width;
  if (canvas.height !== size.height) canvas.height = size.height;
  const ctx = canvas.getContext("2d") as Ctx | null;
  if (!ctx) throw new Error("no 2-D canvas context for the export");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, size.width, size.height);
  const scale = paneScale(panes[0]?.width ?? 1);
  let x = MARGIN;
  for (const pane of panes) {
    const w = pane.width * scale;
    const h = pane.height * scale;
    const y = MARGIN + TITLE;
    ctx.fillStyle = "#1d1d1f";
    ctx.font = `600 17px ${FONT}`;
    ctx.textBaseline = "alphabetic";
    ctx.fillText(pane.title, x, MARGIN + 18);
    const sites = new OffscreenCanvas(pane.width, pane.height);
    const sctx = sites.getContext("2d");
    if (!sctx) throw new Error("no 2-D canvas context for the export");
    sctx.putImageData(
      new ImageData(
        new Uint8ClampedArray(pane.rgba.buffer as ArrayBuffer, pane.rgba.byteOffset, pane.width * pane.height * 4),
        pane.width,
        pane.height,
      ),
      0,
      0,
    );
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(sites, x, y, w, h);
    // Day (top left) and scale bar (bottom left) on dark boxes, as on screen.
    ctx.font = `600 16px ${FONT}`;
    const dayW = ctx.measureText(options.dayLabel).width + 14;
    ctx.fillStyle = "rgba(26, 26, 26, 0.8)";
    ctx.fillRect(x + 8, y + 8, dayW, 26);
    ctx.fillStyle = "#ffffff";
    ctx.fillText(options.dayLabel, x + 15, y + 27);
    const bar = chooseScaleBar(scale / options.siteMicrometres, Math.min(140, w / 3));
    ctx.font = `13px ${FONT}`;
    const boxW = Math.max(bar.pixels, ctx.measureText(bar.label).width) + 14;
    ctx.fillStyle = "rgba(26, 26, 26, 0.8)";
    ctx.fillRect(x + 8, y + h - 46, boxW, 38);
    ctx.fillStyle = "#ffffff";
    ctx.fillText(bar.label, x + 15, y + h - 28);
    ctx.fillRect(x + 15, y + h - 20, bar.pixels, 5);
    x += w + GAP;
  }
  // Legend column.
  let ly = MARGIN + TITLE;
  ctx.fillStyle = "#1d1d1f";
  ctx.font = `600 15px ${FONT}`;
  ctx.fillText(options.legendTitle, x, ly + 14);
  ly += 28;
  ctx.font = `13px ${FONT}`;
  for (const item of options.legend) {
    const [r, g, b] = item.colour;
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fillRect(x, ly, 14, 14);
    ctx.strokeStyle = "#555555";
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, ly + 0.5, 13, 13);
    ctx.fillStyle = "#1d1d1f";
    ctx.fillText(item.label, x + 20, ly + 12);
    ly += ROW;
  }
  if (options.note) {
    ctx.fillStyle = "#555a60";
    for (const line of wrap(ctx, options.note, LEGEND_W - 10).slice(0, NOTE_LINES)) {
      ctx.fillText(line, x, ly + 12);
      ly += ROW;
    }
  }
  if (options.field) {
    ly += 8;
    ctx.fillStyle = "#1d1d1f";
    ctx.font = `600 13px ${FONT}`;
    ctx.fillText(options.field.label, x, ly + 12);
    ly += 18;
    const lut = options.field.lut;
    const barW = LEGEND_W - 20;
    for (let i = 0; i < barW; i++) {
      const k = Math.min(255, Math.floor((i / barW) * 256)) * 3;
      ctx.fillStyle = `rgb(${lut[k]}, ${lut[k + 1]}, ${lut[k + 2]})`;
      ctx.fillRect(x + i, ly, 1, 14);
    }
    ly += 30;
    ctx.font = `13px ${FONT}`;
    ctx.fillText(options.field.range, x, ly);
  }
  ctx.fillStyle = "#555a60";
  ctx.font = `13px ${FONT}`;
  ctx.fillText(options.caption, MARGIN, size.height - MARGIN + 2);
}
