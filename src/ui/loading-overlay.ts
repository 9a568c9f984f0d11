/**
 * The "preparing / generating tissue…" state over the picture: the page stays usable while the worker
 * loads a prebuilt stage or builds the disease stage. It says "generating" only once the stage
 * generator reports progress, so a slow load of a prebuilt stage is not described as a simulation.
 */
import type { GenerationProgress } from "../model/disease/stage-generator";
import { el } from "./dom";
import { TEXT } from "./text";

export class LoadingOverlay {
  readonly root: HTMLElement;
  private title: HTMLElement;
  private detail: HTMLElement;
  private bar: HTMLProgressElement;
  private stage: HTMLElement;
  private timer: ReturnType<typeof setInterval> | null = null;
  private start = 0;
  private generating = false;

  constructor() {
    this.detail = el("p", { class: "loading-detail" });
    this.stage = el("p", { class: "loading-detail", id: "loading-stage" });
    this.title = el("p", { class: "loading-title", text: TEXT.preparing });
    this.bar = el("progress", { "aria-label": TEXT.preparing }) as HTMLProgressElement;
    this.root = el("div", { class: "loading-overlay", id: "loading", role: "status", hidden: true }, [
      this.title,
      this.bar,
      this.stage,
      this.detail,
    ]);
  }

  show(active: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.root.hidden = !active;
    this.root.closest("[aria-busy]")?.setAttribute("aria-busy", String(active));
    if (!active) {
      // The load is over: the next one starts as "preparing" until its generator reports.
      this.bar.removeAttribute("value");
      this.stage.textContent = "";
      this.setGenerating(false);
      return;
    }
    this.start = performance.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    const seconds = Math.round((performance.now() - this.start) / 1000);
    this.detail.textContent = (this.generating ? TEXT.generatingDetail : TEXT.preparingDetail)(seconds);
  }

  private setGenerating(on: boolean): void {
    this.generating = on;
    const title = on ? TEXT.generating : TEXT.preparing;
    this.title.textContent = title;
    this.bar.setAttribute("aria-label", title);
  }

  /** The stage generator's progress: a real bar and the weeks of injury so far, then the weeks settled. */
  progress(p: GenerationProgress): void {
    if (!this.generating) {
      this.setGenerating(true);
      if (this.timer) this.tick();
    }
    this.bar.max = 1;
    this.bar.value = Math.min(1, Math.max(0, p.fraction));
    this.stage.textContent = p.settle
      ? TEXT.settlingStage(p.settle.weeks.toFixed(0), p.settle.of.toFixed(0), p.cpaPercent.toFixed(1))
      : TEXT.generatingStage(p.weeks.toFixed(1), p.cpaPercent.toFixed(1), p.targetCpaPercent.toFixed(1));
  }

  get active(): boolean {
    return !this.root.hidden;
  }
}
