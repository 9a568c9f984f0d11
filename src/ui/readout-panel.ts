/**
 * The numbers beside the picture (day, CPA, mass, inflammation, MSCs) — one row per pane, and in the
 * split view a row of differences — and the screen-reader summary: all describe the frames on screen.
 * The summary is polite and throttled so it does not chatter.
 */
import type { Readouts } from "../model/metrics/readouts";
import { el } from "./dom";
import { formatFixed, mscReadout } from "./format";
import type { LaneName } from "./split-docs";
import { TEXT } from "./text";

const SUMMARY_EVERY_MS = 10_000;
const ITEMS = ["day", "cpa", "mass", "inflammation", "mscs"] as const;
const DIFFERENCES = ["cpa", "mass", "inflammation"] as const;

const signed = (v: number, decimals: number) =>
  `${v > 0 ? "+" : v < 0 ? "−" : "±"}${formatFixed(Math.abs(v), decimals)}`;

export class ReadoutPanel {
  readonly root: HTMLElement;
  readonly summary: HTMLElement;
  private values: Record<string, HTMLElement>[] = [];
  private differences: Record<string, HTMLElement> = {};
  private lastSummary = 0;
  private last: Readouts[] = [];
  private stateText: string = TEXT.paused;

  constructor(private readonly lanes: readonly LaneName[]) {
    const rows = lanes.map((lane) => {
      const values: Record<string, HTMLElement> = {};
      this.values.push(values);
      const items = ITEMS.map((key) => {
        const v = el("dd", { "data-readout": key, text: "–" });
        values[key] = v;
        return el("div", {}, [el("dt", { text: TEXT.readouts[key] }), v]);
      });
      const title = TEXT.lanes[lane];
      return el("div", { class: "readout-row", "data-pane": lane }, [
        title ? el("h3", { class: "readout-lane", text: title }) : null,
        el("dl", { class: "readouts", "aria-label": title ? TEXT.laneReadouts(title) : undefined }, items),
      ]);
    });
    if (lanes.length > 1) {
      const items = DIFFERENCES.map((key) => {
        const v = el("dd", { "data-readout": key, text: "–" });
        this.differences[key] = v;
        return el("div", {}, [el("dt", { text: TEXT.readouts[key] }), v]);
      });
      rows.push(
        el("div", { class: "readout-row difference", "data-pane": "difference" }, [
          el("h3", { class: "readout-lane", text: TEXT.lanes.difference }),
          el("dl", { class: "readouts", "aria-label": TEXT.laneReadouts(TEXT.lanes.difference ?? "") }, items),
        ]),
      );
    }
    this.root = el("div", { class: "readout-panel", "data-lanes": lanes.length }, rows);
    this.summary = el("div", {
      id: "live-summary",
      class: "visually-hidden",
      "aria-live": "polite",
      "aria-atomic": "true",
    });
  }

  /** One row of read-outs per pane, in pane order. */
  show(metrics: Readouts[]): void {
    this.last = metrics;
    metrics.forEach((m, i) => {
      const v = this.values[i];
      if (!v) return;
      v.day!.textContent = formatFixed(m.day, 1);
      v.cpa!.textContent = `${formatFixed(m.cpa_percent, 1)} %`;
      v.mass!.textContent = `${formatFixed(m.hepatocyte_mass_percent, 1)} %`;
      v.inflammation!.textContent = `${formatFixed(m.inflammation_index, 1)} %`;
      const msc = mscReadout(m.msc_count, m.msc_simulated);
      v.mscs!.replaceChildren(msc.value, el("span", { class: "readout-note", text: msc.note }));
    });
    const [untreated, treated] = metrics;
    if (this.lanes.length > 1 && untreated && treated) {
      this.differences.cpa!.textContent = `${signed(treated.cpa_percent - untreated.cpa_percent, 1)} pp`;
      this.differences.mass!.textContent =
        `${signed(treated.hepatocyte_mass_percent - untreated.hepatocyte_mass_percent, 1)} pp`;
      this.differences.inflammation!.textContent =
        `${signed(treated.inflammation_index - untreated.inflammation_index, 1)} pp`;
    }
    if (performance.now() - this.lastSummary > SUMMARY_EVERY_MS) this.announce();
  }

  /** Play state changed (or the user asked): announce now. */
  setState(text: string): void {
    this.stateText = text;
    this.announce();
  }

  private announce(): void {
    this.lastSummary = performance.now();
    const [first, second] = this.last;
    if (!first) {
      this.summary.textContent = this.stateText;
      return;
    }
    const mscs = (m: Readouts) => {
      const r = mscReadout(m.msc_count, m.msc_simulated);
      return `${r.value}${r.note}`;
    };
    const one = (m: Readouts) =>
      TEXT.summary(formatFixed(m.day, 0), formatFixed(m.cpa_percent, 1), mscs(m), this.stateText);
    this.summary.textContent =
      this.lanes.length > 1 && second
        ? TEXT.summarySplit(
            formatFixed(first.day, 0),
            formatFixed(first.cpa_percent, 1),
            formatFixed(second.cpa_percent, 1),
            mscs(second),
            this.stateText,
          )
        : one(first);
  }
}
