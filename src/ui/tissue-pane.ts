/** One tissue picture of the play area: its Pixi view, the RGBA buffer painted for it, and its title in the split view. */

import type { ComposePane } from "../render/compose-view";
import { type Overlay, paintFrame } from "../render/frame-painter";
import type { RendererChoice } from "../render/renderer-choice";
import { createTissueView, type TissueView } from "../render/tissue-view";
import type { FrameView } from "../sim/api";
import { el } from "./dom";
import type { LaneName } from "./split-docs";
import { TEXT } from "./text";

export class TissuePane {
  readonly root: HTMLElement;
  readonly host: HTMLElement;
  view: TissueView | null = null;
  frame: FrameView | null = null;
  private rgba = new Uint8Array(0);

  constructor(readonly lane: LaneName) {
    const title = TEXT.lanes[lane];
    this.host = el("div", { class: "tissue-host", "data-pane": lane });
    this.root = el("div", { class: "pane", "data-pane": lane }, [
      title ? el("p", { class: "pane-title", "aria-hidden": "true", text: title }) : null,
      this.host,
    ]);
  }

  get title(): string {
    return TEXT.lanes[this.lane] ?? "";
  }

  async mount(renderer: RendererChoice): Promise<void> {
    const label = this.title ? TEXT.tissueCanvasLane(this.title) : TEXT.tissueCanvas;
    this.view = await createTissueView(this.host, label, renderer);
  }

  /** Paints a frame (overlay in a given colour range) and shows it; returns the overlay's range. */
  paint(
    f: FrameView,
    overlay: Overlay | null,
    range: [number, number] | undefined,
    dayLabel: string,
    siteMicrometres: number,
  ): [number, number] | null {
    this.frame = f;
    const bytes = f.width * f.height * 4;
    if (this.rgba.length !== bytes) this.rgba = new Uint8Array(bytes);
    const drawn = paintFrame(f, overlay, this.rgba, range);
    if (this.view) {
      this.view.setImage(this.rgba, f.width, f.height);
      this.view.setDay(dayLabel);
      this.view.setSiteSize(siteMicrometres);
    }
    return drawn;
  }

  /** The painted picture, for the PNG and video exports. */
  picture(): ComposePane | null {
    const f = this.frame;
    return f ? { title: this.title, rgba: this.rgba, width: f.width, height: f.height } : null;
  }
}
