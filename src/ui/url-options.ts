/**
 * Page options from the URL (?preset=…&seed=…&size=…&projector=1 …, or a whole shared scenario in
 * ?s=…). Scenario values go through the one scenario schema; a bad value never crashes the page: it
 * is dropped with a warning and the default is used. The option names are documented in
 * docs/user-guide.md.
 */
import { FIELDS, type FieldKey } from "../model/fields/registry";
import { DEFAULT_PRESET, presetLookup } from "../model/params/presets";
import { deepMerge, resolveScenario } from "../model/params/scenario";
import type { ScenarioInput } from "../model/params/scenario-schema";
import { InputError } from "../model/params/validation";
import { COLORMAPS, type ColormapName } from "../render/colormaps";
import { RENDERERS, type RendererChoice } from "../render/renderer-choice";
import { STAINS, type StainName } from "../render/stains";
import { parseNumberText } from "./format";
import { decodeShare } from "./share-link";
import { VIEWS, type ViewMode } from "./split-docs";
import { TEXT } from "./text";
import { THREAD_CHOICES, type ThreadChoice } from "./threads-control";

export const SPEEDS = ["slow", "normal", "fast"] as const;
export type Speed = (typeof SPEEDS)[number];

export interface UrlOptions {
  /** The scenario document the page starts from (always valid). */
  doc: ScenarioInput;
  projector: boolean;
  speed: Speed;
  autoplay: boolean;
  overlay: FieldKey | null;
  colormap: ColormapName;
  /** How the section is coloured (stains.ts). */
  stain: StainName;
  renderer: RendererChoice;
  /** Threads per run: "auto" or a count (see threads-control.ts). */
  threads: ThreadChoice;
  view: ViewMode;
  lesson: boolean;
  /** Run to this day and pause there (a shared link's day), or null. */
  day: number | null;
  /** One message per ignored option. */
  warnings: string[];
}

const BOOLEAN_TEXT: Record<string, boolean> = {
  "1": true,
  true: true,
  yes: true,
  on: true,
  "0": false,
  false: false,
  no: false,
  off: false,
};

/** Options this module reads; anything else is reported, so a typo is noticed. */
export const URL_OPTION_NAMES = [
  "s",
  "preset",
  "seed",
  "size",
  "lattice",
  "days",
  "day",
  "view",
  "lesson",
  "projector",
  "speed",
  "play",
  "overlay",
  "colormap",
  "stain",
  "renderer",
  "threads",
] as const;

export function parseUrlOptions(search: string): UrlOptions {
  const q = new URLSearchParams(search);
  const warnings: string[] = [];
  // Values are shown as text (never as HTML) and cut short, so an edited link cannot flood the page.
  const short = (v: string) => (v.length > 40 ? `${v.slice(0, 37)}...` : v);
  const warn = (name: string, value: string, allowed: string) =>
    warnings.push(TEXT.urlWarning(short(name), short(value), allowed));

  let doc: ScenarioInput = { preset: DEFAULT_PRESET };
  /** Adds a scenario part if the schema accepts it; otherwise warns with the schema's own range. */
  const tryScenario = (name: string, raw: string, part: ScenarioInput) => {
    const candidate = deepMerge(doc, part);
    try {
      resolveScenario(candidate, presetLookup);
      doc = candidate;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      warn(name, raw, e.issues[0]?.allowed ?? "");
    }
  };

  const shared = q.get("s");
  const preset = q.get("preset");
  if (shared !== null) {
    const decoded = decodeShare(shared);
    if (decoded.ok) {
      doc = decoded.doc;
      warnings.push(...decoded.warnings);
    } else warnings.push(decoded.message);
    if (preset !== null) warnings.push(TEXT.share.presetIgnored);
  } else if (preset !== null) {
    if (presetLookup(preset)) doc = { preset };
    else warn("preset", preset, "a scenario name from the Scenario list");
  }
  const seed = q.get("seed");
  if (seed !== null) tryScenario("seed", seed, { seed: parseNumberText(seed) as number });
  const sizeName = q.has("size") ? "size" : "lattice";
  const size = q.get(sizeName);
  if (size !== null) {
    const n = parseNumberText(size) as number;
    tryScenario(sizeName, size, { lattice: { width: n, height: n } });
  }
  const days = q.get("days");
  if (days !== null) tryScenario("days", days, { days: parseNumberText(days) as number });

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = q.get(name);
    if (raw === null) return fallback;
    const v = BOOLEAN_TEXT[raw.toLowerCase()];
    if (v === undefined) {
      warn(name, raw, "1 | 0");
      return fallback;
    }
    return v;
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = q.get(name);
    if (raw === null) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    warn(name, raw, allowed.join(" | "));
    return fallback;
  };

  const overlayName = choice("overlay", ["none", ...FIELDS.map((f) => f.key)], "none");
  const dayText = q.get("day");
  let day: number | null = null;
  if (dayText !== null) {
    const n = parseNumberText(dayText);
    const days = resolveScenario(doc, presetLookup).days;
    if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= days) day = n;
    else warn("day", dayText, `whole number 0 … ${days} (the run's length)`);
  }
  const options: UrlOptions = {
    doc,
    projector: flag("projector", false),
    speed: choice("speed", SPEEDS, "normal"),
    autoplay: flag("play", true),
    overlay: overlayName === "none" ? null : (overlayName as FieldKey),
    colormap: choice("colormap", Object.keys(COLORMAPS) as ColormapName[], "viridis"),
    stain: choice("stain", STAINS, "schematic"),
    renderer: choice("renderer", RENDERERS, "auto"),
    threads: choice("threads", THREAD_CHOICES, "auto"),
    view: choice("view", VIEWS, "single"),
    lesson: flag("lesson", false),
    day,
    warnings,
  };
  for (const name of q.keys())
    if (!(URL_OPTION_NAMES as readonly string[]).includes(name))
      warn(name, q.get(name) ?? "", URL_OPTION_NAMES.join(", "));
  return options;
}
