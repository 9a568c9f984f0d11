/**
 * Sliders generated from the parameter registry: one per declared parameter, grouped by the
 * registry's own `group`, with unit, range, doc and source in the tooltip. Nothing is declared here.
 */
import { PARAMETERS } from "../../model/params/registry";
import type { ParamGroup, ParamSpec } from "../../model/params/spec";
import { el } from "../dom";
import { ACRONYMS, TEXT } from "../text";
import type { Control, ControlContext } from "./context";
import { numberControl, rangeTooltip } from "./number-control";

/** Which registry groups sit in which settings section. */
export const SECTION_GROUPS: Record<"disease" | "therapy" | "mechanisms" | "simulation", ParamGroup[]> = {
  disease: ["injury", "species"],
  therapy: ["msc", "msc-source"],
  mechanisms: ["hepatocyte", "stellate", "kupffer", "collagen", "vessels", "fields"],
  simulation: ["simulation", "readout"],
};

const GROUP_PREFIX: Record<string, string[]> = {
  "msc-source": ["msc_source"],
  simulation: ["simulation", "tissue"],
};

/** A readable label from a dotted key: "fields.hgf.diffusion" → "HGF diffusion". */
export function paramLabel(p: Pick<ParamSpec, "key" | "group">): string {
  const parts = p.key.split(".");
  const prefixes = GROUP_PREFIX[p.group] ?? [p.group];
  if (parts.length > 1 && prefixes.includes(parts[0]!)) parts.shift();
  const words = parts.flatMap((s) => s.split("_")).map((w) => ACRONYMS[w] ?? w);
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function paramControl(p: ParamSpec, ctx: ControlContext): Control {
  return numberControl(
    {
      label: paramLabel(p),
      unit: p.unit,
      min: p.min,
      max: p.max,
      default: p.default,
      integer: p.integer,
      step: p.step,
      name: p.key,
      tooltip: rangeTooltip(p.doc, p.min, p.max, p.unit, p.source),
      get: (s) => s.parameters[p.key]!,
      patch: (value) => ({ parameters: { [p.key]: value as number } }),
    },
    ctx,
  );
}

/**
 * A collapsed group of every parameter in `group`. Its sliders are built when it is first opened:
 * the groups hold most of the page's controls, and building them all would delay the first picture.
 */
export function paramGroup(group: ParamGroup, ctx: ControlContext): { root: HTMLElement; controls: Control[] } {
  const title = TEXT.paramGroups[group] ?? group;
  const root = el("details", { class: "param-group", "data-group": group }, [
    el("summary", { text: TEXT.moreParameters(title) }),
  ]);
  let built: Control[] | null = null;
  root.addEventListener("toggle", () => {
    if (!root.open || built) return;
    built = PARAMETERS.filter((p) => p.group === group).map((p) => paramControl(p, ctx));
    root.append(...built.map((c) => c.root));
    const s = ctx.scenario();
    for (const c of built) c.refresh(s);
  });
  const control: Control = {
    root,
    refresh(s) {
      for (const c of built ?? []) c.refresh(s);
    },
  };
  return { root, controls: [control] };
}
