/** What every control needs from the page: the current scenario and one way to change it. */
import type { Scenario, ScenarioInput } from "../../model/params/scenario-schema";
import type { InputIssue } from "../../model/params/validation";
import { el } from "../dom";
import type { ApplyResult } from "../scenario-editor";
import { TEXT } from "../text";

export interface ControlContext {
  scenario(): Scenario;
  /** Applies a change through the scenario schema (and on to the simulation); refused changes return issues. */
  change(patch: ScenarioInput): ApplyResult;
}

export interface Control {
  readonly root: HTMLElement;
  /** Shows the values of this scenario (after any accepted change, or a preset switch). */
  refresh(s: Scenario): void;
}

/** The refusal message under a control: names the field, the value and what is allowed. */
export function fieldMessage(row: HTMLElement, input: HTMLElement) {
  const p = el("p", { class: "field-error", role: "alert", hidden: true });
  row.append(p);
  return {
    show(issues: InputIssue[]) {
      const i = issues[0]!;
      p.textContent = TEXT.inputRefused(i.path, i.value, i.allowed);
      p.hidden = false;
      input.setAttribute("aria-invalid", "true");
    },
    clear() {
      p.hidden = true;
      p.textContent = "";
      input.removeAttribute("aria-invalid");
    },
  };
}
