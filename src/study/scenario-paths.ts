/**
 * Names for parts of a scenario, shared by `--set`, sweeps and cohorts: a parameter key from the
 * registry ("hepatocyte.regenerative_capacity", also written "parameters.…") or a dotted path into
 * the document with array indices as numbers ("therapy.infusions.0.dose_cells_per_kg").
 * Pure (no node:), so the page can expand the same sweep files.
 */
import { LEGACY_PATHS } from "../model/params/legacy";
import { PARAM_BY_KEY } from "../model/params/registry";
import type { Scenario, ScenarioInput } from "../model/params/scenario-schema";

/** Splits a name into document path segments; parameter keys stay whole under "parameters"; old spellings (legacy.ts) name their new place. */
export function pathSegments(name: string): (string | number)[] {
  if (PARAM_BY_KEY.has(name)) return ["parameters", name];
  const renamed = LEGACY_PATHS[name];
  if (renamed !== undefined) return pathSegments(renamed);
  if (name.startsWith("parameters.")) return ["parameters", name.slice("parameters.".length)];
  return name.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Sets a value in place, creating objects on the way; the schema judges the result afterwards. */
export function setPath(doc: Record<string, unknown>, name: string, value: unknown): void {
  const segs = pathSegments(name);
  let cur: Record<string | number, unknown> = doc;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    const next = cur[seg];
    if (next === null || typeof next !== "object") cur[seg] = typeof segs[i + 1] === "number" ? [] : {};
    cur = cur[seg] as Record<string | number, unknown>;
  }
  cur[segs[segs.length - 1]!] = value;
}

export function getPath(doc: unknown, name: string): unknown {
  let cur: unknown = doc;
  for (const seg of pathSegments(name)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** A resolved scenario as an input document (the schema for input has no `preset: null`). */
export function asInput(s: Scenario): ScenarioInput {
  const copy = structuredClone(s) as Record<string, unknown>;
  if (copy.preset === null) delete copy.preset;
  return copy as ScenarioInput;
}
