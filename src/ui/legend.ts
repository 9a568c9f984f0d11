/**
 * Legends beside the tissue: what every colour means in the chosen stain (stains.ts, the same list
 * the PNG export uses), the MSC display scale, and the overlay's colour bar with its unit and
 * current range.
 */
import { FIELD_UNIT, FIELDS } from "../model/fields/registry";
import type { ColormapName } from "../render/colormaps";
import { lutOf } from "../render/frame-painter";
import { type StainName, stainOf } from "../render/stains";
import { el } from "./dom";
import { formatReadable } from "./format";
import { TEXT } from "./text";

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

export class CellLegend {
  readonly root: HTMLElement;
  private msc: HTMLElement;
  private list: HTMLElement;
  private stain: StainName | null = null;
  private marked: readonly string[] = [];

  constructor() {
    this.list = el("ul");
    this.msc = el("p", { class: "note", hidden: true });
    this.root = el("section", { class: "cell-legend", "aria-label": TEXT.cellLegend }, [
      el("h2", { text: TEXT.cellLegend }),
      this.list,
      el("p", { class: "note", text: TEXT.closeUpHint }),
      this.msc,
    ]);
    this.setStain("schematic");
  }

  /** Lists the colours of a stain (each entry may stand for several palette keys). */
  setStain(name: StainName): void {
    if (name === this.stain) return;
    this.stain = name;
    this.root.dataset.stain = name;
    this.list.replaceChildren(
      ...stainOf(name).legend.map((e) =>
        el("li", { "data-legend": e.keys[0]!, "data-legend-keys": e.keys.join(" ") }, [
          el("span", { class: "swatch", "aria-hidden": "true", style: `background:${rgb(e.colour)}` }),
          e.label,
        ]),
      ),
    );
    this.highlight(this.marked);
  }

  /** Marks the entries a lesson step points at (none: clears the marks). */
  highlight(keys: readonly string[]): void {
    this.marked = keys;
    for (const li of this.root.querySelectorAll<HTMLElement>("li[data-legend]")) {
      const own = (li.dataset.legendKeys ?? "").split(" ");
      li.classList.toggle(
        "highlight",
        own.some((k) => keys.includes(k)),
      );
    }
  }

  /** The MSC display-scale sentence, or null when it is not shown. */
  get note(): string | null {
    return this.msc.hidden ? null : this.msc.textContent;
  }

  setAmplification(a: number): void {
    this.msc.hidden = !(a > 0 && a !== 1);
    this.msc.textContent = TEXT.mscAmplification(formatReadable(a, 3));
  }
}

export class FieldLegend {
  readonly root: HTMLElement;
  private bar: HTMLCanvasElement;
  private title: HTMLElement;
  private range: HTMLElement;
  private doc: HTMLElement;
  private drawn = "";

  constructor() {
    this.bar = el("canvas", { class: "colour-bar", width: 256, height: 1, "aria-hidden": "true" });
    this.title = el("strong");
    this.range = el("span", { class: "range", "data-field-range": "" });
    this.doc = el("p", { class: "note" });
    this.root = el("div", { class: "field-legend", hidden: true }, [this.title, this.bar, this.range, this.doc]);
  }

  /** Shows the legend for a field (or hides it for none) with the range of the current frame. */
  show(field: number | null, colormap: ColormapName, range: [number, number] | null): void {
    if (field === null || !range) {
      this.root.hidden = true;
      return;
    }
    this.root.hidden = false;
    const f = FIELDS[field]!;
    this.title.textContent = f.label;
    this.doc.textContent = f.doc;
    this.range.textContent = TEXT.fieldLegendRange(
      formatReadable(range[0], 3),
      formatReadable(range[1], 3),
      FIELD_UNIT,
    );
    if (this.drawn !== colormap) {
      this.drawn = colormap;
      const ctx = this.bar.getContext("2d");
      if (!ctx) return;
      const lut = lutOf(colormap);
      const img = ctx.createImageData(256, 1);
      for (let i = 0; i < 256; i++) {
        img.data[i * 4] = lut[i * 3]!;
        img.data[i * 4 + 1] = lut[i * 3 + 1]!;
        img.data[i * 4 + 2] = lut[i * 3 + 2]!;
        img.data[i * 4 + 3] = 255;
      }
      ctx.putImageData(img, 0, 0);
    }
  }
}
