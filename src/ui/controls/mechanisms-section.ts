/** Mechanism switches (knock out one MSC mechanism to see its share) and the cell-rule parameters. */
import { MECHANISMS } from "../../model/params/scenario-schema";
import { el } from "../dom";
import { TEXT } from "../text";
import type { Control, ControlContext } from "./context";
import { paramGroup, SECTION_GROUPS } from "./param-groups";
import { toggleControl } from "./toggle-control";

/** One switch per MSC mechanism, in a fieldset under `legend` (used in Settings and under the split view's panes). */
export function mechanismToggles(
  ctx: ControlContext,
  legend: string,
  name = "mechanisms",
): { root: HTMLElement; controls: Control[] } {
  const toggles = MECHANISMS.map((m) =>
    toggleControl(
      {
        label: TEXT.mechanisms[m] ?? m,
        name: `${name}.${m}`,
        tooltip: TEXT.mechanisms[m] ?? m,
        get: (s) => s.mechanisms[m],
        patch: (on) => ({ mechanisms: { [m]: on } }),
      },
      ctx,
    ),
  );
  return {
    root: el("fieldset", { class: "mechanisms", "data-mechanisms": name }, [
      el("legend", { text: legend }),
      ...toggles.map((t) => t.root),
    ]),
    controls: toggles,
  };
}

export function mechanismsSection(ctx: ControlContext): { nodes: HTMLElement[]; controls: Control[] } {
  const toggles = mechanismToggles(ctx, TEXT.mechanismToggles);
  const groups = SECTION_GROUPS.mechanisms.map((g) => paramGroup(g, ctx));
  return {
    nodes: [toggles.root, ...groups.map((g) => g.root)],
    controls: [...toggles.controls, ...groups.flatMap((g) => g.controls)],
  };
}
