/** The "generating tissue…" state over the picture: the page stays usable while the worker builds the disease stage. */
import type { GenerationProgress } from "../model/disease/stage-generator";
import { el } from "./dom";
import { TEXT } from "./text";

export class LoadingOverlay {
  readonly root: HTMLElement;
  private detail: HTMLElement;
  private bar: HTMLProgressElement;
  private stage: HTMLElement;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    this.detail = el("p", { class: "loading-detail" });
    this.stage = el("p", { class: "loading-detail", id: "loading-stage" });
    this.bar = el("progress", { "aria-label": TEXT.generating }) as HTMLProgressElement;
    this.root = el("div", { class: "loading-overlay", id: "loading", role: "status", hidden: true }, [
      el("p", { class: "loading-title", text: TEXT.generating }),
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
    this.bar.removeAttribute("value");
    this.stage.textContent = "";
    if (!active) return;
    const start = performance.now();
    const tick = () =>
      (this.detail.textContent = TEXT.generatingDetail(Math.round((performance.now() - start) / 1000)));
    tick();
    this.timer = setInterval(tick, 1000);
  }

  /** The stage generator's progress: a real bar and the weeks of injury so far. */
  progress(p: GenerationProgress): void {
    this.bar.max = 1;
    this.bar.value = Math.min(1, Math.max(0, p.fraction));
    this.stage.textContent = TEXT.generatingStage(
      p.weeks.toFixed(1),
      p.cpaPercent.toFixed(1),
      p.targetCpaPercent.toFixed(1),
    );
  }

  get active(): boolean {
    return !this.root.hidden;
  }
}
