/** The "generating tissue…" state over the picture: the page stays usable while the worker builds the disease stage. */
import { el } from "./dom";
import { TEXT } from "./text";

export class LoadingOverlay {
  readonly root: HTMLElement;
  private detail: HTMLElement;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    this.detail = el("p", { class: "loading-detail" });
    this.root = el("div", { class: "loading-overlay", id: "loading", role: "status", hidden: true }, [
      el("p", { class: "loading-title", text: TEXT.generating }),
      el("progress", { "aria-label": TEXT.generating }),
      this.detail,
    ]);
  }

  show(active: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.root.hidden = !active;
    this.root.closest("[aria-busy]")?.setAttribute("aria-busy", String(active));
    if (!active) return;
    const start = performance.now();
    const tick = () => (this.detail.textContent = TEXT.generatingDetail(Math.round((performance.now() - start) / 1000)));
    tick();
    this.timer = setInterval(tick, 1000);
  }

  get active(): boolean {
    return !this.root.hidden;
  }
}
