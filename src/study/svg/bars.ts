/** Horizontal bar chart around a reference value (0 for PRCC, 0.5 for AUC), one panel per output or arm. */
import { esc, FONT, fmt, textWidth, wrapText } from "./axis";

export interface BarRow {
  label: string;
  value: number;
  /** Text after the bar, e.g. a p-value. */
  note?: string;
}

export interface BarPanel {
  title: string;
  rows: BarRow[];
}

const ROW = 22;
const PLOT_W = 320;

export function barChartSvg(
  title: string,
  panels: readonly BarPanel[],
  domain: [number, number],
  reference: number,
  note = "",
): string {
  const labelW = Math.max(120, ...panels.flatMap((p) => p.rows.map((r) => textWidth(r.label)))) + 16;
  const width = Math.ceil(labelW + PLOT_W + 150);
  const [lo, hi] = domain;
  const x = (v: number) => labelW + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * PLOT_W;
  const parts: string[] = [`<text x="10" y="22" font-size="15" font-weight="600">${esc(title)}</text>`];
  let y = 34;
  for (const panel of panels) {
    y += 16;
    parts.push(`<text x="10" y="${y}" font-size="13" font-weight="600">${esc(panel.title)}</text>`);
    const top = y + 8;
    const bottom = top + panel.rows.length * ROW;
    panel.rows.forEach((r, i) => {
      const cy = top + i * ROW + ROW / 2;
      parts.push(`<text x="10" y="${cy + 4}" font-size="12">${esc(r.label)}</text>`);
      if (Number.isFinite(r.value)) {
        const a = x(reference);
        const b = x(r.value);
        const fill = r.value >= reference ? "#b2182b" : "#2166ac";
        parts.push(
          `<rect x="${Math.min(a, b)}" y="${cy - 7}" width="${Math.max(1, Math.abs(b - a))}" height="14" fill="${fill}"/>`,
        );
      }
      parts.push(
        `<text x="${labelW + PLOT_W + 10}" y="${cy + 4}" font-size="12">${fmt(r.value)}${r.note ? ` ${esc(r.note)}` : ""}</text>`,
      );
    });
    parts.push(`<line x1="${x(reference)}" y1="${top}" x2="${x(reference)}" y2="${bottom}" stroke="#333"/>`);
    parts.push(`<line x1="${labelW}" y1="${bottom}" x2="${labelW + PLOT_W}" y2="${bottom}" stroke="#333"/>`);
    for (let i = 0; i <= 4; i++) {
      const t = lo + ((hi - lo) * i) / 4;
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
