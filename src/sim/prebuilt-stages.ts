/**
 * Prebuilt day-0 stages: which scenarios have one, the file each lives in, and fetching one in the
 * page. A stage is shaped by the model build and `stageKey` (not the therapy), so the presets share
 * files: every early-cirrhosis preset (and the split view's untreated twin) starts from one. The
 * file name is a hash of the key; the file repeats the whole key, checked before use.
 */
import { DEFAULT_PRESET, PRESET_NAMES, presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import type { Scenario } from "../model/params/scenario-schema";
import type { GeneratedStage } from "../model/simulation";
import { decodeStage } from "./stage-file";
import { stageKey } from "./stage-store";

/** The key a prebuilt stage of `scenario` is stored under: the model build, then what shapes the stage. */
export function prebuiltKey(modelVersion: string, scenario: Scenario): string {
  return `${modelVersion}\n${stageKey(scenario)}`;
}

/** Two 32-bit FNV-1a lanes over the key's UTF-16 units: a file name, not a security measure. */
function keyHash(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    a = Math.imul(a ^ key.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ key.charCodeAt(i), 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The file (in the site's stages/ folder) holding the prebuilt stage of `scenario`. */
export function stageFileName(modelVersion: string, scenario: Scenario): string {
  return `${modelVersion}-${keyHash(prebuiltKey(modelVersion, scenario))}.hstage`;
}

/** One scenario per distinct stage among the presets, the default preset's first; with the presets that share it. */
export function presetStages(): { scenario: Scenario; presets: string[] }[] {
  const byKey = new Map<string, { scenario: Scenario; presets: string[] }>();
  for (const name of [DEFAULT_PRESET, ...PRESET_NAMES.filter((n) => n !== DEFAULT_PRESET)]) {
    const scenario = resolveScenario({ preset: name }, presetLookup);
    const key = stageKey(scenario);
    const entry = byKey.get(key);
    if (entry) entry.presets.push(name);
    else byKey.set(key, { scenario, presets: [name] });
  }
  return [...byKey.values()];
}

const GZIP = [0x1f, 0x8b];

/** The list of the stage files a site has, beside them in its stages/ folder. */
export const STAGE_INDEX = "index.json";
export interface StageIndex {
  files: string[];
}

/** Gunzips `bytes` in a browser or Node ≥ 18 (DecompressionStream); bytes that are not gzip are returned as they are. */
export async function gunzipped(bytes: Uint8Array): Promise<Uint8Array> {
  // A server may have sent the file with Content-Encoding: gzip, and the fetch already decoded it.
  if (bytes[0] !== GZIP[0] || bytes[1] !== GZIP[1]) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The prebuilt stage of `scenario` from `base` (a URL ending in "/"), or undefined when there is
 * none (not built yet, another model build, no DecompressionStream): the caller then generates it.
 */
export async function fetchPrebuiltStage(
  base: string,
  modelVersion: string,
  scenario: Scenario,
): Promise<GeneratedStage | undefined> {
  if (typeof DecompressionStream === "undefined" || typeof fetch === "undefined") return undefined;
  // The list first, so a stage not built (yet) costs no failed request.
  const name = stageFileName(modelVersion, scenario);
  const list = await fetch(new URL(STAGE_INDEX, base), { cache: "no-cache" });
  if (!list.ok || !((await list.json()) as StageIndex).files?.includes(name)) return undefined;
  const response = await fetch(new URL(name, base));
  if (!response.ok) return undefined;
  const { key, stage } = decodeStage(await gunzipped(new Uint8Array(await response.arrayBuffer())));
  if (key !== prebuiltKey(modelVersion, scenario)) return undefined;
  const { width, height } = scenario.lattice;
  if (stage.tissue.width !== width || stage.tissue.height !== height) return undefined;
  return stage;
}
