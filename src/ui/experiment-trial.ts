/**
 * The Experiment panel's virtual trials: a trial file (`"kind": "trial"`) checked by the same schema
 * and expanded into the same plan as `npx hepatosim cohort FILE`; the pasted text told apart from a
 * sweep by its `kind`; and a published replica (public/trials) scaled down so a class can run it.
 * Pure (no DOM), tested in Node.
 */
import { presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import { parseJsonText } from "../model/params/validation";
import { documentKind } from "../study/study-files";
import { parseTrial, type TrialFile, trialPlan } from "../study/trial-file";
import type { Plan } from "../study/plan";
import { parseTrialIndex, type TrialEntry } from "../study/trial-index";
import { checkPageSize, type PageSweep, pageScenario, pageSweep, SWEEP_DOCUMENT } from "./experiment-sweep";
import { TEXT } from "./text";

/** How messages name the document. */
export const TRIAL_DOCUMENT = "trial file";

/** A published replica in the page: at most this many patients (each runs in every arm), at most this section. */
export const PAGE_TRIAL = { maxPatients: 20, size: 64 } as const;

export interface PageTrial {
  trial: TrialFile;
  plan: Plan;
  /** The scenario the trial starts from, fully resolved (kept in the manifest). */
  base: unknown;
}

export type PageStudy = ({ kind: "sweep" } & PageSweep) | ({ kind: "trial" } & PageTrial);

/** Checks a trial document and expands it into the plan the CLI would run (patients × arms). */
export function pageTrial(doc: unknown): PageTrial {
  const trial = parseTrial(doc, TRIAL_DOCUMENT);
  const scenario = pageScenario(trial.scenario, TRIAL_DOCUMENT);
  const plan = trialPlan(trial, TRIAL_DOCUMENT, scenario);
  checkPageSize(plan, TRIAL_DOCUMENT, "patients");
  return { trial, plan, base: resolveScenario(scenario, presetLookup) };
}

/** A sweep or a trial from the text of a file (pasted or loaded), told apart by its `kind`. */
export function pageStudyFromText(text: string): PageStudy {
  const doc = parseJsonText(text, SWEEP_DOCUMENT);
  return documentKind(doc) === "trial" ? { kind: "trial", ...pageTrial(doc) } : { kind: "sweep", ...pageSweep(doc) };
}

/** One line on what a checked trial will do. */
export function describeTrial(t: PageTrial): string {
  const first = t.plan.runs[0]?.doc;
  return TEXT.experiment.trialLine(
    t.plan.runs.length,
    t.trial.patients,
    t.trial.arms.length,
    first?.lattice?.width ?? 0,
    t.trial.weeks,
  );
}

export interface ScaledTrial {
  /** The trial document the page runs. */
  doc: Record<string, unknown>;
  patients: number;
  width: number;
  height: number;
  from: { patients: number; width: number; height: number };
  scaled: boolean;
}

/**
 * A trial file made small enough for a class: at most PAGE_TRIAL.maxPatients patients and a section
 * of at most PAGE_TRIAL.size² sites (the file's own scenario otherwise unchanged). `patients` asks
 * for another number of patients (the Clinical-trial lesson's choice), still at most the maximum.
 * The title says so, so the downloaded tables and plots cannot be mistaken for the full replica.
 */
export function scaleTrial(doc: unknown, patients?: number): ScaledTrial {
  const t = parseTrial(doc, TRIAL_DOCUMENT);
  const base = resolveScenario(pageScenario(t.scenario, TRIAL_DOCUMENT), presetLookup);
  const from = { patients: t.patients, width: base.lattice.width, height: base.lattice.height };
  const n = Math.min(patients ?? from.patients, PAGE_TRIAL.maxPatients);
  const width = Math.min(from.width, PAGE_TRIAL.size);
  const height = Math.min(from.height, PAGE_TRIAL.size);
  const scaled = n !== from.patients || width !== from.width || height !== from.height;
  const out = structuredClone(doc) as Record<string, unknown>;
  const scenario = typeof t.scenario === "string" ? { preset: t.scenario } : (out.scenario as Record<string, unknown>);
  out.scenario = { ...scenario, lattice: { width, height } };
  out.patients = n;
  if (scaled && t.title) out.title = `${t.title} [page: ${n} patients, ${sizeText(width, height)}]`;
  return { doc: out, patients: n, width, height, from, scaled };
}

export const sizeText = (w: number, h: number) => (w === h ? `${w}²` : `${w} × ${h}`);

/** The plain sentence the panel shows under a published replica. */
export function scaleNote(s: ScaledTrial): string {
  const T = TEXT.experiment.trial;
  return s.scaled
    ? T.scaled(s.patients, sizeText(s.width, s.height), s.from.patients, sizeText(s.from.width, s.from.height))
    : T.asFile(s.patients, sizeText(s.width, s.height), PAGE_TRIAL.maxPatients, `${PAGE_TRIAL.size}²`);
}

// ---- the index of public/trials (written by `npm run docs`)

/** The replicas in order of the work they take in the page (patients × arms × weeks), shortest first. */
export function pageTrialIndex(doc: unknown): TrialEntry[] {
  return parseTrialIndex(doc, (e) => Math.min(e.patients, PAGE_TRIAL.maxPatients) * e.arms * e.weeks);
}
