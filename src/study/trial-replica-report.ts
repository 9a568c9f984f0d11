/** replica.csv and replica.svg: each published endpoint beside the same endpoint measured on the virtual patients. */
import { type AnalysisFile } from "./tables";
import { type Cell, csvText } from "./csv";
import { forestPlotSvg } from "./svg/forest";
import type { TrialFile } from "./trial-file";
import { endpointLabel, modelEndpoint, publishedInterval, type ValuesAt, verdict } from "./trial-replica";

const f = (v: number): Cell => (Number.isFinite(v) ? v : "");

export function replicaFiles(t: TrialFile, control: string, at: ValuesAt): AnalysisFile[] {
  const published = t.published!;
  const rows: Cell[][] = [];
  const panels = published.endpoints.map((e) => {
    const m = modelEndpoint(e, control, at, t.enrolment_week ?? 0);
    const p = publishedInterval(e);
    const v = verdict(m, e);
    rows.push([
      e.outcome,
      e.measure,
      e.arm,
      e.week,
      m.n,
      f(m.mean),
      f(m.lower),
      f(m.upper),
      e.n ?? "",
      e.estimate ?? "",
      e.direction ?? "",
      f(p.lower),
      f(p.upper),
      p.from,
      e.read_off_plot ? 1 : 0,
      v,
    ]);
    return {
      title: `${endpointLabel(e, control)}: ${v}`,
      rows: [
        { label: `model (${m.n} virtual patients)`, estimate: m.mean, lower: m.lower, upper: m.upper },
        {
          label: `published${e.n ? ` (n = ${e.n})` : ""}${e.read_off_plot ? ", read off a plot" : ""}${e.direction ? `: ${e.direction}, no figure` : ""}`,
          estimate: e.estimate ?? Number.NaN,
          lower: p.lower,
          upper: p.upper,
        },
      ],
    };
  });
  const consistent = rows.filter((r) => r.at(-1) === "consistent").length;
  const title = t.title ?? "Virtual trial";
  return [
    {
      name: "replica.csv",
      text: csvText(
        [
          "outcome",
          "measure",
          "arm",
          "week",
          "model_n",
          "model_estimate",
          "model_ci_low",
          "model_ci_high",
          "published_n",
          "published_estimate",
          "published_direction",
          "published_ci_low",
          "published_ci_high",
          "published_interval_from",
          "published_read_off_plot",
          "verdict",
        ],
        rows,
      ),
    },
    {
      name: "replica.svg",
      text: forestPlotSvg(
        `${title}: model vs published (${consistent} of ${rows.length} endpoints consistent)`,
        panels,
        `${published.citation}${published.doi ? `, doi:${published.doi}` : ""}. Model: mean with 95 % t-interval over the eligible virtual patients (differences paired on twins). Published: stated 95 % CI, or a t-interval from the stated SD and n; no bar where the paper gives no spread. Consistent = the intervals overlap. The clinical read-outs are model proxies (docs/outputs.md).`,
        "value [95 % CI]",
      ),
    },
  ];
}
