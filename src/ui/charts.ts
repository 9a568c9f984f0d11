/**
 * Live charts of the daily read-outs (uPlot). Rows arrive from the worker's `step()` as `newRows`;
 * the series kept here are exactly what is drawn, and `series()` hands them to tests and exports.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { FIELDS } from "../model/fields/registry";
import { READOUTS, type ReadoutKey, type Readouts } from "../model/metrics/readouts";
import { el } from "./dom";
import { formatReadable } from "./format";
import { TEXT } from "./text";

interface ChartSpec {
  id: keyof typeof TEXT.charts;
  series: { key: ReadoutKey; colour: string; scale?: number }[];
  /** Unit shown on the y axis; defaults to the read-out's own unit. */
  unit?: string;
}

// Okabe–Ito colours (colour-blind safe); yellow left out for contrast on white.
const C = { orange: "#E69F00", sky: "#56B4E9", green: "#009E73", blue: "#0072B2", vermillion: "#D55E00", purple: "#CC79A7", black: "#000000", grey: "#777777" };

const unitOf = (key: ReadoutKey) => READOUTS.find((r) => r.key === key)!.unit;
/** Series names: field means by the field's own label, the rest from the text module. */
const labelOf = (key: ReadoutKey): string =>
  FIELDS.find((f) => `mean_${f.key}` === key)?.label ?? (TEXT.chartSeries as Record<string, string>)[key] ?? key;

export const CHART_SPECS: ChartSpec[] = [
  { id: "cpa", series: [{ key: "cpa_percent", colour: C.vermillion }] },
  { id: "mass", series: [{ key: "hepatocyte_mass_percent", colour: C.green }] },
  { id: "inflammation", series: [{ key: "inflammation_index", colour: C.purple }] },
  { id: "hsc", series: [{ key: "activated_hsc_fraction", colour: C.orange, scale: 100 }], unit: "%" },
  { id: "msc", series: [{ key: "msc_count", colour: C.black }] },
  {
    id: "growth",
    series: [
      { key: "mean_hgf", colour: C.green },
      { key: "mean_egf", colour: C.sky },
      { key: "mean_vegf", colour: C.orange },
    ],
  },
  {
    id: "inflammatory",
    series: [
      { key: "mean_tnf", colour: C.vermillion },
      { key: "mean_il10", colour: C.blue },
      { key: "mean_tgfb", colour: C.purple },
      { key: "mean_damage", colour: C.grey },
    ],
  },
  { id: "oxygen", series: [{ key: "mean_oxygen", colour: C.blue }] },
];

interface LiveChart {
  spec: ChartSpec;
  plot: uPlot;
  heading: HTMLElement;
  data: number[][];
}

const CHART_HEIGHT = 130;

export class ChartPanel {
  private charts: LiveChart[] = [];
  private days: number[] = [];
  private redrawQueued = false;

  constructor(private readonly host: HTMLElement) {
    for (const spec of CHART_SPECS) this.charts.push(this.build(spec));
    new ResizeObserver(() => this.resize()).observe(host);
  }

  private build(spec: ChartSpec): LiveChart {
    const heading = el("h3", { class: "chart-title" });
    const box = el("figure", { class: "chart", "data-chart": spec.id }, [heading]);
    this.host.append(box);
    const unit = spec.unit ?? unitOf(spec.series[0]!.key);
    const data = spec.series.map(() => [] as number[]);
    const plot = new uPlot(
      {
        width: this.chartWidth(),
        height: CHART_HEIGHT,
        legend: { show: spec.series.length > 1, live: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false } },
        axes: [
          { label: TEXT.chartDay, size: 30, labelSize: 14, font: "11px system-ui", labelFont: "11px system-ui" },
          { label: unit, size: 48, labelSize: 14, font: "11px system-ui", labelFont: "11px system-ui" },
        ],
        series: [
          { label: TEXT.chartDay },
          ...spec.series.map((s) => ({ label: labelOf(s.key), stroke: s.colour, width: 2, value: (_: uPlot, v: number | null) => (v === null ? "–" : formatReadable(v, 3)) })),
        ],
      },
      [this.days, ...data],
      box,
    );
    return { spec, plot, heading, data };
  }

  private chartWidth(): number {
    const w = this.host.clientWidth;
    const columns = w > 720 ? 2 : 1;
    return Math.max(220, Math.floor(w / columns) - 16);
  }

  private resize(): void {
    const width = this.chartWidth();
    for (const c of this.charts) c.plot.setSize({ width, height: CHART_HEIGHT });
  }

  /** Starts over from these rows (a new run, or a run restored from a snapshot). */
  reset(rows: Readouts[]): void {
    this.days.length = 0;
    for (const c of this.charts) for (const d of c.data) d.length = 0;
    this.append(rows);
  }

  append(rows: Readouts[]): void {
    if (!rows.length) return;
    for (const r of rows) {
      this.days.push(r.day);
      for (const c of this.charts)
        c.spec.series.forEach((s, i) => {
          c.data[i]!.push(r[s.key] * (s.scale ?? 1));
        });
    }
    this.queueRedraw();
  }

  private queueRedraw(): void {
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    requestAnimationFrame(() => {
      this.redrawQueued = false;
      for (const c of this.charts) {
        c.plot.setData([this.days, ...c.data]);
        const last = c.data.map((d) => d[d.length - 1]);
        const unit = c.spec.unit ?? unitOf(c.spec.series[0]!.key);
        const now = c.spec.series.length === 1 && last[0] !== undefined ? ` — ${formatReadable(last[0], 3)} ${unit}` : "";
        c.heading.textContent = `${TEXT.charts[c.spec.id]}${now}`;
      }
    });
  }

  /** The charted series by read-out key (copies), with the days. */
  series(): Record<string, number[]> {
    const out: Record<string, number[]> = { day: [...this.days] };
    for (const c of this.charts)
      c.spec.series.forEach((s, i) => {
        out[s.key] = [...c.data[i]!];
      });
    return out;
  }
}
