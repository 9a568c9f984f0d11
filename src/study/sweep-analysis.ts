/**
 * After a sweep: points.csv (per design point, mean and SD over seeds of each output). After a
 * sensitivity analysis also prcc.csv and prcc.svg: PRCC of every parameter for every output, over
 * the design points (seed replicates averaged first, as Marino et al. 2008 recommend).
 */
import { mean as mMean, std as mStd } from "mathjs";
import { type Cell, csvText } from "./csv";
import { prcc } from "./stats/prcc";
import { barChartSvg } from "./svg/bars";
import { DEFAULT_OUTPUTS, type SweepFile } from "./sweep-file";
import { type Analysis, type AnalysisFile, type CombinedTables, summaryView } from "./tables";

interface PointMeans {
  point: number;
  values: Cell[];
  n: number;
  means: number[];
  sds: number[];
}

function pointMeans(tables: CombinedTables, names: string[], outputs: string[]): PointMeans[] {
  const v = summaryView(tables);
  const byPoint = new Map<number, string[][]>();
  for (const row of v.rows) {
    const p = v.num(row, "point");
    const list = byPoint.get(p);
    if (list) list.push(row);
    else byPoint.set(p, [row]);
  }
  return [...byPoint.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([point, rows]) => ({
      point,
      values: names.map((n) => v.text(rows[0]!, n)),
      n: rows.length,
      means: outputs.map((o) => mMean(rows.map((r) => v.num(r, o))) as number),
      sds: outputs.map((o) =>
        rows.length > 1 ? (mStd(rows.map((r) => v.num(r, o))) as unknown as number) : Number.NaN,
      ),
    }));
}

function pointsFile(names: string[], outputs: string[], points: PointMeans[]): AnalysisFile {
  const header = ["point", ...names, "n_runs", ...outputs.flatMap((o) => [`mean_${o}`, `sd_${o}`])];
  const rows = points.map((p) => [p.point, ...p.values, p.n, ...p.means.flatMap((m, i) => [m, p.sds[i]!])]);
  return { name: "points.csv", text: csvText(header, rows) };
}

export const sweepAnalysis: Analysis = (tables, spec) => {
  const s = spec as SweepFile;
  const names = Object.keys(s.parameters);
  const outputs = s.outputs ?? DEFAULT_OUTPUTS;
  return [pointsFile(names, outputs, pointMeans(tables, names, outputs))];
};

export const sensitivityAnalysis: Analysis = (tables, spec) => {
  const s = spec as SweepFile;
  const names = Object.keys(s.parameters);
  const outputs = s.outputs ?? DEFAULT_OUTPUTS;
  const points = pointMeans(tables, names, outputs);
  const inputs = names.map((_, j) => points.map((p) => Number(p.values[j])));
  const rows: Cell[][] = [];
  const panels = outputs.map((o, i) => {
    const results = prcc(
      names,
      inputs,
      points.map((p) => p.means[i]!),
    );
    const ranked = [...results].sort((a, b) => (Math.abs(b.prcc) || 0) - (Math.abs(a.prcc) || 0));
    ranked.forEach((r, k) => {
      rows.push([o, r.parameter, r.prcc, r.p, k + 1]);
    });
    return {
      title: o,
      rows: ranked.map((r) => ({
        label: r.parameter,
        value: r.prcc,
        note: r.p < 0.001 ? "p<0.001" : `p=${r.p.toFixed(3)}`,
      })),
    };
  });
  const prccCsv = csvText(["output", "parameter", "prcc", "p_value", "rank"], rows);
  const replicated = points.some((p) => p.n > 1);
  const title = `Sensitivity (PRCC, ${points.length} points${replicated ? ", seeds averaged" : ""})`;
  const svg = barChartSvg(
    s.title ? `${s.title} — ${title}` : title,
    panels,
    [-1, 1],
    0,
    "Partial rank correlation of each parameter with each end-point read-out; |PRCC| near 1 = strong monotone influence.",
  );
  return [pointsFile(names, outputs, points), { name: "prcc.csv", text: prccCsv }, { name: "prcc.svg", text: svg }];
};
