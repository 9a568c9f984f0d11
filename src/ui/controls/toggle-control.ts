/** An on/off setting (a checkbox), changed through the scenario schema like every control. */
import type { Scenario, ScenarioInput } from "../../model/params/scenario-schema";
import { el, uid } from "../dom";
import { type Control, type ControlContext, fieldMessage } from "./context";

export interface ToggleSpec {
  label: string;
  name: string;
  tooltip: string;
  get(s: Scenario): boolean;
  patch(on: boolean, s: Scenario): ScenarioInput;
}

export function toggleControl(spec: ToggleSpec, ctx: ControlContext): Control {
  const id = uid("toggle");
  const box = el("input", { type: "checkbox", id, "data-toggle": spec.name });
  const row = el("div", { class: "control toggle-control", title: spec.tooltip }, [
    box,
    el("label", { for: id, text: spec.label }),
  ]);
  const message = fieldMessage(row, box);
  box.addEventListener("change", () => {
    const r = ctx.change(spec.patch(box.checked, ctx.scenario()));
    if (r.ok) message.clear();
    else message.show(r.issues);
    box.checked = spec.get(ctx.scenario());
  });
  return { root: row, refresh: (s) => (box.checked = spec.get(s)) };
}
