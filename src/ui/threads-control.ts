/**
 * Threads per run: how many Web Workers step one lattice (strips over shared memory). The numbers do
 * not depend on it, only the speed. "Auto" uses several threads only where they pay: one pane and a
 * lattice of 512² or more. Without shared memory (a page that is not cross-origin isolated) every
 * run uses one thread and the note says why.
 */
import type { ThreadInfo } from "../sim/api";
import { el, uid } from "./dom";
import { TEXT } from "./text";

export const THREAD_CHOICES = ["auto", "1", "2", "4"] as const;
export type ThreadChoice = (typeof THREAD_CHOICES)[number];

/** Sites from which "auto" splits the lattice (smaller runs lose more at the barriers than they gain). */
const AUTO_MIN_SITES = 512 * 512;

export function autoThreads(sites: number, panes: number, cores: number): number {
  return panes === 1 && sites >= AUTO_MIN_SITES ? Math.max(1, Math.min(4, cores)) : 1;
}

export function threadsFor(choice: ThreadChoice, sites: number, panes: number, cores: number): number {
  return choice === "auto" ? autoThreads(sites, panes, cores) : Number(choice);
}

export class ThreadsControl {
  readonly root: HTMLElement;
  private select: HTMLSelectElement;
  private note: HTMLElement;
  private sites = 0;
  private applied = 0;

  constructor(
    private choice: ThreadChoice,
    private readonly panes: number,
    private readonly cores: number,
    /** Asks every pane's worker for n threads; resolves with what the first one got. */
    private readonly apply: (n: number) => Promise<ThreadInfo | null>,
  ) {
    const id = uid("threads");
    this.select = el(
      "select",
      { id, "data-threads": "", "aria-describedby": `${id}-note` },
      THREAD_CHOICES.map((c) => el("option", { value: c, text: c === "auto" ? TEXT.threads.auto : c })),
    );
    this.select.value = choice;
    this.select.addEventListener("change", () => {
      this.choice = this.select.value as ThreadChoice;
      void this.update();
    });
    this.note = el("p", { id: `${id}-note`, class: "note", "data-threads-status": "" });
    this.root = el("div", { class: "control", title: TEXT.threads.hint }, [
      el("label", { for: id, text: TEXT.threads.label }),
      this.select,
      this.note,
    ]);
  }

  /** After each load: the lattice size decides what "auto" means. */
  lattice(width: number, height: number): Promise<void> {
    this.sites = width * height;
    return this.update();
  }

  private async update(): Promise<void> {
    const n = threadsFor(this.choice, this.sites, this.panes, this.cores);
    if (n === this.applied) return;
    this.applied = n;
    const info = await this.apply(n);
    if (info) this.show(info);
  }

  private show(info: ThreadInfo): void {
    this.note.dataset.active = String(info.active);
    this.note.dataset.limitedBy = info.limitedBy;
    this.note.textContent = info.limitedBy
      ? TEXT.threads.limited(info.active, info.limitedBy)
      : TEXT.threads.active(info.active);
  }
}
