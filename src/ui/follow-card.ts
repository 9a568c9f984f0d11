/**
 * *Follow a cell*: a click on the tissue (or F on the focused tissue) picks a cell; after every
 * painted frame the card asks the pane's worker for the same cell again (by identity, so a moving
 * MSC is found where it went), keeps it centred and ringed, and tells its story (cell-story.ts).
 * The card is a polite live region, so a screen reader hears the same story.
 */
import type { CellRecord } from "../model/metrics/cell-record";
import type { TissueView } from "../render/tissue-view";
import { describe, events, ruleNow, type StoryContext } from "./cell-story";
import { el } from "./dom";
import type { SimClient } from "./sim-client";
import { FOLLOW_TEXT as T } from "./text";

const KEPT_EVENTS = 8;

interface Followed {
  pane: number;
  born: number;
  origin: number;
  last: CellRecord | null;
  log: string[];
}

export class FollowCard {
  readonly root: HTMLElement;
  private title = el("h2", { text: T.title });
  private body = el("div", { class: "follow-body" });
  private stopButton = el("button", { type: "button", class: "follow-stop", title: T.stopHint, text: T.stop });
  private followed: Followed | null = null;
  private busy = false;

  constructor(
    private clients: readonly SimClient[],
    private views: () => readonly (TissueView | null)[],
    private context: (pane: number) => StoryContext,
  ) {
    this.root = el("section", { class: "follow-card", "aria-live": "polite", "data-following": "false" }, [
      this.title,
      this.body,
      this.stopButton,
    ]);
    this.stopButton.addEventListener("click", () => this.stop());
    this.showHint();
  }

  /** Starts following the cell at `site` of pane `pane`; an empty site stops following. */
  async start(pane: number, site: number): Promise<void> {
    const r = await this.clients[pane]?.inspect({ site }).catch(() => null);
    if (!r) {
      this.stop();
      return;
    }
    this.followed = { pane, born: r.born, origin: r.origin, last: null, log: [] };
    this.show(r);
  }

  stop(): void {
    this.followed = null;
    for (const v of this.views()) v?.setMarker(null);
    this.showHint();
  }

  get following(): boolean {
    return this.followed !== null;
  }

  /** After a frame was painted: look at the followed cell again. */
  async update(): Promise<void> {
    const f = this.followed;
    if (!f || this.busy) return;
    this.busy = true;
    try {
      const r = await this.clients[f.pane]
        ?.inspect({ born: f.born, origin: f.origin, since: f.last?.step })
        .catch(() => null);
      if (this.followed !== f) return;
      if (!r) {
        this.lost();
        return;
      }
      this.show(r);
    } finally {
      this.busy = false;
    }
  }

  private show(r: CellRecord): void {
    const f = this.followed!;
    const happened = events(f.last, r);
    if (happened.length) f.log.unshift(`Day ${r.day.toFixed(1)}: ${happened.join(", ")}`);
    f.log.length = Math.min(f.log.length, KEPT_EVENTS);
    f.last = r;
    const story = describe(r, this.context(f.pane));
    this.root.dataset.following = "true";
    this.title.textContent = story.title;
    this.body.replaceChildren(
      ...story.lines.map((line) => el("p", { text: line })),
      el("h3", { text: T.whatItDid }),
      f.log.length
        ? el(
            "ul",
            {},
            f.log.map((e) => el("li", { text: e })),
          )
        : el("p", { text: T.nothingYet }),
      el("p", { class: "follow-rule" }, [el("strong", { text: `${T.why}: ` }), ruleNow(r)]),
    );
    this.stopButton.hidden = false;
    const view = this.views()[f.pane];
    view?.centreOn(r.x, r.y);
    view?.setMarker({ x: r.x, y: r.y });
  }

  private lost(): void {
    this.followed = null;
    for (const v of this.views()) v?.setMarker(null);
    this.root.dataset.following = "false";
    this.body.replaceChildren(el("p", { text: T.lost }), el("p", { class: "note", text: T.hint }));
    this.stopButton.hidden = true;
  }

  private showHint(): void {
    this.root.dataset.following = "false";
    this.title.textContent = T.title;
    this.body.replaceChildren(el("p", { class: "note", text: T.hint }));
    this.stopButton.hidden = true;
  }
}
