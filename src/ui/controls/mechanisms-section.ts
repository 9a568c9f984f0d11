/** Mechanism switches (knock out one MSC mechanism to see its share) and the cell-rule parameters. */
import { MECHANISMS } from "../../model/params/scenario-schema";
import { el } from "../dom";
import { TEXT } from "../text";
import type { Control, ControlContext } from "./context";
import { paramGroup, SECTION_GROUPS } from "./param-groups";
import { toggleControl } from "./toggle-control";

export function mechanismsSection(ctx: ControlContext): { nodes: HTMLElement[]; controls: Control[] } {
  const toggles = MECHANISMS.map((m) =>
    toggleControl(
      {
        label: TEXT.mechanisms[m] ?? m,
        name: `mechanisms.${m}`,
        tooltip: TEXT.mechanisms[m] ?? m,
        get: (s) => s.mechanisms[m],
        patch: (on) => ({ mechanisms: { [m]: on } }),
      },
      ctx,
    ),
  );
  const fieldset = el("fieldset", { class: "mechanisms" }, [el("legend", { text: TEXT.mechanismToggles }), ...toggles.map((t) => t.root)]);
  const groups = SECTION_GROUPS.mechanisms.map((g) => paramGroup(g, ctx));
  return { nodes: [fieldset, ...groups.map((g) => g.root)], controls: [...toggles, ...groups.flatMap((g) => g.controls)] };
}
