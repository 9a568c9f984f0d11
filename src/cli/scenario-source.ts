/** Reads what the user named on the command line: a JSON file (scenario, sweep, trial) or a preset name. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { upgradeLegacy } from "../model/params/legacy";
import { PRESET_NAMES, presetLookup } from "../model/params/presets";
import { InputError, parseJsonText } from "../model/params/validation";
import { flagError } from "../study/flag-values";

/** Parses a JSON file, turning a missing file or malformed JSON into an InputError that names the file. */
export function readJsonFile(path: string, what = "file"): unknown {
  if (!existsSync(path) || !statSync(path).isFile()) throw flagError(what, path, "an existing JSON file");
  const text = readFileSync(path, "utf8");
  try {
    return parseJsonText(text, path);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.issues, path);
    throw e;
  }
}

export interface ScenarioSource {
  /** Short name for folders and messages: the preset name or the file name without .json. */
  name: string;
  /** The document, old spellings already moved to their new place (model/params/legacy.ts). */
  doc: unknown;
  /** One line per old spelling read, for `note:` on stderr. */
  notices: string[];
}

/** A document read from a file or a study: old spellings upgraded, with their notices. */
function upgraded(name: string, raw: unknown): ScenarioSource {
  return { name, ...upgradeLegacy(raw) };
}

/** Writes each notice once as a `note:` line (stderr, so tables on stdout stay clean). */
export function writeNotices(notices: readonly string[], out: { write(text: string): void }): void {
  for (const n of new Set(notices)) out.write(`note: ${n}\n`);
}

/** A preset name gives `{preset: name}`; anything else must be a readable JSON file. */
export function scenarioSource(arg: string): ScenarioSource {
  if (presetLookup(arg) && !existsSync(arg)) return { name: arg, doc: { preset: arg }, notices: [] };
  if (existsSync(arg)) return upgraded(basename(arg).replace(/\.json$/i, ""), readJsonFile(arg, "scenario"));
  throw flagError(
    "scenario",
    arg,
    `a scenario JSON file or a preset name (${PRESET_NAMES.length} presets: npx hepatosim presets)`,
  );
}

/** The `scenario` of a sweep or trial file: a preset name, a scenario file (relative to the study file) or an inline document. */
export function studyScenario(
  ref: string | Record<string, unknown>,
  studyFile: string,
  fallbackName: string,
): ScenarioSource {
  if (typeof ref !== "string") return upgraded(fallbackName, ref);
  if (presetLookup(ref) && !ref.endsWith(".json")) return { name: ref, doc: { preset: ref }, notices: [] };
  return scenarioSource(isAbsolute(ref) ? ref : join(dirname(studyFile), ref));
}
