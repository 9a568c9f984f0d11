/** The page-wide message strip (role="alert"): worker failures, ignored link options. Never blocks the page. */
import { el } from "./dom";
import { TEXT } from "./text";

export type BannerLevel = "error" | "warning";

export class ErrorBanner {
  readonly root: HTMLElement;
  private list: HTMLElement;

  constructor() {
    this.list = el("ul", { class: "banner-list" });
    const dismiss = el("button", { type: "button", class: "banner-dismiss", text: TEXT.dismiss });
    dismiss.addEventListener("click", () => this.clear());
    this.root = el("div", { id: "error-banner", class: "banner", role: "alert", hidden: true }, [this.list, dismiss]);
  }

  show(message: string, level: BannerLevel = "error"): void {
    // The same message twice (a repeated failure) stays one line.
    if ([...this.list.children].some((li) => li.textContent === message)) return;
    this.list.append(el("li", { class: `banner-${level}`, "data-level": level, text: message }));
    this.root.hidden = false;
  }

  clear(): void {
    this.list.replaceChildren();
    this.root.hidden = true;
  }
}
