/** How the tissue is shown: stain, signal overlay, colour map, overlay opacity, zoom, projector mode. None of these touch the run. */
import { FIELDS } from "../model/fields/registry";
import { COLORMAPS, type ColormapName } from "../render/colormaps";
import { STAIN_SPECS, STAINS, type StainName } from "../render/stains";
import { el, uid } from "./dom";
import { TEXT } from "./text";

export interface ViewState {
  stain: StainName;
  overlay: number | null;
  colormap: ColormapName;
  opacity: number;
  projector: boolean;
}

export interface ViewActions {
  changed(v: ViewState): void;
  zoom(factor: number): void;
  fit(): void;
}

export class ViewControls {
  readonly overlayRoot: HTMLElement;
  readonly zoomRoot: HTMLElement;
  readonly projectorRoot: HTMLElement;
  private stain: HTMLSelectElement;
  private overlay: HTMLSelectElement;
  private colormap: HTMLSelectElement;
  private opacity: HTMLInputElement;
  private projector: HTMLInputElement;

  constructor(
    private state: ViewState,
    actions: ViewActions,
  ) {
    const stainId = uid("stain");
    this.stain = el(
      "select",
      { id: stainId, "data-view": "stain", title: TEXT.stainHint },
      STAINS.map((k) => el("option", { value: k, text: STAIN_SPECS[k].label })),
    );
    const overlayId = uid("overlay");
    this.overlay = el("select", { id: overlayId, "data-view": "overlay" }, [
      el("option", { value: "", text: TEXT.overlayNone }),
      ...FIELDS.map((f, i) => el("option", { value: String(i), text: f.label, title: f.doc })),
    ]);
    const cmId = uid("colormap");
    this.colormap = el(
      "select",
      { id: cmId, "data-view": "colormap" },
      Object.keys(COLORMAPS).map((k) => el("option", { value: k, text: k })),
    );
    const opId = uid("opacity");
    this.opacity = el("input", { type: "range", id: opId, min: 0, max: 100, step: 5, "data-view": "opacity" });
    const projId = uid("projector");
    this.projector = el("input", { type: "checkbox", id: projId, "data-view": "projector" });

    const emit = () => {
      this.state = {
        stain: this.stain.value as StainName,
        overlay: this.overlay.value === "" ? null : Number(this.overlay.value),
        colormap: this.colormap.value as ColormapName,
        opacity: Number(this.opacity.value) / 100,
        projector: this.projector.checked,
      };
      this.opacity.setAttribute("aria-valuetext", `${this.opacity.value} %`);
      actions.changed(this.state);
    };
    for (const c of [this.stain, this.overlay, this.colormap, this.projector]) c.addEventListener("change", emit);
    this.opacity.addEventListener("input", emit);

    this.overlayRoot = el("div", { class: "overlay-controls" }, [
      el("div", { class: "control" }, [el("label", { for: stainId, text: TEXT.stain }), this.stain]),
      el("div", { class: "control" }, [el("label", { for: overlayId, text: TEXT.overlay }), this.overlay]),
      el("div", { class: "control" }, [el("label", { for: cmId, text: TEXT.colormap }), this.colormap]),
      el("div", { class: "control" }, [el("label", { for: opId, text: TEXT.overlayOpacity }), this.opacity]),
    ]);
    const button = (text: string, label: string, fn: () => void) => {
      const b = el("button", { type: "button", "aria-label": label, title: label, text });
      b.addEventListener("click", fn);
      return b;
    };
    this.zoomRoot = el("div", { class: "zoom-controls", role: "group", "aria-label": TEXT.zoomFit }, [
      button("+", TEXT.zoomIn, () => actions.zoom(1.5)),
      button("−", TEXT.zoomOut, () => actions.zoom(1 / 1.5)),
      button(TEXT.zoomFit, TEXT.zoomFit, () => actions.fit()),
    ]);
    this.projectorRoot = el("div", { class: "control toggle-control" }, [
      this.projector,
      el("label", { for: projId, text: TEXT.projector }),
    ]);
    this.show(state);
  }

  get value(): ViewState {
    return this.state;
  }

  show(v: ViewState): void {
    this.state = v;
    this.stain.value = v.stain;
    this.overlay.value = v.overlay === null ? "" : String(v.overlay);
    this.colormap.value = v.colormap;
    this.opacity.value = String(Math.round(v.opacity * 100));
    this.opacity.setAttribute("aria-valuetext", `${this.opacity.value} %`);
    this.projector.checked = v.projector;
  }
}
