/**
 * The MSC therapy settings: on/off, source, route, dose and day of the (first) infusion, and the MSC
 * parameters (the species, which sets body and liver mass, is in the disease section). Changes apply to the running tissue from the next step on.
 */
import {
  type Infusion,
  infusionSchema,
  MSC_ROUTES,
  MSC_SOURCES,
  type Scenario,
  type ScenarioInput,
} from "../../model/params/scenario-schema";
import { el } from "../dom";
import { standardInfusion } from "../split-docs";
import { TEXT } from "../text";
import { choiceControl } from "./choice-control";
import type { Control, ControlContext } from "./context";
import { paramGroup, SECTION_GROUPS } from "./param-groups";
import { schemaNumber } from "./schema-number";
import { toggleControl } from "./toggle-control";

const inf = infusionSchema.shape;

function withFirst(s: Scenario, change: Partial<Infusion>): ScenarioInput {
  const list = s.therapy.infusions;
  const first = { ...(list[0] ?? standardInfusion()), ...change };
  return { therapy: { infusions: [first, ...list.slice(1)] } };
}

export function therapySection(ctx: ControlContext): { nodes: HTMLElement[]; controls: Control[] } {
  let remembered: Infusion[] | null = null;
  const toggle = toggleControl(
    {
      label: TEXT.therapyOn,
      name: "therapy.on",
      tooltip: infusionSchema.description ?? TEXT.sections.therapy,
      get: (s) => s.therapy.infusions.length > 0,
      patch: (on, s) => {
        if (!on) {
          remembered = s.therapy.infusions;
          return { therapy: { infusions: [] } };
        }
        return { therapy: { infusions: remembered?.length ? remembered : [standardInfusion()] } };
      },
    },
    ctx,
  );
  const infusionControls: Control[] = [
    choiceControl(
      {
        label: TEXT.source,
        name: "therapy.source",
        tooltip: inf.source.description ?? "",
        options: MSC_SOURCES.map((v) => ({ value: v, label: TEXT.sources[v] ?? v })),
        get: (s) => s.therapy.infusions[0]?.source ?? standardInfusion().source,
        patch: (v, s) => withFirst(s, { source: v as Infusion["source"] }),
      },
      ctx,
    ),
    choiceControl(
      {
        label: TEXT.route,
        name: "therapy.route",
        tooltip: inf.route.description ?? "",
        options: MSC_ROUTES.map((v) => ({ value: v, label: TEXT.routes[v] ?? v })),
        get: (s) => s.therapy.infusions[0]?.route ?? standardInfusion().route,
        patch: (v, s) => withFirst(s, { route: v as Infusion["route"] }),
      },
      ctx,
    ),
    schemaNumber(
      {
        schema: inf.dose_cells_per_kg,
        label: TEXT.dose,
        unit: "cells/kg",
        name: "therapy.dose",
        source: TEXT.doseSource,
        typical: 1e6,
        get: (s) => s.therapy.infusions[0]?.dose_cells_per_kg ?? standardInfusion().dose_cells_per_kg,
        patch: (v, s) => withFirst(s, { dose_cells_per_kg: v as number }),
      },
      ctx,
    ),
    schemaNumber(
      {
        schema: inf.day,
        label: TEXT.infusionDay,
        unit: "days",
        name: "therapy.day",
        typical: 0,
        sliderRange: (s) => [0, Math.max(1, s.days)],
        get: (s) => s.therapy.infusions[0]?.day ?? 0,
        patch: (v, s) => withFirst(s, { day: v as number }),
      },
      ctx,
    ),
  ];
  const note = el("p", { class: "note", hidden: true });
  const fieldset = el("fieldset", { class: "infusion" }, [
    el("legend", { class: "visually-hidden", text: TEXT.sections.therapy }),
    ...infusionControls.map((c) => c.root),
    note,
  ]);
  const state: Control = {
    root: fieldset,
    refresh(s) {
      fieldset.disabled = s.therapy.infusions.length === 0;
      note.hidden = s.therapy.infusions.length <= 1;
      note.textContent = TEXT.moreInfusions(s.therapy.infusions.length);
    },
  };
  const groups = SECTION_GROUPS.therapy.map((g) => paramGroup(g, ctx));
  return {
    nodes: [toggle.root, fieldset, ...groups.map((g) => g.root)],
    controls: [toggle, ...infusionControls, state, ...groups.flatMap((g) => g.controls)],
  };
}
