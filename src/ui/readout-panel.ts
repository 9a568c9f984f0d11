/**
 * The numbers beside the picture (day, CPA, mass, inflammation, MSCs) and the screen-reader summary:
 * both describe the frame on screen. The summary is polite and throttled so it does not chatter.
 */
import type { Readouts } from "../model/metrics/readouts";
import { el } from "./dom";
import { formatFixed, formatReadable } from "./format";
import { TEXT } from "./text";

const SUMMARY_EVERY_MS = 10_000;

export class ReadoutPanel {
  readonly root: HTMLElement;
  readonly summary: HTMLElement;
  private values: Record<string, HTMLElement> = {};
  private lastSummary = 0;
  private last: Readouts | null = null;
  private stateText: string = TEXT.paused;

  constructor() {
    const item = (key: keyof typeof TEXT.readouts) => {
      const v = el("dd", { "data-readout": key, text: "–" });
      this.values[key] = v;
      return el("div", {}, [el("dt", { text: TEXT.readouts[key] }), v]);
    };
    this.root = el("dl", { class: "readouts" }, [item("day"), item("cpa"), item("mass"), item("inflammation"), item("mscs")]);
    this.summary = el("div", { id: "live-summary", class: "visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
  }

  show(m: Readouts): void {
    this.last = m;
    this.values.day!.textContent = formatFixed(m.day, 1);
    this.values.cpa!.textContent = `${formatFixed(m.cpa_percent, 1)} %`;
    this.values.mass!.textContent = `${formatFixed(m.hepatocyte_mass_percent, 1)} %`;
    this.values.inflammation!.textContent = `${formatFixed(m.inflammation_index, 1)} %`;
    this.values.mscs!.textContent = formatReadable(m.msc_count, 3);
    if (performance.now() - this.lastSummary > SUMMARY_EVERY_MS) this.announce();
  }

  /** Play state changed (or the user asked): announce now. */
  setState(text: string): void {
    this.stateText = text;
    this.announce();
  }

  private announce(): void {
    this.lastSummary = performance.now();
    const m = this.last;
    this.summary.textContent = m
      ? TEXT.summary(formatFixed(m.day, 0), formatFixed(m.cpa_percent, 1), formatReadable(m.msc_count, 2), this.stateText)
      : this.stateText;
  }
}
