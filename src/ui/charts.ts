/**
 * Live charts of the daily read-outs (uPlot), one line per pane (the split view draws the
 * untreated run dashed beside the treated one, plus a chart of their difference), with published
 * reference data drawn beside the curves (reference-data.ts). Rows arrive from the workers' `step()`
 * as `newRows`; the series kept here are exactly what is drawn, and `series()` hands them to tests
 * and to the CSV export.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { FIELDS } from "../model/fields/registry";
import { READOUTS, type ReadoutKey, type Readouts } from "../model/metrics/readouts";
import type { Scenario } from "../model/params/scenario-schema";
import { el } from "./dom";
import { formatReadable, formatTicks } from "./format";
import { type ReferenceItem, referenceLastDay, referencesFor, referenceValueRange } from "./reference-data";
import { loadedLibrarySets } from "./reference-library";
import type { LaneName } from "./split-docs";
import { TEXT } from "./text";

type ChartId = keyof typeof TEXT.charts | "difference";

interface ChartSpec {
  id: ChartId;
  series: { key: ReadoutKey; colour: string; scale?: number }[];
  /** Unit shown on the y axis; defaults to the read-out's own unit. */
  unit?: string;
  /** Smallest y span shown, so a nearly flat clinical proxy does not blow noise up into a cliff. */
  minSpan?: number;
}

// Okabe–Ito colours (colour-blind safe); yellow left out for contrast on white.
const C = {
  orange: "#E69F00",
  sky: "#56B4E9",
  green: "#009E73",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  black: "#000000",
  grey: "#777777",
};

const unitOf = (key: ReadoutKey) => READOUTS.find((r) => r.key === key)!.unit;
/** Series names: field means by the field's own label, the rest from the text module. */
const labelOf = (key: ReadoutKey): string =>
  FIELDS.find((f) => `mean_${f.key}` === key)?.label ?? (TEXT.chartSeries as Record<string, string>)[key] ?? key;

export const CHART_SPECS: ChartSpec[] = [
  { id: "cpa", series: [{ key: "cpa_percent", colour: C.vermillion }] },
  { id: "mass", series: [{ key: "hepatocyte_mass_percent", colour: C.green }] },
  { id: "proliferation", series: [{ key: "proliferation_index", colour: C.blue }] },
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
  // Clinical proxies (metrics/clinical.ts; docs/outputs.md says how each is mapped from the tissue).
  { id: "meld", series: [{ key: "meld_score", colour: C.vermillion }], minSpan: 2 },
  { id: "hvpg", series: [{ key: "hvpg_mmhg", colour: C.purple }], minSpan: 2 },
  { id: "stiffness", series: [{ key: "liver_stiffness_kpa", colour: C.orange }], minSpan: 2 },
  { id: "albumin", series: [{ key: "albumin_g_per_l", colour: C.green }], minSpan: 4 },
];

/** Treated − untreated, in percentage points (split view only). */
const DIFFERENCE_SPEC: ChartSpec = {
  id: "difference",
  series: [
    { key: "cpa_percent", colour: C.vermillion },
    { key: "hepatocyte_mass_percent", colour: C.green },
    { key: "inflammation_index", colour: C.purple },
  ],
  unit: TEXT.differenceUnit,
};

/** One drawn line: a read-out of one lane (or the difference of the two). */
interface Line {
  key: ReadoutKey;
  lane: LaneName | "difference";
  scale: number;
  column: string;
  values: number[];
}

interface LiveChart {
  spec: ChartSpec;
  /** Made by `show()`: the page draws its first picture before it builds the charts. */
  plot: uPlot | null;
  /** Makes the plot in its place (between the heading and the caption). */
  make: () => uPlot;
  heading: HTMLElement;
  caption: HTMLElement;
  lines: Line[];
  references: ReferenceItem[];
}

const CHART_HEIGHT = 130;

export class ChartPanel {
  private charts: LiveChart[] = [];
  private days: number[] = [];
  private redrawQueued = false;
  private shown = false;
  private readonly split: boolean;

  constructor(
    private readonly host: HTMLElement,
    private readonly lanes: readonly LaneName[],
    private readonly scenario: () => Scenario,
  ) {
    this.split = lanes.length > 1;
    if (this.split) this.charts.push(this.build(DIFFERENCE_SPEC));
    for (const spec of CHART_SPECS) this.charts.push(this.build(spec));
    this.updateReferences();
    new ResizeObserver(() => this.resize()).observe(host);
  }

  /** The CSV/series column of a line: the read-out key, with the pane's name in the split view. */
  private column(key: ReadoutKey, lane: LaneName | "difference"): string {
    return this.split ? `${key}_${lane}` : key;
  }

  private build(spec: ChartSpec): LiveChart {
    const heading = el("h3", { class: "chart-title" });
    const caption = el("figcaption", { class: "chart-reference", hidden: true });
    // The legend names the series; values show only while the pointer is over the chart (legend-idle
    // hides uPlot's "--" placeholders otherwise).
    const plotHost = el("div", { class: "chart-plot" });
    const box = el("figure", { class: "chart legend-idle", "data-chart": spec.id }, [heading, plotHost, caption]);
    this.host.append(box);
    const unit = spec.unit ?? unitOf(spec.series[0]!.key);
    const lanes: (LaneName | "difference")[] = spec.id === "difference" ? ["difference"] : [...this.lanes];
    const lines: Line[] = spec.series.flatMap((s) =>
      lanes.map((lane) => ({
        key: s.key,
        lane,
        scale: s.scale ?? 1,
        column: this.column(s.key, lane),
        values: [] as number[],
      })),
    );
    const colourOf = (key: ReadoutKey) => spec.series.find((s) => s.key === key)!.colour;
    const seriesLabel = (l: Line) =>
      l.lane === "single" || l.lane === "difference"
        ? labelOf(l.key)
        : TEXT.chartSeriesLane(labelOf(l.key), TEXT.lanes[l.lane] ?? l.lane);
    const make = (): uPlot =>
      new uPlot(
        {
          width: this.chartWidth(),
          height: CHART_HEIGHT,
          legend: { show: lines.length > 1, live: true },
          cursor: { drag: { x: false, y: false } },
          scales: {
            x: { time: false, range: (_u, _lo, hi) => [0, Math.max(1, hi ?? 1, referenceLastDay(chart.references))] },
            y: {
              range: (_u, lo, hi) => {
                const ref = referenceValueRange(chart.references);
                let a = Math.min(lo ?? 0, ref?.[0] ?? Number.POSITIVE_INFINITY);
                let b = Math.max(hi ?? 1, ref?.[1] ?? Number.NEGATIVE_INFINITY);
                if (spec.id === "difference") {
                  // Keep zero in view: the sign is the point of this chart.
                  a = Math.min(a, 0);
                  b = Math.max(b, 0);
                }
                const span = Math.max(1e-9, spec.minSpan ?? 0);
                if (b - a < span) {
                  const mid = (a + b) / 2;
                  [a, b] = span > 1e-9 ? [mid - span / 2, mid + span / 2] : [a, a + 1];
                }
                const pad = (b - a) * 0.06;
                return [a - pad, b + pad];
              },
            },
          },
          axes: [
            { label: TEXT.chartDay, size: 30, labelSize: 14, font: "11px system-ui", labelFont: "11px system-ui" },
            {
              label: unit,
              size: 58,
              labelSize: 14,
              font: "11px system-ui",
              labelFont: "11px system-ui",
              // Small means (10⁻⁴ a.u.) must not all read "0".
              values: (_u: uPlot, splits: number[]) => formatTicks(splits),
            },
          ],
          series: [
            { label: TEXT.chartDay },
            ...lines.map((l) => ({
              label: seriesLabel(l),
              stroke: colourOf(l.key),
              width: l.lane === "untreated" ? 1.5 : 2,
              dash: l.lane === "untreated" ? [6, 4] : undefined,
              value: (_: uPlot, v: number | null) => (v === null ? "–" : formatReadable(v, 3)),
            })),
          ],
          hooks: {
            drawClear: [(u) => drawBands(u, chart.references)],
            draw: [(u) => drawMarks(u, chart.references)],
            setLegend: [(u) => box.classList.toggle("legend-idle", u.legend.idx == null)],
          },
        },
        [this.days, ...lines.map((l) => l.values)],
        plotHost,
      );
    const chart: LiveChart = { spec, plot: null, make, heading, caption, lines, references: [] };
    return chart;
  }

  private chartWidth(): number {
    const w = this.host.clientWidth;
    const columns = w > 720 ? 2 : 1;
    return Math.max(220, Math.floor(w / columns) - 16);
  }

  private resize(): void {
    const width = this.chartWidth();
    for (const c of this.charts) c.plot?.setSize({ width, height: CHART_HEIGHT });
  }

  /**
   * Draws the charts, with every row received so far. Called once the tissue is on screen: making
   * a dozen plots (canvases, layout) would otherwise come before the first picture.
   */
  show(): void {
    if (this.shown) return;
    this.shown = true;
    for (const c of this.charts) c.plot = c.make();
    this.queueRedraw();
  }

  /** Draws the reference library once it has loaded (the charts never wait for it). */
  refreshReferences(): void {
    this.updateReferences();
    this.queueRedraw();
  }

  /** Picks the published data that applies to the current scenario, and says where it is from. */
  private updateReferences(): void {
    const s = this.scenario();
    for (const c of this.charts) {
      if (c.spec.id === "difference") continue;
      const found = referencesFor(s, c.spec.series[0]!.key, loadedLibrarySets());
      c.references = found.flatMap((f) => f.items);
      c.caption.hidden = found.length === 0;
      c.caption.textContent = found.length
        ? `${TEXT.referenceCaption}: ${found.map((f) => f.set.source).join(". ")}.`
        : "";
      c.caption.dataset.references = found.map((f) => f.set.id).join(" ");
    }
  }

  /** Starts over from these rows, one list per lane (a new run, or a run restored from a snapshot). */
  reset(rowsByLane: Readouts[][]): void {
    this.days.length = 0;
    for (const c of this.charts) for (const l of c.lines) l.values.length = 0;
    this.updateReferences();
    this.append(rowsByLane);
  }

  /** New daily rows, one list per lane; the lanes step together, so the lists line up. */
  append(rowsByLane: Readouts[][]): void {
    const n = Math.min(...rowsByLane.map((r) => r.length));
    if (!n) return;
    const laneIndex = (lane: LaneName) => this.lanes.indexOf(lane);
    for (let i = 0; i < n; i++) {
      this.days.push(rowsByLane[0]![i]!.day);
      for (const c of this.charts)
        for (const l of c.lines) {
          if (l.lane === "difference") {
            const treated = rowsByLane[laneIndex("treated")]![i]!;
            const untreated = rowsByLane[laneIndex("untreated")]![i]!;
            l.values.push((treated[l.key] - untreated[l.key]) * l.scale);
          } else l.values.push(rowsByLane[laneIndex(l.lane)]![i]![l.key] * l.scale);
        }
    }
    this.queueRedraw();
  }

  private queueRedraw(): void {
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    requestAnimationFrame(() => {
      this.redrawQueued = false;
      for (const c of this.charts) {
        c.plot?.setData([this.days, ...c.lines.map((l) => l.values)]);
        const unit = c.spec.unit ?? unitOf(c.spec.series[0]!.key);
        const last = c.lines.length === 1 ? c.lines[0]!.values.at(-1) : undefined;
        const now = last !== undefined ? ` — ${formatReadable(last, 3)} ${unit}` : "";
        c.heading.textContent = `${c.spec.id === "difference" ? TEXT.differenceChart : TEXT.charts[c.spec.id]}${now}`;
      }
    });
  }

  /** The charted series by column (read-out key, with the pane in the split view), with the days. */
  series(): Record<string, number[]> {
    const out: Record<string, number[]> = { day: [...this.days] };
    for (const c of this.charts) for (const l of c.lines) out[l.column] = [...l.values];
    return out;
  }

  /** Column names in chart order, starting with the day (the CSV header). */
  columns(): string[] {
    return ["day", ...new Set(this.charts.flatMap((c) => c.lines.map((l) => l.column)))];
  }
}

const BAND_FILLS = ["rgba(0, 0, 0, 0.035)", "rgba(0, 0, 0, 0.085)"];

/** Stage bands under the curves, labelled at the right edge. */
function drawBands(u: uPlot, items: ReferenceItem[]): void {
  const bands = items.filter((i) => i.kind === "band");
  if (!bands.length) return;
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const px = window.devicePixelRatio || 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.font = `${10 * px}px system-ui`;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  bands.forEach((b, i) => {
    const y0 = u.valToPos(b.from, "y", true);
    const y1 = u.valToPos(b.to, "y", true);
    ctx.fillStyle = BAND_FILLS[i % 2]!;
    ctx.fillRect(left, Math.min(y0, y1), width, Math.abs(y1 - y0));
    const mid = Math.max(
      top + 6 * px,
      Math.min(top + height - 6 * px, (Math.max(y0, y1) + Math.max(top, Math.min(y0, y1))) / 2),
    );
    if (Math.max(y0, y1) > top && Math.min(y0, y1) < top + height) {
      ctx.fillStyle = "#444444";
      ctx.fillText(b.label, left + width - 4 * px, mid);
    }
  });
  ctx.restore();
}

/** Published points (diamonds with ± SD, or bars over a time window) and time markers, over the curves. */
function drawMarks(u: uPlot, items: ReferenceItem[]): void {
  const marks = items.filter((i) => i.kind !== "band");
  if (!marks.length) return;
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const px = window.devicePixelRatio || 1;
  ctx.save();
  ctx.beginPath();
  // A little room left and right, so a point at day 0 shows whole.
  ctx.rect(left - 8 * px, top, width + 16 * px, height);
  ctx.clip();
  ctx.font = `${10 * px}px system-ui`;
  ctx.textBaseline = "bottom";
  for (const m of marks) {
    const [d0, d1] = typeof m.day === "number" ? [m.day, m.day] : m.day;
    const x0 = u.valToPos(d0, "x", true);
    const x1 = u.valToPos(d1, "x", true);
    ctx.strokeStyle = "#000000";
    ctx.fillStyle = "#000000";
    ctx.lineWidth = 1.5 * px;
    if (m.kind === "marker") {
      ctx.setLineDash([4 * px, 3 * px]);
      if (d1 > d0) {
        ctx.fillStyle = "rgba(0, 0, 0, 0.08)";
        ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
        ctx.fillStyle = "#000000";
      } else {
        ctx.beginPath();
        ctx.moveTo(x0, top);
        ctx.lineTo(x0, top + height);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      ctx.textAlign = "left";
      ctx.fillText(
        m.label,
        Math.min(x0 + 3 * px, left + width - ctx.measureText(m.label).width - 2 * px),
        top + 12 * px,
      );
      continue;
    }
    const y = u.valToPos(m.value, "y", true);
    if (m.sd) {
      const ya = u.valToPos(m.value - m.sd, "y", true);
      const yb = u.valToPos(m.value + m.sd, "y", true);
      const xc = (x0 + x1) / 2;
      ctx.beginPath();
      ctx.moveTo(xc, ya);
      ctx.lineTo(xc, yb);
      ctx.moveTo(xc - 4 * px, ya);
      ctx.lineTo(xc + 4 * px, ya);
      ctx.moveTo(xc - 4 * px, yb);
      ctx.lineTo(xc + 4 * px, yb);
      ctx.stroke();
    }
    if (x1 > x0) {
      ctx.lineWidth = 4 * px;
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      ctx.stroke();
    }
    const xc = (x0 + x1) / 2;
    const r = 5 * px;
    ctx.beginPath();
    ctx.moveTo(xc, y - r);
    ctx.lineTo(xc + r, y);
    ctx.lineTo(xc, y + r);
    ctx.lineTo(xc - r, y);
    ctx.closePath();
    ctx.fillStyle = "#ffffff";
    ctx.fill();
    ctx.lineWidth = 1.5 * px;
    ctx.stroke();
    ctx.fillStyle = "#000000";
    // The label goes under the mark when the mark is near the top of the plot.
    const label = m.label;
    const tw = ctx.measureText(label).width;
    ctx.textAlign = "left";
    const below = y - top < 16 * px;
    ctx.textBaseline = below ? "top" : "bottom";
    ctx.fillText(label, Math.max(left, Math.min(x0, left + width - tw - 2 * px)), below ? y + 7 * px : y - 7 * px);
    ctx.textBaseline = "bottom";
  }
  ctx.restore();
}
