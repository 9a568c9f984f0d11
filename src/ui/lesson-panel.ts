/**
 * The lesson caption above the tissue: one step at a time, with its source, Back/Next, and the
 * legend entries and overlay it points at. While open, the caption follows the run (a step whose day
 * has come is shown when the run reaches it); Back and Next move freely in between. Opened in the
 * middle of a run, it starts at step 1 and says which day the run is at (LessonProgress).
 */
import { FIELDS, type FieldKey } from "../model/fields/registry";
import { el } from "./dom";
import { LESSONS, type Lesson, LessonProgress, lessonFor } from "./lessons";
import type { ViewMode } from "./split-docs";
import { TEXT } from "./text";

export interface LessonActions {
  /** Switch the signal overlay on. */
  overlay(field: FieldKey): void;
  /** Mark legend entries (empty: clear). */
  highlight(keys: readonly string[]): void;
  /** Address of the page with this preset and view, lesson open. */
  linkTo(preset: string, view: ViewMode): string;
}

export class LessonPanel {
  readonly root: HTMLElement;
  private heading: HTMLElement;
  private caption: HTMLElement;
  private source: HTMLElement;
  private step: HTMLElement;
  private back: HTMLButtonElement;
  private next: HTMLButtonElement;
  private extras: HTMLElement;
  private stepView: HTMLElement;
  private pickView: HTMLElement;
  private lesson: Lesson | undefined;
  private progress: LessonProgress | undefined;
  private lastDay = 0;

  constructor(
    private readonly view: ViewMode,
    private readonly actions: LessonActions,
  ) {
    this.heading = el("h2", { class: "lesson-title", id: "lesson-title" });
    const close = el("button", {
      type: "button",
      class: "lesson-close",
      "aria-label": TEXT.lesson.close,
      title: TEXT.lesson.close,
      text: "×",
    });
    close.addEventListener("click", () => this.close());
    // Buttons and text nodes are built once and updated, so focus stays on Next while stepping through.
    this.caption = el("p", { class: "lesson-caption", "data-lesson-caption": "", "aria-live": "polite" });
    this.source = el("span");
    this.back = el("button", { type: "button", "data-lesson": "back", text: TEXT.lesson.previous });
    this.back.addEventListener("click", () => this.go(-1));
    this.next = el("button", { type: "button", "data-lesson": "next", text: TEXT.lesson.next });
    this.next.addEventListener("click", () => this.go(1));
    this.step = el("span", { class: "note", "data-lesson-step": "" });
    this.extras = el("div", { class: "lesson-extras" });
    const nav = el("div", { class: "lesson-nav" }, [this.step, this.back, this.next]);
    this.stepView = el("div", {}, [
      this.caption,
      el("p", { class: "lesson-source", "data-lesson-source": "" }, [
        el("strong", { text: `${TEXT.lesson.source}: ` }),
        this.source,
      ]),
      this.extras,
    ]);
    this.pickView = el("div", {}, [
      el("p", { text: TEXT.lesson.none }),
      el(
        "ul",
        { class: "lesson-list" },
        LESSONS.map((l) =>
          el("li", {}, [
            el("a", { href: this.actions.linkTo(l.preset, l.view), "data-lesson-link": l.preset, text: l.title }),
          ]),
        ),
      ),
    ]);
    this.root = el("section", { class: "lesson", id: "lesson", "aria-labelledby": "lesson-title", hidden: true }, [
      el("div", { class: "lesson-head" }, [this.heading, nav, close]),
      this.stepView,
      this.pickView,
    ]);
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  open(): void {
    this.root.hidden = false;
    this.render();
  }

  close(): void {
    this.root.hidden = true;
    this.actions.highlight([]);
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** The scenario changed: start its lesson (if any) from the first step. */
  setPreset(preset: string | null): void {
    const next = lessonFor(preset);
    if (next === this.lesson) return;
    this.lesson = next;
    this.progress = next ? new LessonProgress(next) : undefined;
    if (this.progress) this.progress.lastDay = this.lastDay;
    if (this.isOpen) this.render();
  }

  /** The run is at `day`: while open, move to a step whose day has just come (a restart: step 1). */
  follow(day: number): void {
    this.lastDay = day;
    const p = this.progress;
    if (!p) return;
    const changed = p.follow(day, this.isOpen);
    if (!this.isOpen) return;
    if (changed) this.render();
    else this.step.textContent = p.stepLine();
  }

  private go(delta: number): void {
    if (!this.progress) return;
    this.progress.go(delta);
    this.render();
  }

  private render(): void {
    const lesson = this.lesson;
    const progress = this.progress;
    this.stepView.hidden = !lesson;
    this.pickView.hidden = !!lesson;
    this.back.hidden = !lesson;
    this.next.hidden = !lesson;
    this.step.hidden = !lesson;
    if (!lesson || !progress) {
      this.heading.textContent = TEXT.lesson.open;
      this.actions.highlight([]);
      return;
    }
    const index = progress.index;
    const step = lesson.steps[index]!;
    this.heading.textContent = TEXT.lesson.heading(lesson.title);
    this.actions.highlight(step.highlight ?? []);
    this.caption.textContent = step.text;
    this.source.textContent = step.source;
    this.back.disabled = index === 0;
    this.next.disabled = index === lesson.steps.length - 1;
    this.step.dataset.lessonStep = String(index + 1);
    this.step.textContent = progress.stepLine();
    const extras: HTMLElement[] = [];
    if (step.overlay) {
      const field = step.overlay;
      const label = FIELDS.find((f) => f.key === field)?.label ?? field;
      const b = el("button", {
        type: "button",
        class: "link-button",
        "data-lesson": "overlay",
        text: TEXT.lesson.showOverlay(label),
      });
      b.addEventListener("click", () => this.actions.overlay(field));
      extras.push(b);
    }
    if (lesson.view !== this.view)
      extras.push(
        el("span", { class: "note" }, [
          `${TEXT.lesson.splitHint} `,
          el("a", { href: this.actions.linkTo(lesson.preset, lesson.view), text: TEXT.lesson.openSplit }),
        ]),
      );
    this.extras.replaceChildren(...extras);
    this.extras.hidden = extras.length === 0;
  }
}
