/**
 * The Experiment panel's *Fit to data*: the library datasets the calibration engine accepts, the
 * registry parameters with their priors, and the form checked by the same settings check as
 * `npx hepatosim calibrate` (src/study/calibration/setup.ts) plus the page's limits (1–3 parameters,
 * a classroom budget, at most 64² sites). Pure (no DOM), tested in Node.
 */
import { PARAMETERS } from "../model/params/registry";
import { InputError, type InputIssue } from "../model/params/validation";
import type { AbcState } from "../study/calibration/abc-smc";
import { registryPrior } from "../study/calibration/priors";
import { type CalibrationInput, type CalibrationSetup, calibrationSetup } from "../study/calibration/setup";
import { chooseDatasets, fitPoints } from "../study/calibration/problem";
import type { Dataset } from "../study/reference/dataset";
import { daysNeeded } from "../study/validation/plan";
import { paramLabel } from "./controls/param-groups";
import { TEXT } from "./text";

const F = TEXT.experiment.fit;

/** The page's limits: a fit a class can watch finish (the command line has none of them). */
export const PAGE_FIT = {
  maxParams: 3,
  minBudget: 20,
  maxBudget: 500,
  minParticles: 5,
  maxParticles: 100,
  sizes: [32, 48, 64],
  defaults: { particles: "20", budget: "150", seed: "1", size: 64 },
} as const;

/** How messages name the document. */
export const FIT_DOCUMENT = "fit";

export interface FitDataset {
  id: string;
  label: string;
  days: number;
  points: number;
}

/** Library datasets the engine fits as they are (runnable, a fittable scale, every point with a spread). */
export function fitDatasets(library: readonly Dataset[]): FitDataset[] {
  const out: FitDataset[] = [];
  for (const d of library) {
    try {
      chooseDatasets(library, [d.id]);
      const points = fitPoints([d]).length;
      out.push({
        id: d.id,
        label: F.datasetLabel(d.title, d.species, daysNeeded(d), points, d.role),
        days: daysNeeded(d),
        points,
      });
    } catch {
      // Not fittable without a choice the page does not offer (an assumed spread), or a share of runs.
    }
  }
  return out.sort((a, b) => a.days - b.days || a.id.localeCompare(b.id));
}

const short = (v: number) => String(Number(v.toPrecision(3)));

export interface FitParameter {
  name: string;
  label: string;
  group: string;
}

/** Registry parameters with their default prior (the range the fit searches). */
export function fitParameters(): FitParameter[] {
  return PARAMETERS.map((p) => {
    const prior = registryPrior(p.key);
    const [lo, hi] = "loguniform" in prior ? prior.loguniform : "uniform" in prior ? prior.uniform : [p.min, p.max];
    return {
      name: p.key,
      label: F.parameterLabel(`${paramLabel(p)} (${p.key})`, short(lo), short(hi), "loguniform" in prior),
      group: TEXT.paramGroups[p.group] ?? p.group,
    };
  });
}

export interface FitForm {
  data: string[];
  params: string[];
  particles: string;
  budget: string;
  seed: string;
  size: number;
}

export interface PageFit {
  setup: CalibrationSetup;
  /** The settings as the command line takes them (the same flags give the same posterior). */
  input: CalibrationInput;
  budgetRuns: number;
}

function issue(path: string, value: string, allowed: string): InputIssue {
  return { path, value, allowed, message: `${path}: ${value} is not allowed; allowed: ${allowed}` };
}

/** Command-line flags as the form's fields call them. */
const FIELD_OF_FLAG: Record<string, string> = {
  "--data": F.fields.data,
  "--params": F.fields.params,
  "--particles": F.fields.particles,
  "--budget": F.fields.budget,
  "--seed": F.fields.seed,
  "--lattice": F.fields.size,
};

/** Checks the form: the page's limits first, then the command line's own check of the same settings. */
export function pageFit(library: readonly Dataset[], form: FitForm): PageFit {
  const issues: InputIssue[] = [];
  if (form.data.length === 0) issues.push(issue(F.fields.data, "none", F.allowedData));
  if (form.params.length === 0 || form.params.length > PAGE_FIT.maxParams)
    issues.push(issue(F.fields.params, F.chosen(form.params.length), F.allowedParams(PAGE_FIT.maxParams)));
  const budget = Number(form.budget.trim());
  if (
    form.budget.trim() === "" ||
    !Number.isInteger(budget) ||
    budget < PAGE_FIT.minBudget ||
    budget > PAGE_FIT.maxBudget
  )
    issues.push(
      issue(F.fields.budget, JSON.stringify(form.budget), F.allowedBudget(PAGE_FIT.minBudget, PAGE_FIT.maxBudget)),
    );
  const particles = Number(form.particles.trim());
  if (
    form.particles.trim() === "" ||
    !Number.isInteger(particles) ||
    particles < PAGE_FIT.minParticles ||
    particles > PAGE_FIT.maxParticles
  )
    issues.push(
      issue(
        F.fields.particles,
        JSON.stringify(form.particles),
        F.allowedParticles(PAGE_FIT.minParticles, PAGE_FIT.maxParticles),
      ),
    );
  if (!(PAGE_FIT.sizes as readonly number[]).includes(form.size))
    issues.push(issue(F.fields.size, String(form.size), PAGE_FIT.sizes.map((n) => `${n}`).join(", ")));
  if (issues.length) throw new InputError(issues, FIT_DOCUMENT);
  const input: CalibrationInput = {
    data: form.data.join(","),
    params: form.params.join(","),
    particles: form.particles.trim(),
    budget: form.budget.trim(),
    seed: form.seed,
    lattice: String(form.size),
  };
  try {
    return { setup: calibrationSetup(library, input), input, budgetRuns: budget };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(
      e.issues.map((i) => {
        const field = FIELD_OF_FLAG[i.path];
        return field ? { ...i, path: field, message: i.message.replace(i.path, field) } : i;
      }),
      FIT_DOCUMENT,
    );
  }
}

/** The same calibration on the command line. */
export function fitCommand(f: PageFit): string {
  const i = f.input;
  return `npx hepatosim calibrate --data ${i.data} --params ${i.params} --particles ${i.particles} --budget ${i.budget} --lattice ${i.lattice} --seed ${i.seed}`;
}

/** One line on what a checked fit will do. */
export function describeFit(f: PageFit): string {
  const s = f.setup;
  const days = Math.max(...s.datasets.map(daysNeeded));
  return F.planLine(f.budgetRuns, s.options.particles, s.names.length, s.datasets.length, s.lattice ?? 0, days);
}

/** The generation line while a fit runs. */
export function generationLine(state: AbcState, runsPerCandidate: number, budgetRuns: number): string {
  const eps = state.tolerance === null ? "∞" : state.tolerance.toPrecision(3);
  return F.generation(
    state.generation,
    eps,
    state.accepted.length,
    state.config.particles,
    state.runs * runsPerCandidate,
    budgetRuns,
  );
}
