/**
 * The scenario the page is showing, as a document on top of its preset. Every change from any
 * control goes through `resolveScenario` (the one schema): a refused change leaves everything as it
 * was and returns the schema's issues, which name the field, the value and the allowed range.
 */
import { presetLookup } from "../model/params/presets";
import { deepMerge, resolveScenario } from "../model/params/scenario";
import type { Scenario, ScenarioInput } from "../model/params/scenario-schema";
import { InputError, type InputIssue } from "../model/params/validation";

export type ApplyResult = { ok: true; scenario: Scenario } | { ok: false; issues: InputIssue[] };

export class ScenarioEditor {
  private current: ScenarioInput;
  private resolved: Scenario;
  private listeners: ((s: Scenario) => void)[] = [];

  constructor(doc: ScenarioInput) {
    this.current = doc;
    this.resolved = resolveScenario(doc, presetLookup);
  }

  get doc(): ScenarioInput {
    return this.current;
  }

  get scenario(): Scenario {
    return this.resolved;
  }

  /** Called after every accepted change (controls refresh their displayed values). */
  onChange(fn: (s: Scenario) => void): void {
    this.listeners.push(fn);
  }

  /** Merges a partial document (objects merge, arrays and values replace) if the schema accepts it. */
  apply(patch: ScenarioInput): ApplyResult {
    return this.replace(deepMerge(this.current, patch));
  }

  /** Replaces the whole document if the schema accepts it. */
  replace(doc: ScenarioInput): ApplyResult {
    let scenario: Scenario;
    try {
      scenario = resolveScenario(doc, presetLookup);
    } catch (e) {
      if (e instanceof InputError) return { ok: false, issues: e.issues };
      throw e;
    }
    this.current = doc;
    this.resolved = scenario;
    for (const fn of this.listeners) fn(scenario);
    return { ok: true, scenario };
  }
}
