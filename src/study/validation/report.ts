/**
 * What `hepatosim validation` writes after its runs: validation.csv (one row per data point),
 * one SVG per dataset (the model's mean and 95 % band over seeds, day by day, under the data points
 * with their error bars), and report.html (the verdict table, then each dataset's chart and citation);
 * with --numerics also numerics.csv and the report's numerics table (numerics.ts).
 */
import { csvText } from "../csv";
import { esc, FONT, fmt, niceTicks, textWidth } from "../svg/axis";
import type { AnalysisFile, CombinedTables } from "../tables";
import type { Dataset } from "../reference/dataset";
import {
  compareDataset,
  modelInterval,
  modelValues,
  type DatasetVerdict,
  type Series,
  seriesFrom,
  VALIDATION_HEADER,
  validationRows,
} from "./compare";
import {
  NUMERICS_HEADER,
  NUMERICS_MARGIN,
  type NumericsChange,
  numericsChanges,
  numericsLine,
  numericsRows,
} from "./numerics";
import { comparesArms, NUMERICS_VARIANTS, type ValidationSpec } from "./plan";
import { validationTableMd } from "./table-md";

const W = 640;
const H = 340;
const M = { l: 64, r: 16, t: 62, b: 44 };

/** The text cut to fit `width` pixels at `px`, with an ellipsis. */
function fitText(text: string, width: number, px: number): string {
  if (textWidth(text, px) <= width) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, px) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/** Mean and 95 % band of the model over seeds, per day, on the dataset's normalisation (the twin ratio for arm comparisons). */
function band(d: Dataset, series: Series): { day: number; mean: number; lower: number; upper: number }[] {
  const runs = series.get(comparesArms(d) ? "treated" : "model");
  if (!runs) return [];
  const days = [...(runs.values().next().value ?? new Map<number, number>()).keys()].sort((a, b) => a - b);
  return days.map((day) => {
    const ci = modelInterval(d, modelValues(d, series, day));
    const finite = (x: number) => (Number.isFinite(x) ? x : ci.mean);
    return { day, mean: ci.mean, lower: finite(ci.lower), upper: finite(ci.upper) };
  });
}

export function datasetSvg(v: DatasetVerdict, series: Series): string {
  const d = v.dataset;
  const b = band(d, series);
  const pts = v.points;
  const ys = [
    ...b.flatMap((x) => [x.lower, x.upper]),
    ...pts.flatMap((p) => [p.dataMean, p.dataMean - (p.dataSpread ?? 0), p.dataMean + (p.dataSpread ?? 0)]),
  ].filter(Number.isFinite);
  const xs = [...b.map((x) => x.day), ...pts.map((p) => p.day)];
  const yt = niceTicks(Math.min(0, ...ys), Math.max(...ys, 1e-9), 5);
  const xt = niceTicks(0, Math.max(1, ...xs), 6);
  const [y0, y1, x1] = [yt[0]!, yt[yt.length - 1]!, xt[xt.length - 1]!];
  const X = (day: number) => M.l + ((W - M.l - M.r) * day) / x1;
  const Y = (val: number) => H - M.b - ((H - M.t - M.b) * (val - y0)) / (y1 - y0);
  const parts: string[] = [];
  parts.push(`<text x="10" y="18" font-size="13" font-weight="600">${esc(fitText(d.title, W - 20, 13))}</text>`);
  parts.push(
    `<text x="10" y="34" font-size="11" fill="#555">${esc(`${d.citation.authors.split(",")[0]} ${d.citation.year ?? ""} · ${d.role} · ${v.verdict}`)}</text>`,
  );
  for (const t of yt)
    parts.push(
      `<line x1="${M.l}" x2="${W - M.r}" y1="${Y(t)}" y2="${Y(t)}" stroke="#e5e5e5"/><text x="${M.l - 6}" y="${Y(t) + 4}" font-size="11" text-anchor="end">${fmt(t)}</text>`,
    );
  for (const t of xt)
    parts.push(`<text x="${X(t)}" y="${H - M.b + 16}" font-size="11" text-anchor="middle">${fmt(t)}</text>`);
  parts.push(
    `<text x="${(M.l + W - M.r) / 2}" y="${H - 8}" font-size="11" text-anchor="middle">day (${esc(d.protocol.day_zero)})</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(M.t + H - M.b) / 2}) rotate(-90)" font-size="11" text-anchor="middle">${esc(`${d.readout} (${d.normalisation})`)}</text>`,
  );
  if (b.length > 1) {
    const upper = b.map((x) => `${X(x.day).toFixed(1)},${Y(x.upper).toFixed(1)}`);
    const lower = b.map((x) => `${X(x.day).toFixed(1)},${Y(x.lower).toFixed(1)}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(" ")}" fill="#0072b2" fill-opacity="0.2"/>`);
    parts.push(
      `<polyline points="${b.map((x) => `${X(x.day).toFixed(1)},${Y(x.mean).toFixed(1)}`).join(" ")}" fill="none" stroke="#0072b2" stroke-width="2"/>`,
    );
  }
  for (const p of pts) {
    const colour = p.within ? "#000" : "#d55e00";
    if (p.dataSpread !== null)
      parts.push(
        `<line x1="${X(p.day)}" x2="${X(p.day)}" y1="${Y(p.dataMean - p.dataSpread)}" y2="${Y(p.dataMean + p.dataSpread)}" stroke="${colour}"/>`,
      );
    parts.push(
      `<circle cx="${X(p.day)}" cy="${Y(p.dataMean)}" r="4" fill="${colour}"><title>${esc(`day ${p.day}: data ${fmt(p.dataMean)} ± ${fmt(p.dataSpread ?? Number.NaN)} (${p.spreadKind}), model ${fmt(p.modelMean)} [${fmt(p.modelLower)}, ${fmt(p.modelUpper)}]`)}</title></circle>`,
    );
  }
  parts.push(
    `<text x="10" y="50" font-size="10" fill="#555">line, band: model mean, 95 % CI over seeds · dots: data ± spread (orange: outside)</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT}>${parts.join("")}</svg>\n`;
}

const citationText = (d: Dataset) => {
  const c = d.citation;
  return `${c.authors} (${c.year ?? "year not confirmed"}). ${c.title}. ${c.journal ?? "journal not confirmed"}${c.volume ? ` ${c.volume}` : ""}${c.pages ? `:${c.pages}` : ""}.${c.doi ? ` doi:${c.doi}` : ""}`;
};

/** The numerics table of the report: one row per point and variant. */
function numericsTable(changes: readonly NumericsChange[]): string {
  if (changes.length === 0) return "";
  const pc = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : "n/a");
  const label = new Map<string, string>(NUMERICS_VARIANTS.map((v) => [v.key, v.label]));
  const rows = changes
    .map(
      (c) =>
        `<tr><td>${esc(c.dataset)}</td><td>${fmt(c.day)}</td><td>${esc(c.arm)}</td><td>${esc(label.get(c.variant) ?? c.variant)}</td><td class="${c.within ? "ok" : "miss"}">${pc(c.change)}</td><td>${pc(c.lower)} to ${pc(c.upper)}</td><td>${c.equivalent ? "yes" : "no"}</td></tr>`,
    )
    .join("\n");
  return `<h2>Numerics</h2>
<p>Each point's model value with Δt halved, ten times the field sub-steps and a 256² lattice, against the default numerics: the change as % of the default's value (of the read-out itself for differences and changes; of 100 % for shares of runs), with its 90 % interval (paired per seed; Welch's interval for the other lattice). The target is a change under ${100 * NUMERICS_MARGIN} % (issue 17 item 7); "equivalent" when the whole interval is.</p>
<table><thead><tr><th>dataset</th><th>day</th><th>arm</th><th>numerics</th><th>change</th><th>90 % interval</th><th>equivalent</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

export function reportHtml(
  verdicts: readonly DatasetVerdict[],
  charts: Map<string, string>,
  seeds: readonly number[],
  changes: readonly NumericsChange[] = [],
): string {
  const rows = verdicts
    .map(
      (v) =>
        `<tr><td><a href="#${esc(v.dataset.id)}">${esc(v.dataset.id)}</a></td><td>${esc(v.dataset.species)}</td><td>${esc(v.dataset.role)}</td><td>${esc(v.dataset.readout ?? "–")}</td><td class="${v.skipped ? "skip" : v.verdict.startsWith("MISS") ? "miss" : "ok"}">${esc(v.verdict)}</td></tr>`,
    )
    .join("\n");
  const sections = verdicts
    .map((v) => {
      const d = v.dataset;
      const chart = charts.get(d.id) ?? `<p><em>${esc(v.verdict)}</em></p>`;
      return `<section id="${esc(d.id)}"><h2>${esc(d.title)}</h2>${chart}<p>${esc(citationText(d))}</p><p><strong>Protocol:</strong> ${esc(d.protocol.description)} (preset ${esc(d.protocol.preset ?? "none")}; day 0 = ${esc(d.protocol.day_zero)})</p><p><strong>Measured:</strong> ${esc(d.quantity)}, ${esc(d.normalisation)}.</p>${d.notes ? `<p><strong>Notes:</strong> ${esc(d.notes)}</p>` : ""}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hepatosim validation report</title>
<style>body{font:14px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}.miss{color:#b34700;font-weight:600}.skip{color:#666}section{margin-top:2rem}</style>
</head><body>
<h1>Hepatosim validation report</h1>
<p>Each reference dataset's protocol run over ${seeds.length} seed${seeds.length === 1 ? "" : "s"} (${esc(seeds.join(", "))}), or more where a dataset asks for them (a share of patients: validation.csv's seeds column says how many). A point is within when |z| ≤ 2, z = (model mean − data mean) / data SD; without a data SD, when the model's 95 % interval holds the data mean. Calibration datasets set parameters; validation datasets never do (docs/validation.md).</p>
<table><thead><tr><th>dataset</th><th>species</th><th>role</th><th>read-out</th><th>verdict</th></tr></thead><tbody>
${rows}
</tbody></table>
${numericsTable(changes)}
${sections}
</body></html>
`;
}

/** Every file `hepatosim validation` writes after its runs, and one verdict line per dataset for stdout. */
export function validationReport(
  tables: CombinedTables,
  spec: ValidationSpec,
): { files: AnalysisFile[]; lines: string[] } {
  const { datasets, seeds } = spec;
  const charts = new Map<string, string>();
  const files: AnalysisFile[] = [];
  const verdicts = datasets.map((d) => {
    const series = d.readout ? seriesFrom(tables.header, tables.rows, d.id, d.readout) : new Map();
    const v = compareDataset(d, series);
    if (!v.skipped) {
      const svg = datasetSvg(v, series);
      charts.set(d.id, svg);
      files.push({ name: `${d.id}.svg`, text: svg });
    }
    return v;
  });
  const lines = verdicts.map((v) => `${v.dataset.id} (${v.dataset.role}): ${v.verdict}`);
  const changes = spec.numerics ? datasets.flatMap((d) => numericsChanges(d, tables)) : [];
  files.unshift(
    { name: "validation.csv", text: csvText(VALIDATION_HEADER, validationRows(verdicts)) },
    { name: "report.html", text: reportHtml(verdicts, charts, seeds, changes) },
    { name: "table.md", text: validationTableMd(verdicts, seeds.length) },
  );
  if (spec.numerics) {
    files.push({ name: "numerics.csv", text: csvText(NUMERICS_HEADER, numericsRows(changes)) });
    for (const d of datasets) {
      const mine = changes.filter((c) => c.dataset === d.id);
      if (mine.length > 0) lines.push(numericsLine(d.id, mine));
    }
  }
  return { files, lines };
}

/** The analysis the batch runner (and `merge`) applies to a validation batch. */
export const validationAnalysis = (tables: CombinedTables, spec: unknown): AnalysisFile[] =>
  validationReport(tables, spec as ValidationSpec).files;
