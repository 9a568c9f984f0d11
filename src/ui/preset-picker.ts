/** The scenario list: every shipped preset by its title. Choosing one starts a new run. */
import { PRESET_NAMES, presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import { el, uid } from "./dom";
import { TEXT } from "./text";

export class PresetPicker {
  readonly root: HTMLElement;
  private select: HTMLSelectElement;

  constructor(choose: (name: string) => void) {
    const id = uid("preset");
    this.select = el(
      "select",
      { id, "data-preset-picker": "" },
      PRESET_NAMES.map((name) => {
        const s = resolveScenario({ preset: name }, presetLookup);
        return el("option", { value: name, title: s.description, text: s.title });
      }),
    );
    this.select.addEventListener("change", () => choose(this.select.value));
    this.root = el("div", { class: "control preset-picker", title: TEXT.presetHint }, [
      el("label", { for: id, text: TEXT.preset }),
      this.select,
    ]);
  }

  show(name: string | null): void {
    this.select.value = name ?? "";
  }
}
