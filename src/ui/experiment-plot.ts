/**
 * The Experiment panel's end-point plot, as SVG built element by element (no markup from the sweep
 * file is ever parsed): one colour per arm, each seed's end point as a small dot, the mean over
 * seeds joined by a line with ± 1 SD whiskers. Axis ticks and number labels come from the SVG charts of
 * src/study, so the page and the command line label numbers the same way.
 */
import { fmt, niceTicks } from "../study/svg/axis";
import type { PlotData } from "./experiment-results";
import { TEXT } from "./text";

const SVG_NS = "http://www.w3.org/2000/svg";
const W = 640;
const H = 340;
const M = { left: 64, right: 16, top: 16, bottom: 52 };
// Okabe–Ito colours (colour-blind safe), as on the page's charts.
const ARM_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#777777"];

type Attrs = Record<string, string | number>;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Decades (or the data's own range) for a log axis. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) ticks.push(10 ** e);
  return ticks;
}

export function plotSvg(data: PlotData, title: string): SVGSVGElement {
  const root = svg("svg", {
    viewBox: `0 0 ${W} ${H}`,
    class: "experiment-plot",
    role: "img",
    "data-experiment-plot": "",
  });
  const pointCount = data.arms.reduce((n, a) => n + a.points.length, 0);
  root.append(
    svg("title", {}, title),
    svg("desc", {}, TEXT.experiment.plotDesc(data.output, data.xName, data.arms.length, pointCount)),
  );
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;

  const allAt = data.arms.flatMap((a) => a.points.map((p) => p.at));
  const allY = data.arms.flatMap((a) =>
    a.points.flatMap((p) => [...p.ys, ...(Number.isFinite(p.sd) ? [p.mean - p.sd, p.mean + p.sd] : [])]),
  );
  if (!allAt.length) {
    root.append(
      svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "plot-empty" }, TEXT.experiment.plotEmpty),
    );
    return root;
  }

  // x: categories evenly spaced, numbers linear or (spanning ≥ 2 decades) logarithmic.
  const cats = data.categories;
  let xTicks: number[];
  let xOf: (v: number) => number;
  if (cats) {
    xTicks = cats.map((_, i) => i);
    xOf = (v) => M.left + ((v + 0.5) / cats.length) * plotW;
  } else if (data.log) {
    const lo = Math.min(...allAt);
    const hi = Math.max(...allAt);
    xTicks = logTicks(lo, hi);
    const a = Math.log10(xTicks[0]!);
    const b = Math.log10(xTicks[xTicks.length - 1]!);
    xOf = (v) => M.left + (b > a ? (Math.log10(v) - a) / (b - a) : 0.5) * plotW;
  } else {
    xTicks = niceTicks(Math.min(...allAt), Math.max(...allAt), 6);
    const a = xTicks[0]!;
    const b = xTicks[xTicks.length - 1]!;
    xOf = (v) => M.left + (b > a ? (v - a) / (b - a) : 0.5) * plotW;
  }
  const yTicks = niceTicks(Math.min(...allY), Math.max(...allY), 5);
  const y0 = yTicks[0]!;
  const y1 = yTicks[yTicks.length - 1]!;
  const yOf = (v: number) => M.top + plotH - (y1 > y0 ? (v - y0) / (y1 - y0) : 0.5) * plotH;

  const axes = svg("g", { class: "plot-axes" });
  for (const t of yTicks) {
    axes.append(svg("line", { x1: M.left, x2: W - M.right, y1: yOf(t), y2: yOf(t), class: "plot-grid" }));
    axes.append(svg("text", { x: M.left - 6, y: yOf(t) + 4, "text-anchor": "end" }, fmt(t)));
  }
  xTicks.forEach((t, i) => {
    axes.append(svg("line", { x1: xOf(t), x2: xOf(t), y1: M.top + plotH, y2: M.top + plotH + 5, class: "plot-tick" }));
    axes.append(svg("text", { x: xOf(t), y: M.top + plotH + 18, "text-anchor": "middle" }, cats ? cats[i]! : fmt(t)));
  });
  axes.append(svg("rect", { x: M.left, y: M.top, width: plotW, height: plotH, class: "plot-frame" }));
  axes.append(
    svg(
      "text",
      { x: M.left + plotW / 2, y: H - 10, "text-anchor": "middle", class: "plot-label" },
      `${data.xName}${data.log ? TEXT.experiment.logScale : ""}`,
    ),
  );
  const yLabel = svg(
    "text",
    {
      x: 0,
      y: 0,
      "text-anchor": "middle",
      class: "plot-label",
      transform: `translate(14 ${M.top + plotH / 2}) rotate(-90)`,
    },
    `${data.output}${data.unit ? ` (${data.unit})` : ""}`,
  );
  axes.append(yLabel);
  root.append(axes);

  // Arms side by side by a few pixels, so their whiskers do not hide each other.
  const dodge = (i: number) => (i - (data.arms.length - 1) / 2) * 6;
  data.arms.forEach((arm, i) => {
    const colour = ARM_COLOURS[i % ARM_COLOURS.length]!;
    const g = svg("g", { class: "plot-arm", "data-arm": arm.label, stroke: colour, fill: colour });
    const px = (at: number) => xOf(at) + dodge(i);
    if (arm.points.length > 1)
      g.append(
        svg("polyline", {
          points: arm.points.map((p) => `${px(p.at)},${yOf(p.mean)}`).join(" "),
          fill: "none",
          "stroke-width": 2,
        }),
      );
    for (const p of arm.points) {
      const x = px(p.at);
      if (Number.isFinite(p.sd)) {
        g.append(svg("line", { x1: x, x2: x, y1: yOf(p.mean - p.sd), y2: yOf(p.mean + p.sd), "stroke-width": 1.5 }));
        for (const yy of [p.mean - p.sd, p.mean + p.sd])
          g.append(svg("line", { x1: x - 4, x2: x + 4, y1: yOf(yy), y2: yOf(yy), "stroke-width": 1.5 }));
      }
      for (const y of p.ys)
        g.append(
          svg("circle", { cx: x + 7, cy: yOf(y), r: 2.5, "fill-opacity": 0.55, stroke: "none", class: "plot-seed" }),
        );
      g.append(
        svg("circle", { cx: x, cy: yOf(p.mean), r: 4.5, stroke: "#fff", "stroke-width": 1, class: "plot-mean" }),
      );
    }
    root.append(g);
  });

  if (data.arms.length > 1 || data.arms[0]?.label) {
    const legend = svg("g", { class: "plot-legend" });
    data.arms.forEach((arm, i) => {
      const y = M.top + 10 + i * 16;
      legend.append(
        svg("rect", { x: M.left + 8, y: y - 8, width: 10, height: 10, fill: ARM_COLOURS[i % ARM_COLOURS.length]! }),
      );
      legend.append(svg("text", { x: M.left + 22, y: y + 1 }, arm.label || TEXT.experiment.allRuns));
    });
    root.append(legend);
  }
  return root;
}
