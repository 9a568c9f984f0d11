/**
 * One tissue picture of the play area: its Pixi view, the RGBA buffer painted for it, and its title
 * in the split view. Until the Pixi view is mounted (or if it cannot be), the same pixels go to a
 * plain 2-D canvas, so the first picture does not wait for the renderer.
 */

import { CloseUpComposer, type CloseUpOverlay } from "../render/close-up-composer";
import type { ComposePane } from "../render/compose-view";
import { lutOf, type Overlay, paintFrame } from "../render/frame-painter";
import type { RendererChoice } from "../render/renderer-choice";
import { type Stain, stainOf } from "../render/stains";
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
  private composer = new CloseUpComposer();
  private stain: Stain = stainOf("schematic");
  private closeOverlay: CloseUpOverlay | null = null;
  /** The plain canvas shown before the Pixi view is mounted; removed when it is. */
  private poster: HTMLCanvasElement | null = null;
  /** The last picture's day label and site size, for a view mounted after it was painted. */
  private shownDay = "";
  private shownSite = 0;

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

  /** True once a picture is on screen, in the Pixi view or on the plain canvas before it. */
  get shown(): boolean {
    return this.view !== null || this.poster !== null;
  }

  async mount(renderer: RendererChoice): Promise<void> {
    const view = await createTissueView(this.host, this.canvasLabel(), renderer);
    view.setCloseUp({
      compose: (x0, y0, w, h, tile) =>
        this.frame
          ? this.composer.compose(this.frame, this.stain, x0, y0, w, h, tile, this.closeOverlay)
          : new Uint8Array(w * h * tile * tile * 4),
    });
    if (this.frame) {
      view.setImage(this.rgba, this.frame.width, this.frame.height);
      view.setDay(this.shownDay);
      view.setSiteSize(this.shownSite);
    }
    this.view = view;
    this.poster?.remove();
    this.poster = null;
  }

  /** The canvas's accessible name: the pane's title and, when not the schematic one, the stain. */
  private canvasLabel(): string {
    const label = this.title ? TEXT.tissueCanvasLane(this.title) : TEXT.tissueCanvas;
    return this.stain.name === "schematic" ? label : `${label} (${this.stain.label})`;
  }

  /** The painted pixels on the plain canvas (before the Pixi view exists), scaled to fit by CSS. */
  private showPoster(width: number, height: number): void {
    if (!this.poster) {
      this.poster = el("canvas", { class: "tissue-poster", role: "img", "aria-label": this.canvasLabel() });
      this.host.append(this.poster);
    }
    const c = this.poster;
    if (c.width !== width || c.height !== height) {
      c.width = width;
      c.height = height;
    }
    const pixels = new Uint8ClampedArray(this.rgba.buffer, this.rgba.byteOffset, width * height * 4);
    c.getContext("2d")?.putImageData(new ImageData(pixels, width, height), 0, 0);
  }

  /** Paints a frame (overlay in a given colour range, in a stain) and shows it; returns the overlay's range. */
  paint(
    f: FrameView,
    overlay: Overlay | null,
    range: [number, number] | undefined,
    dayLabel: string,
    siteMicrometres: number,
    stain: Stain = stainOf("schematic"),
  ): [number, number] | null {
    this.frame = f;
    const restained = stain !== this.stain;
    this.stain = stain;
    if (restained) (this.view?.canvas ?? this.poster)?.setAttribute("aria-label", this.canvasLabel());
    this.shownDay = dayLabel;
    this.shownSite = siteMicrometres;
    const bytes = f.width * f.height * 4;
    if (this.rgba.length !== bytes) this.rgba = new Uint8Array(bytes);
    const drawn = paintFrame(f, overlay, this.rgba, range, stain.palette);
    this.warmAtlas();
    const values = overlay ? f.fields[overlay.field] : undefined;
    this.closeOverlay =
      overlay && drawn && values
        ? { values, lo: drawn[0], hi: drawn[1], lut: lutOf(overlay.colormap), opacity: overlay.opacity }
        : null;
    if (this.view) {
      this.view.setImage(this.rgba, f.width, f.height);
      this.view.setDay(dayLabel);
      this.view.setSiteSize(siteMicrometres);
    } else this.showPoster(f.width, f.height);
    return drawn;
  }

  private warming = false;
  /** Draws the close-up's cell tiles for the current stain a few at a time while the page is idle. */
  private warmAtlas(): void {
    if (this.warming) return;
    this.warming = true;
    const idle =
      typeof requestIdleCallback === "function"
        ? (fn: () => void) => requestIdleCallback(fn, { timeout: 1000 })
        : (fn: () => void) => setTimeout(fn, 50);
    const step = () => {
      // About 2–3 ms of drawing per slot.
      if (this.composer.warm(this.stain, 12)) this.warming = false;
      else idle(step);
    };
    idle(step);
  }

  /** The painted picture, for the PNG and video exports. */
  picture(): ComposePane | null {
    const f = this.frame;
    return f ? { title: this.title, rgba: this.rgba, width: f.width, height: f.height } : null;
  }
}
