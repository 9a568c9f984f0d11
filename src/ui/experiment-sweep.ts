/**
 * The Experiment panel's study: a sweep file in the CLI's format, or one built from the panel's
 * simple form, checked by the schema and expanded into the plan of src/study, as the CLI does — so the page
 * makes exactly the runs `npx hepatosim sweep FILE` makes. Pure (no DOM), tested in Node.
 */

import { PRESET_NAMES, presetLookup } from "../model/params/presets";
import { PARAMETERS } from "../model/params/registry";
import { resolveScenario } from "../model/params/scenario";
import { MSC_ROUTES, MSC_SOURCES, STAGES } from "../model/params/scenario-schema";
import { InputError, parseJsonText } from "../model/params/validation";
import type { Plan } from "../study/plan";
import { parseSweep, type SweepFile, sweepPlan } from "../study/sweep-file";
import { paramLabel } from "./controls/param-groups";
import { TEXT } from "./text";

/** How messages name the document (the CLI names the file's path instead). */
export const SWEEP_DOCUMENT = "sweep file";

/** More runs than this belong on the command line (or a cluster): the page says so instead of starting. */
export const MAX_PAGE_RUNS = 500;
/** Rows of runs.csv (runs × days) the page keeps in memory as text: about 50 MB at this size. */
export const MAX_PAGE_ROWS = 50_000;

export interface PageSweep {
  sweep: SweepFile;
  plan: Plan;
  /** The scenario the sweep starts from, fully resolved (kept in the manifest). */
  base: unknown;
}

/**
 * A sweep's or trial's `scenario` in the page: a preset name or an inline document. The CLI also reads a file
 * named relative to the study file; the page has no such file, so it says what to write instead.
 */
export function pageScenario(ref: SweepFile["scenario"], document = SWEEP_DOCUMENT): unknown {
  if (typeof ref !== "string") return ref;
  if (presetLookup(ref) && !ref.endsWith(".json")) return { preset: ref };
  const allowed = TEXT.experiment.scenarioAllowed;
  throw new InputError(
    [
      {
        path: "scenario",
        value: JSON.stringify(ref),
        allowed,
        message: `scenario: ${JSON.stringify(ref)} is not allowed; allowed: ${allowed}`,
      },
    ],
    document,
  );
}

/** Refuses a plan too large for the page: too many runs, or too many daily rows to keep as text. */
export function checkPageSize(plan: Plan, document: string, runsPath: string): void {
  if (plan.runs.length > MAX_PAGE_RUNS) {
    const allowed = TEXT.experiment.tooManyRuns(MAX_PAGE_RUNS);
    throw new InputError(
      [
        {
          path: runsPath,
          value: String(plan.runs.length),
          allowed,
          message: `${plan.runs.length} runs; allowed: ${allowed}`,
        },
      ],
      document,
    );
  }
  const rows = plan.runs.reduce((n, r) => n + (r.doc.days ?? 0) + 1, 0);
  if (rows > MAX_PAGE_ROWS) {
    const allowed = TEXT.experiment.tooManyRows(MAX_PAGE_ROWS);
    throw new InputError(
      [
        {
          path: "scenario.days",
          value: String(rows),
          allowed,
          message: `${rows} daily rows (runs × days); allowed: ${allowed}`,
        },
      ],
      document,
    );
  }
}

/** Checks a sweep document and expands it into the plan the CLI would run. */
export function pageSweep(doc: unknown): PageSweep {
  const sweep = parseSweep(doc, SWEEP_DOCUMENT);
  const scenario = pageScenario(sweep.scenario);
  const plan = sweepPlan(sweep, "sweep", SWEEP_DOCUMENT, scenario);
  checkPageSize(plan, SWEEP_DOCUMENT, "parameters");
  return { sweep, plan, base: resolveScenario(scenario, presetLookup) };
}

/** The same, from the text of a sweep file (pasted or loaded). */
export function pageSweepFromText(text: string): PageSweep {
  return pageSweep(parseJsonText(text, SWEEP_DOCUMENT));
}

/** One line on what a checked sweep will do. */
export function describeSweep(s: PageSweep): string {
  const points = new Set(s.plan.runs.map((r) => r.labels.point)).size;
  const seeds = points ? s.plan.runs.length / points : 0;
  const first = s.plan.runs[0]?.doc;
  return TEXT.experiment.planLine(s.plan.runs.length, points, seeds, first?.lattice?.width ?? 0, first?.days ?? 0);
}

// ---- the simple form

/** Scenario fields the form offers besides every registry parameter (names as in sweep files). */
export const FORM_FIELDS: readonly { name: string; label: string; suggest: string }[] = [
  { name: "therapy.infusions.0.dose_cells_per_kg", label: TEXT.experiment.fields.dose, suggest: "1e5, 1e6, 1e7" },
  {
    name: "therapy.infusions.0.route",
    label: TEXT.experiment.fields.route,
    suggest: MSC_ROUTES.slice(0, 3).join(", "),
  },
  { name: "therapy.infusions.0.source", label: TEXT.experiment.fields.source, suggest: MSC_SOURCES.join(", ") },
  { name: "therapy.infusions.0.day", label: TEXT.experiment.fields.infusionDay, suggest: "0, 7" },
  { name: "disease.stage", label: TEXT.experiment.fields.stage, suggest: STAGES.slice(1, 4).join(", ") },
  { name: "disease.hepatectomy_fraction", label: TEXT.experiment.fields.hepatectomy, suggest: "0.3, 0.5, 0.667" },
  { name: "disease.injury.intensity", label: TEXT.experiment.fields.injury, suggest: "0, 0.5, 1" },
];

export interface ParameterChoice {
  name: string;
  label: string;
  group: string;
}

/** Every name the form can vary: the scenario fields above, then the registry's parameters by group. */
export function parameterChoices(): ParameterChoice[] {
  return [
    ...FORM_FIELDS.map((f) => ({ name: f.name, label: f.label, group: TEXT.experiment.fieldsGroup })),
    ...PARAMETERS.map((p) => ({
      name: p.key,
      label: `${paramLabel(p)} (${p.key})`,
      group: TEXT.paramGroups[p.group] ?? p.group,
    })),
  ];
}

const short = (v: number) => String(Number(v.toPrecision(3)));

/** Values to start from when a name is chosen: a field's usual choices, or ½×, 1×, 1.5× a parameter's default within its range. */
export function suggestedValues(name: string): string {
  const field = FORM_FIELDS.find((f) => f.name === name);
  if (field) return field.suggest;
  const p = PARAMETERS.find((q) => q.key === name);
  if (!p) return "";
  const clamp = (v: number) => Math.min(p.max, Math.max(p.min, p.integer ? Math.round(v) : v));
  const base = p.default !== 0 ? p.default : (p.min + p.max) / 2;
  return [...new Set([clamp(base * 0.5), clamp(base), clamp(base * 1.5)].map(short))].join(", ");
}

/** "1e5, 1e6; 1e7" → [100000, 1000000, 10000000]; words stay text ("portal-vein"), true/false booleans. */
export function parseValueList(text: string): (number | string | boolean)[] {
  return text
    .split(/[,;\s]+/)
    .filter((t) => t !== "")
    .map((t) => {
      if (t === "true" || t === "false") return t === "true";
      const n = Number(t);
      return Number.isFinite(n) ? n : t;
    });
}

export interface SweepForm {
  preset: string;
  parameter: string;
  values: string;
  /** A second name whose values make the arms of the plot ("" for none). */
  arms: string;
  armValues: string;
  seeds: string;
  days: string;
  size: number;
}

/** The form as a sweep file: what runs, what the manifest keeps, and what `npx hepatosim sweep` takes. */
export function formSweep(f: SweepForm): Record<string, unknown> {
  const days = f.days.trim() === "" || !Number.isFinite(Number(f.days)) ? f.days : Number(f.days);
  const parameters: Record<string, { values: unknown[] }> = { [f.parameter]: { values: parseValueList(f.values) } };
  if (f.arms && f.arms !== f.parameter) parameters[f.arms] = { values: parseValueList(f.armValues) };
  return {
    kind: "sweep",
    title: TEXT.experiment.formTitle(Object.keys(parameters)),
    scenario: { preset: f.preset, days, lattice: { width: f.size, height: f.size } },
    design: "grid",
    seeds: f.seeds.trim(),
    parameters,
  };
}

/** A form to start from: the page's scenario, its dose if it has an infusion (else regenerative capacity), three seeds. */
export function defaultForm(preset: string | null): SweepForm {
  const name = preset && presetLookup(preset) ? preset : PRESET_NAMES[0]!;
  const treated = resolveScenario({ preset: name }, presetLookup).therapy.infusions.length > 0;
  const parameter = treated ? "therapy.infusions.0.dose_cells_per_kg" : "hepatocyte.regenerative_capacity";
  return {
    preset: name,
    parameter,
    values: suggestedValues(parameter),
    arms: "",
    armValues: "",
    seeds: "1..3",
    days: "28",
    size: 64,
  };
}
