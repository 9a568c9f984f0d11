/**
 * A bounded number: a slider (log scale where the range spans orders of magnitude) and a box for
 * typing an exact value. Both go through the scenario schema; what is typed is never clamped
 * silently — a value outside the range is refused with a message.
 */
import type { Scenario, ScenarioInput } from "../../model/params/scenario-schema";
import { el, uid } from "../dom";
import { formatNumber, parseNumberText } from "../format";
import { TEXT } from "../text";
import { type Control, type ControlContext, fieldMessage } from "./context";
import { POSITIONS, sliderScale } from "./slider-scale";

export interface NumberSpec {
  label: string;
  unit: string;
  min: number;
  max: number;
  default: number;
  integer?: boolean;
  step?: number;
  /** Explanation, range and source (shown as the tooltip and to screen readers). */
  tooltip: string;
  /** False for values a slider cannot sensibly cover (a seed): only the box is shown. */
  slider?: boolean;
  /** Slider track range when it should follow the scenario (e.g. an infusion day within the run); the schema still decides what is allowed. */
  sliderRange?: (s: Scenario) => [number, number];
  /** A stable name for tests and styling (e.g. the parameter key). */
  name: string;
  get(s: Scenario): number;
  patch(value: number | string, s: Scenario): ScenarioInput;
}

export function numberControl(spec: NumberSpec, ctx: ControlContext): Control {
  const id = uid("num");
  const descId = `${id}-desc`;
  let scale = sliderScale(spec);
  let track = "";
  const slider = el("input", {
    type: "range",
    id,
    min: 0,
    max: POSITIONS,
    step: 1,
    "aria-describedby": descId,
    "data-param": spec.name,
  });
  const box = el("input", {
    type: "text",
    inputmode: "decimal",
    class: "number-box",
    "aria-label": `${spec.label} (${spec.unit})`,
    "aria-describedby": descId,
    "data-param-box": spec.name,
    spellcheck: "false",
    autocomplete: "off",
  });
  const label = el("label", { for: id }, [spec.label, el("span", { class: "unit", text: ` (${spec.unit})` })]);
  const desc = el("span", { id: descId, class: "visually-hidden", text: spec.tooltip });
  const inputs = el("div", { class: "inputs" }, spec.slider === false ? [box] : [slider, box]);
  if (spec.slider === false) {
    box.id = id;
    box.removeAttribute("aria-label");
  }
  const row = el("div", { class: "control number-control", title: spec.tooltip }, [label, inputs, desc]);
  const message = fieldMessage(row, box);

  const show = (v: number) => {
    if (spec.sliderRange) {
      const [min, max] = spec.sliderRange(ctx.scenario());
      const key = `${min}:${max}`;
      if (key !== track) {
        track = key;
        scale = sliderScale({ ...spec, min, max });
      }
    }
    slider.value = String(scale.toPosition(v));
    slider.setAttribute("aria-valuetext", `${formatNumber(v)} ${spec.unit}`);
    box.value = formatNumber(v);
  };
  const commit = (value: number | string) => {
    // Enter and the change event that follows it both arrive here: the second is a no-op.
    if (value === spec.get(ctx.scenario())) {
      message.clear();
      show(value);
      return;
    }
    const r = ctx.change(spec.patch(value, ctx.scenario()));
    if (r.ok) message.clear();
    else message.show(r.issues);
    show(spec.get(ctx.scenario()));
  };

  slider.addEventListener("input", () => commit(scale.toValue(Number(slider.value))));
  box.addEventListener("change", () => commit(parseNumberText(box.value)));
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter") commit(parseNumberText(box.value));
  });

  return {
    root: row,
    refresh: (s) => show(spec.get(s)),
  };
}

/** Tooltip text for a bounded value. */
export function rangeTooltip(doc: string, min: number, max: number, unit: string, source: string): string {
  return TEXT.tooltip(doc, TEXT.rangeText(formatNumber(min), formatNumber(max), unit), source);
}
