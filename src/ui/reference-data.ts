/**
 * Published numbers drawn beside the simulated curves, each with its source (docs/model.md, 'References'),
 * so a class sees where the model agrees and where it does not. Only data lives here; charts.ts
 * draws it. `when` says for which scenarios an entry is meaningful.
 */
import type { ReadoutKey } from "../model/metrics/readouts";
import { STAGE_CPA_BANDS } from "../model/metrics/septa";
import type { Scenario } from "../model/params/scenario-schema";

/** A horizontal band of values (e.g. the CPA range of a fibrosis stage). */
export interface ReferenceBand {
  kind: "band";
  readout: ReadoutKey;
  from: number;
  to: number;
  label: string;
}

/** A published value at a time or over a time window, optionally ± a standard deviation. */
export interface ReferencePoint {
  kind: "point";
  readout: ReadoutKey;
  /** Day, or [first, last] day of a window. */
  day: number | [number, number];
  value: number;
  sd?: number;
  label: string;
}

/** A moment marked on the time axis (e.g. the peak of a wave). */
export interface ReferenceMarker {
  kind: "marker";
  readout: ReadoutKey;
  day: number | [number, number];
  label: string;
}

export type ReferenceItem = ReferenceBand | ReferencePoint | ReferenceMarker;

export interface ReferenceSet {
  id: string;
  /** What the numbers are and where they come from (shown under the chart). */
  source: string;
  when(s: Scenario): boolean;
  items: ReferenceItem[];
}

const stageNames = ["F0", "F1", "F2", "F3", "F4"];
const bandEdges = [0, ...STAGE_CPA_BANDS, 100];

export const REFERENCES: ReferenceSet[] = [
  {
    id: "cpa-stage-bands",
    source:
      "Stage bands of collagen proportionate area used by the model (F0 < 3.5 %, F1 3.5–6, F2 6–10, F3 10–15, F4 ≥ 15 %), after the CPA bands of Huang 2014 (J Hepatol, 533 patients with chronic hepatitis C)",
    when: () => true,
    items: stageNames.map((name, i) => ({
      kind: "band",
      readout: "cpa_percent",
      from: bandEdges[i]!,
      to: bandEdges[i + 1]!,
      label: name,
    })),
  },
  {
    id: "cpa-cirrhosis",
    source:
      "CPA of cirrhotic explants, hepatitis C (n = 154): compensated 15.8 ± 5.5 %, after decompensation 25.1 ± 8.4 % (a study sub-classifying cirrhosis by CPA; docs/model.md, References)",
    when: (s) => s.disease.stage === "F4",
    items: [
      { kind: "point", readout: "cpa_percent", day: 0, value: 15.8, sd: 5.5, label: "compensated" },
      { kind: "point", readout: "cpa_percent", day: 0, value: 25.1, sd: 8.4, label: "decompensated" },
    ],
  },
  {
    id: "hvpg-bands",
    source:
      "Portal pressure bands: HVPG 1–5 mmHg normal, above 5 portal hypertension, ≥ 10 clinically significant (Baveno VII consensus, de Franchis 2022, J Hepatol). The HVPG shown is a proxy from CPA (docs/outputs.md)",
    when: () => true,
    items: [
      { kind: "band", readout: "hvpg_mmhg", from: 0, to: 5, label: "normal" },
      { kind: "band", readout: "hvpg_mmhg", from: 5, to: 10, label: "portal hypertension" },
      { kind: "band", readout: "hvpg_mmhg", from: 10, to: 40, label: "clinically significant" },
    ],
  },
  {
    id: "hepatectomy-mass",
    source:
      "Rat, 2/3 partial hepatectomy: liver mass and DNA largely restored by day 7–10 (Marongiu 2017, World J Gastroenterol; Zieve 1985, J Lab Clin Med)",
    when: (s) => s.disease.hepatectomy_fraction >= 0.5,
    items: [
      { kind: "point", readout: "hepatocyte_mass_percent", day: [7, 10], value: 90, label: "≈ 90 % by day 7–10" },
    ],
  },
  {
    id: "hepatectomy-wave",
    source:
      "Rat, 2/3 partial hepatectomy: DNA synthesis peaks ≈ 24 h after resection and is back to baseline by day 7–8 (Zieve 1985, J Lab Clin Med)",
    when: (s) => s.disease.hepatectomy_fraction >= 0.5,
    items: [
      { kind: "marker", readout: "proliferation_index", day: 1, label: "peak ≈ 24 h" },
      { kind: "marker", readout: "proliferation_index", day: [7, 8], label: "baseline again" },
    ],
  },
];

const firstDay = (i: ReferenceItem) => (i.kind === "band" ? 0 : typeof i.day === "number" ? i.day : i.day[0]);

/** The reference sets that apply to a scenario and a read-out, with the items inside the run's days. */
export function referencesFor(
  s: Scenario,
  readout: ReadoutKey,
  library: readonly ReferenceSet[] = [],
): { set: ReferenceSet; items: ReferenceItem[] }[] {
  return [...REFERENCES, ...library]
    .filter((r) => r.when(s))
    .map((set) => ({ set, items: set.items.filter((i) => i.readout === readout && firstDay(i) <= s.days) }))
    .filter((r) => r.items.length > 0);
}

/** The value range a chart must show so its reference points are on screen (bands never widen it). */
export function referenceValueRange(items: ReferenceItem[]): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const i of items)
    if (i.kind === "point") {
      lo = Math.min(lo, i.value - (i.sd ?? 0));
      hi = Math.max(hi, i.value + (i.sd ?? 0));
    }
  return Number.isFinite(lo) ? [lo, hi] : null;
}

/** The last day a chart must show so its reference points and markers are on screen. */
export function referenceLastDay(items: ReferenceItem[]): number {
  let last = 0;
  for (const i of items) if (i.kind !== "band") last = Math.max(last, typeof i.day === "number" ? i.day : i.day[1]);
  return last;
}
