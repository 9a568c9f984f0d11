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
  /** Run a published replica in the Experiment panel: its files when done, else null. */
  runTrial(file: string, patients: number): Promise<readonly { name: string; text: string }[] | null>;
}

/** The Clinical-trial lesson's run, kept while the page is open (the lesson can be left and reopened). */
interface TrialRun {
  state: "running" | "done" | "failed";
  patients: number;
  replicaSvg?: string;
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
  private trialRun: TrialRun | undefined;
  private trialPatients: number | undefined;

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
    if (step.runTrial && lesson.trial) extras.push(this.trialControls(lesson.trial.file, lesson.trial.patients));
    if (step.showReplica) extras.push(this.replicaFigure(lesson));
    this.extras.replaceChildren(...extras);
    this.extras.hidden = extras.length === 0;
  }

  /** Patients per arm and the Run button; the run's state beside them. */
  private trialControls(file: string, choices: readonly number[]): HTMLElement {
    const T = TEXT.lesson.trial;
    const run = this.trialRun;
    const select = el(
      "select",
      { "data-lesson-trial-patients": "" },
      choices.map((n) => el("option", { value: String(n), text: String(n) })),
    );
    select.value = String(this.trialPatients ?? choices[0]);
    select.addEventListener("change", () => (this.trialPatients = Number(select.value)));
    const button = el("button", { type: "button", "data-lesson": "run-trial", text: T.run });
    button.disabled = run?.state === "running";
    button.addEventListener("click", () => void this.runTrial(file, Number(select.value)));
    const status = el("span", {
      class: "note",
      role: "status",
      "data-lesson-trial-status": run?.state ?? "",
      text: run ? T.status[run.state](run.patients) : "",
    });
    return el("span", { class: "lesson-trial" }, [el("label", {}, [`${T.patients} `, select]), button, status]);
  }

  private async runTrial(file: string, patients: number): Promise<void> {
    this.trialPatients = patients;
    this.trialRun = { state: "running", patients };
    this.render();
    const files = await this.actions.runTrial(file, patients);
    const replica = files?.find((f) => f.name === "replica.svg");
    this.trialRun = replica ? { state: "done", patients, replicaSvg: replica.text } : { state: "failed", patients };
    // Done: on to the step that reads the plot.
    const progress = this.progress;
    const next = this.lesson?.steps.findIndex((s) => s.showReplica) ?? -1;
    if (replica && progress && next >= 0) progress.index = next;
    this.render();
  }

  /** The finished replica's plot (model beside published), or where to make it. */
  private replicaFigure(lesson: Lesson): HTMLElement {
    const T = TEXT.lesson.trial;
    const svg = this.trialRun?.replicaSvg;
    if (!svg) {
      const back = el("button", { type: "button", class: "link-button", "data-lesson": "to-run", text: T.toRun });
      back.addEventListener("click", () => {
        const i = lesson.steps.findIndex((s) => s.runTrial);
        if (this.progress && i >= 0) this.progress.index = i;
        this.render();
      });
      return el("span", { class: "note" }, [`${T.noResult} `, back]);
    }
    return el("figure", { class: "lesson-figure", "data-lesson-figure": "replica.svg" }, [
      el("img", { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, alt: T.figureAlt }),
      el("figcaption", { text: T.figureCaption(this.trialRun!.patients) }),
    ]);
  }
}
