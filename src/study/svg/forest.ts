/** Forest plot: one panel per outcome, a row per comparison with its point estimate and 95 % interval, and the no-effect line. */
import { esc, FONT, fmt, niceTicks, textWidth, wrapText } from "./axis";

export interface ForestRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
}

export interface ForestPanel {
  title: string;
  rows: ForestRow[];
}

const ROW = 26;
const PLOT_W = 360;

export function forestPlotSvg(
  title: string,
  panels: readonly ForestPanel[],
  note = "",
  valueHeader = "difference [95 % CI]",
): string {
  const labelW = Math.max(120, ...panels.flatMap((p) => p.rows.map((r) => textWidth(r.label)))) + 16;
  const valueW = 190;
  const width = Math.ceil(labelW + PLOT_W + valueW + 20);
  const parts: string[] = [];
  // A long title (a replica's) wraps instead of running off the picture; wrapText measures at 11 px.
  const titleLines = wrapText(title, ((width - 20) * 11) / 15);
  titleLines.forEach((line, i) => {
    parts.push(`<text x="10" y="${22 + 19 * i}" font-size="15" font-weight="600">${esc(line)}</text>`);
  });
  let y = 34 + 19 * (titleLines.length - 1);
  for (const panel of panels) {
    const finite = panel.rows.flatMap((r) => [r.lower, r.upper, r.estimate]).filter(Number.isFinite);
    const ticks = niceTicks(Math.min(0, ...finite), Math.max(0, ...finite), 5);
    const lo = ticks[0]!;
    const hi = ticks[ticks.length - 1]!;
    const x = (v: number) => labelW + ((v - lo) / (hi - lo)) * PLOT_W;
    y += 16;
    parts.push(`<text x="10" y="${y}" font-size="13" font-weight="600">${esc(panel.title)}</text>`);
    parts.push(`<text x="${labelW + PLOT_W + 12}" y="${y}" font-size="11" fill="#555">${esc(valueHeader)}</text>`);
    const top = y + 8;
    const bottom = top + panel.rows.length * ROW;
    parts.push(`<line x1="${x(0)}" y1="${top}" x2="${x(0)}" y2="${bottom}" stroke="#888" stroke-dasharray="4 3"/>`);
    panel.rows.forEach((r, i) => {
      const cy = top + i * ROW + ROW / 2;
      parts.push(`<text x="10" y="${cy + 4}" font-size="12">${esc(r.label)}</text>`);
      if (Number.isFinite(r.lower) && Number.isFinite(r.upper))
        parts.push(
          `<line x1="${x(r.lower)}" y1="${cy}" x2="${x(r.upper)}" y2="${cy}" stroke="#1f4e79" stroke-width="2"/>`,
        );
      if (Number.isFinite(r.estimate))
        parts.push(`<rect x="${x(r.estimate) - 5}" y="${cy - 5}" width="10" height="10" fill="#1f4e79"/>`);
      parts.push(
        `<text x="${labelW + PLOT_W + 12}" y="${cy + 4}" font-size="12">${fmt(r.estimate)} [${fmt(r.lower)}, ${fmt(r.upper)}]</text>`,
      );
    });
    parts.push(`<line x1="${labelW}" y1="${bottom}" x2="${labelW + PLOT_W}" y2="${bottom}" stroke="#333"/>`);
    for (const t of ticks) {
      parts.push(`<line x1="${x(t)}" y1="${bottom}" x2="${x(t)}" y2="${bottom + 4}" stroke="#333"/>`);
      parts.push(`<text x="${x(t)}" y="${bottom + 16}" font-size="10" text-anchor="middle">${fmt(t)}</text>`);
    }
    y = bottom + 26;
  }
  for (const line of wrapText(note, width - 20)) {
    y += 14;
    parts.push(`<text x="10" y="${y}" font-size="11" fill="#555">${esc(line)}</text>`);
  }
  const height = y + 12;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>\n<rect width="100%" height="100%" fill="white"/>\n${parts.join("\n")}\n</svg>\n`;
}
