/**
 * The calibration's two drawings, as SVG text: pairs.svg (each parameter's weighted posterior
 * histogram on its prior's range, and every pair as a scatter of particles sized by weight, with
 * the weighted correlation) and fit.svg (per dataset: the data points with ±1 SD and the posterior's
 * 90 % band and median of the model value at each point). Axes of log-uniform priors are logarithmic.
 */
import { esc, FONT, fmt, niceTicks } from "../svg/axis";
import type { AbcState } from "./abc-smc";
import { fromTransformed, type PriorSpec, transformedSupport } from "./priors";
import type { Cell, PosteriorSummary } from "./summary";

const CELL = 230;
const PAD = 46;
const BINS = 20;

/** Tick positions in transformed space, labelled in natural units. */
function ticks(p: PriorSpec): { t: number; label: string }[] {
  const [lo, hi] = transformedSupport(p);
  if ("loguniform" in p) {
    const out: { t: number; label: string }[] = [];
    for (let e = Math.ceil(lo / Math.LN10 - 1e-9); e <= Math.floor(hi / Math.LN10 + 1e-9); e++)
      out.push({ t: e * Math.LN10, label: fmt(10 ** e) });
    if (out.length >= 2) return out;
    return [lo, hi].map((t) => ({ t, label: fmt(fromTransformed(p, t)) }));
  }
  return niceTicks(lo, hi, 3)
    .filter((t) => t >= lo - 1e-9 && t <= hi + 1e-9)
    .map((t) => ({ t, label: fmt(t) }));
}

export function pairsSvg(state: AbcState, summary: PosteriorSummary): string {
  const priors = state.config.priors;
  const d = priors.length;
  const pop = state.population;
  const w = pop.map((p) => p.weight);
  const size = PAD + d * CELL + 10;
  const parts: string[] = [];
  const sx = (i: number, t: number) => {
    const [lo, hi] = transformedSupport(priors[i]!.prior);
    return ((t - lo) / (hi - lo || 1)) * (CELL - 16) + 8;
  };
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      const x0 = PAD + c * CELL;
      const y0 = 10 + r * CELL;
      parts.push(
        `<g transform="translate(${x0},${y0})"><rect x="2" y="2" width="${CELL - 4}" height="${CELL - 4}" fill="none" stroke="#bbb"/>`,
      );
      if (r === c) {
        const [lo, hi] = transformedSupport(priors[c]!.prior);
        const counts = new Array<number>(BINS).fill(0);
        pop.forEach((p, k) => {
          const b = Math.min(BINS - 1, Math.max(0, Math.floor(((p.t[c]! - lo) / (hi - lo || 1)) * BINS)));
          counts[b]! += w[k]!;
        });
        const max = Math.max(...counts, 1e-12);
        const bw = (CELL - 16) / BINS;
        counts.forEach((v, b) => {
          const h = (v / max) * (CELL - 40);
          if (h > 0)
            parts.push(
              `<rect x="${(8 + b * bw).toFixed(1)}" y="${(CELL - 8 - h).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#4a7ab5"/>`,
            );
        });
        const s = summary.parameters[c]!;
        parts.push(
          `<text x="8" y="16" font-size="11" ${FONT}>median ${esc(fmt(s.median))}, 90 %: ${esc(fmt(s.lower))}–${esc(fmt(s.upper))}</text>`,
        );
      } else if (r > c) {
        pop.forEach((p, k) => {
          const rad = Math.max(1.5, Math.sqrt(w[k]! * pop.length) * 2.5);
          parts.push(
            `<circle cx="${sx(c, p.t[c]!).toFixed(1)}" cy="${(CELL - sx(r, p.t[r]!)).toFixed(1)}" r="${rad.toFixed(1)}" fill="#4a7ab5" fill-opacity="0.5"/>`,
          );
        });
      } else {
        const rho = summary.correlations[r]![c]!;
        parts.push(
          `<text x="${CELL / 2}" y="${CELL / 2}" text-anchor="middle" font-size="16" ${FONT}>r = ${esc(fmt(rho))}</text>`,
        );
      }
      parts.push("</g>");
    }
    // Row labels and x ticks along the bottom row.
    parts.push(
      `<text transform="translate(14,${10 + r * CELL + CELL / 2}) rotate(-90)" text-anchor="middle" font-size="11" ${FONT}>${esc(priors[r]!.name)}</text>`,
    );
  }
  for (let c = 0; c < d; c++) {
    const x0 = PAD + c * CELL;
    const y = 10 + d * CELL;
    for (const tk of ticks(priors[c]!.prior))
      parts.push(
        `<text x="${(x0 + sx(c, tk.t)).toFixed(1)}" y="${y + 12}" text-anchor="middle" font-size="10" ${FONT}>${esc(tk.label)}</text>`,
      );
    parts.push(
      `<text x="${x0 + CELL / 2}" y="${y + 28}" text-anchor="middle" font-size="11" ${FONT}>${esc(priors[c]!.name)}</text>`,
    );
  }
  const height = 10 + d * CELL + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${height}" viewBox="0 0 ${size} ${height}"><rect width="100%" height="100%" fill="white"/>${parts.join("")}</svg>\n`;
}

/** fit.svg from the rows of fit.csv (header first): one panel per dataset, day on x. */
export function fitSvg(rows: readonly (readonly Cell[])[]): string {
  const [header, ...body] = rows;
  const col = (name: string) => header!.indexOf(name);
  const datasets = [...new Set(body.map((r) => String(r[col("dataset")])))];
  const W = 560;
  const H = 240;
  const L = 56;
  const panels: string[] = [];
  datasets.forEach((id, k) => {
    const rs = body.filter((r) => String(r[col("dataset")]) === id);
    const num = (r: readonly Cell[], name: string) => Number(r[col(name)]);
    const days = rs.map((r) => num(r, "day"));
    const ys = rs.flatMap((r) => [
      num(r, "data_mean") - num(r, "data_sd"),
      num(r, "data_mean") + num(r, "data_sd"),
      num(r, "model_lower"),
      num(r, "model_upper"),
    ]);
    const finite = ys.filter(Number.isFinite);
    const yt = niceTicks(Math.min(...finite), Math.max(...finite), 4);
    const xt = niceTicks(Math.min(0, ...days), Math.max(...days), 5);
    const [x0, x1, y0, y1] = [xt[0]!, xt[xt.length - 1]!, yt[0]!, yt[yt.length - 1]!];
    const px = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - 16);
    const py = (y: number) => H - 36 - ((y - y0) / (y1 - y0 || 1)) * (H - 66);
    const g: string[] = [`<g transform="translate(0,${k * H})">`];
    g.push(`<text x="8" y="16" font-size="12" ${FONT}>${esc(id)} — ${esc(String(rs[0]![col("readout")]))}</text>`);
    for (const t of yt)
      g.push(
        `<line x1="${L}" x2="${W - 16}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="#eee"/><text x="${L - 4}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end" font-size="10" ${FONT}>${esc(fmt(t))}</text>`,
      );
    for (const t of xt)
      g.push(
        `<text x="${px(t).toFixed(1)}" y="${H - 22}" text-anchor="middle" font-size="10" ${FONT}>${esc(fmt(t))}</text>`,
      );
    g.push(`<text x="${(L + W - 16) / 2}" y="${H - 6}" text-anchor="middle" font-size="11" ${FONT}>day</text>`);
    for (const r of rs) {
      // Two arms at one day sit side by side, each named under its point.
      const arm = col("arm") >= 0 ? String(r[col("arm")] ?? "") : "";
      const x = px(num(r, "day")) + (arm === "control" ? -12 : arm === "treated" ? 12 : 0);
      if (arm)
        g.push(`<text x="${x.toFixed(1)}" y="${H - 40}" text-anchor="middle" font-size="9" ${FONT}>${esc(arm)}</text>`);
      const [lo, hi, med] = [num(r, "model_lower"), num(r, "model_upper"), num(r, "model_median")];
      if (Number.isFinite(lo) && Number.isFinite(hi))
        g.push(
          `<rect x="${(x - 7).toFixed(1)}" y="${py(hi).toFixed(1)}" width="14" height="${Math.max(1, py(lo) - py(hi)).toFixed(1)}" fill="#4a7ab5" fill-opacity="0.3"/>`,
        );
      if (Number.isFinite(med))
        g.push(
          `<line x1="${(x - 7).toFixed(1)}" x2="${(x + 7).toFixed(1)}" y1="${py(med).toFixed(1)}" y2="${py(med).toFixed(1)}" stroke="#4a7ab5" stroke-width="2"/>`,
        );
      const [m, sd] = [num(r, "data_mean"), num(r, "data_sd")];
      g.push(
        `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${py(m - sd).toFixed(1)}" y2="${py(m + sd).toFixed(1)}" stroke="#222"/><circle cx="${x.toFixed(1)}" cy="${py(m).toFixed(1)}" r="3.5" fill="#222"/>`,
      );
    }
    g.push("</g>");
    panels.push(g.join(""));
  });
  const height = datasets.length * H + 24;
  const legend = `<text x="8" y="${height - 8}" font-size="11" ${FONT}>● data ± SD; band: posterior 90 % of the model value, line: median</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}"><rect width="100%" height="100%" fill="white"/>${panels.join("")}${legend}</svg>\n`;
}
