/** Scenario resolution: base defaults ← preset chain ← user overrides, then full validation. */
import { defaultParameterValues, PARAM_BY_KEY } from "./registry";
import { upgradeLegacy } from "./legacy";
import { MECHANISMS, type Scenario, type ScenarioInput, scenarioInputSchema, scenarioSchema } from "./scenario-schema";
import { InputError, parseOrThrow } from "./validation";

/** What a scenario is when nothing is said: healthy tissue, no therapy, all mechanisms on. */
export function baseScenario(): Scenario {
  return {
    preset: null,
    title: "Custom scenario",
    description: "",
    seed: 1,
    days: 84,
    species: "human",
    lattice: { width: 256, height: 256 },
    disease: {
      stage: "F0",
      cirrhosis_grade: "early",
      target_cpa_percent: null,
      generation_injury: "toxic",
      injury: { type: "none", intensity: 1, start_day: 0, end_day: 0 },
      hepatectomy_fraction: 0,
    },
    therapy: { body_mass_kg: null, infusions: [] },
    mechanisms: Object.fromEntries(MECHANISMS.map((m) => [m, true])) as Scenario["mechanisms"],
    parameters: defaultParameterValues(),
  };
}

export type PresetLookup = (name: string) => ScenarioInput | undefined;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Deep merge: objects merge key by key, arrays and scalars replace. */
export function deepMerge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined || k === "$schema") continue;
    out[k] = isPlainObject(out[k]) && isPlainObject(v) ? deepMerge(out[k], v) : v;
  }
  return out as T;
}

/**
 * Validates a user document and resolves it on its preset chain to a full scenario. Old spellings
 * (legacy.ts) are read silently here; the entry points that face a user report them.
 */
export function resolveScenario(input: unknown, lookup: PresetLookup): Scenario {
  const doc = parseOrThrow(scenarioInputSchema, upgradeLegacy(input).doc);
  const chain: ScenarioInput[] = [doc];
  const seen = new Set<string>();
  let name = doc.preset;
  while (name !== undefined) {
    if (seen.has(name))
      throw new InputError([
        {
          path: "preset",
          value: JSON.stringify(name),
          allowed: "a preset chain without cycles",
          message: `preset: "${name}" refers to itself`,
        },
      ]);
    seen.add(name);
    const preset = lookup(name);
    if (!preset)
      throw new InputError([
        {
          path: "preset",
          value: JSON.stringify(name),
          allowed: "a preset name (npx hepatosim presets)",
          message: `preset: "${name}" is not a known preset; see \`npx hepatosim presets\``,
        },
      ]);
    chain.push(preset);
    name = preset.preset;
  }
  let merged: Scenario = baseScenario();
  for (let i = chain.length - 1; i >= 0; i--) merged = deepMerge(merged, chain[i]);
  merged.preset = doc.preset ?? null;
  return parseOrThrow(scenarioSchema, merged) as Scenario;
}

/** Parameter value converted to internal units (µm, hours). */
export function internalValue(s: Scenario, key: string): number {
  const spec = PARAM_BY_KEY.get(key);
  if (!spec) throw new Error(`unknown parameter ${key}`);
  return s.parameters[key]! * spec.toInternal;
}

/** The smallest document that re-creates `s` on top of its preset (for share links and manifests). */
export function scenarioDelta(s: Scenario, lookup: PresetLookup): ScenarioInput {
  const base = s.preset ? resolveScenario({ preset: s.preset }, lookup) : baseScenario();
  const delta: Record<string, unknown> = s.preset ? { preset: s.preset } : {};
  const keys = [
    "title",
    "description",
    "seed",
    "days",
    "species",
    "lattice",
    "disease",
    "therapy",
    "mechanisms",
  ] as const;
  for (const k of keys) if (JSON.stringify(s[k]) !== JSON.stringify(base[k])) delta[k] = s[k];
  const params: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.parameters)) if (base.parameters[k] !== v) params[k] = v;
  if (Object.keys(params).length) delta.parameters = params;
  return delta as ScenarioInput;
}
