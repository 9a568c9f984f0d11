/** A choice from a fixed list (a select), changed through the scenario schema like every control. */
import type { Scenario, ScenarioInput } from "../../model/params/scenario-schema";
import { el, uid } from "../dom";
import { type Control, type ControlContext, fieldMessage } from "./context";

export interface ChoiceSpec {
  label: string;
  name: string;
  tooltip: string;
  options: readonly { value: string; label: string }[];
  get(s: Scenario): string;
  patch(value: string, s: Scenario): ScenarioInput;
}

export function choiceControl(spec: ChoiceSpec, ctx: ControlContext): Control {
  const id = uid("choice");
  const select = el(
    "select",
    { id, "data-choice": spec.name },
    spec.options.map((o) => el("option", { value: o.value, text: o.label })),
  );
  const row = el("div", { class: "control choice-control", title: spec.tooltip }, [
    el("label", { for: id, text: spec.label }),
    select,
  ]);
  const message = fieldMessage(row, select);
  select.addEventListener("change", () => {
    const r = ctx.change(spec.patch(select.value, ctx.scenario()));
    if (r.ok) message.clear();
    else message.show(r.issues);
    select.value = spec.get(ctx.scenario());
  });
  return { root: row, refresh: (s) => (select.value = spec.get(s)) };
}
