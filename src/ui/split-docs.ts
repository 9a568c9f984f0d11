/**
 * The documents behind each pane: one run in the single view; in the split view an untreated twin
 * (no infusions) and the treated run, which share seed, tissue and every other setting.
 */
import { DEFAULT_PRESET, presetLookup } from "../model/params/presets";
import { deepMerge, resolveScenario } from "../model/params/scenario";
import type { Infusion, Scenario, ScenarioInput } from "../model/params/scenario-schema";

export const VIEWS = ["single", "split"] as const;
export type ViewMode = (typeof VIEWS)[number];

export const LANES = { single: ["single"], split: ["untreated", "treated"] } as const;
export type LaneName = "single" | "untreated" | "treated";

/** The therapy a pane gets when its scenario has none: the default preset's infusion (BM-MSC IV, 10⁶/kg, day 0). */
export function standardInfusion(): Infusion {
  const first = resolveScenario({ preset: DEFAULT_PRESET }, presetLookup).therapy.infusions[0];
  if (!first) throw new Error(`default preset ${DEFAULT_PRESET} has no infusion`);
  return first;
}

/** The split view edits the treated run: an untreated scenario gets the standard infusion. */
export function treatedDocument(doc: ScenarioInput, s: Scenario): ScenarioInput {
  return s.therapy.infusions.length > 0 ? doc : deepMerge(doc, { therapy: { infusions: [standardInfusion()] } });
}

/** One document per pane, in pane order. */
export function laneDocuments(mode: ViewMode, doc: ScenarioInput): ScenarioInput[] {
  if (mode === "single") return [doc];
  return [deepMerge(doc, { therapy: { infusions: [] } }), doc];
}
