/**
 * A calibration problem built from reference datasets: which datasets can be fitted, their data
 * points as ObservedPoints (on the model's scale, with their spread), the scenario documents of one
 * candidate's runs, and the model values read from those runs (the mean over the candidate's seeds,
 * on the same normalisation as validation). Also the text of the output files and the reopening
 * of a finished calibration for `--resume` with a larger limit. Pure (no node:), so the page can
 * drive the same calibration.
 */
import type { Readouts } from "../../model/metrics/readouts";
import { InputError } from "../../model/params/validation";
import { type Cell as CsvCell, csvText } from "../csv";
import { flagError } from "../flag-values";
import { type Dataset, unrunnable } from "../reference/dataset";
import { dataOnScale, modelValues, type Series, scoredPoints } from "../validation/compare";
import { comparesArms, datasetDoc } from "../validation/plan";
import { setPath } from "../scenario-paths";
import type { AbcConfig, AbcState } from "./abc-smc";
import { type ObservedPoint, pointSpread, type SpreadSource } from "./distance";
import { configDifferences } from "./state-file";
import type { Cell } from "./summary";
import { weightedQuantile } from "./weighted";

/**
 * Normalisations a calibration can fit. Data that compare arms run an untreated twin beside each
 * treated run (same seed and tissue), as validation does. A share of runs is not fitted: its value
 * per candidate is a count over a few seeds.
 */
export const CALIBRATABLE_NORMALISATIONS: readonly Dataset["normalisation"][] = [
  "absolute",
  "relative to day 0",
  "change from baseline",
  "relative to control",
  "difference from control",
];

/** The arms a dataset runs per seed: treated and untreated twins when its data compare arms. */
export const armsOf = (d: Dataset): readonly Arm[] => (comparesArms(d) ? ["treated", "control"] : ["model"]);

export type Arm = "treated" | "control" | "model";

/** One data point to fit: where it comes from and its value and spread on the model's scale. */
export interface FitPoint {
  dataset: string;
  readout: string;
  day: number;
  /** The arm of two-arm data ("treated" or "control"); null for one-arm data. */
  arm: string | null;
  /** Value and SD on the model's scale (the SD as stated, or assumed when --assume-spread was given). */
  observed: ObservedPoint & { sd: number };
  spreadSource: SpreadSource;
}

/**
 * The chosen datasets of a library, checked: each known, runnable and on a normalisation the
 * calibration can fit. Throws an InputError naming `--data` otherwise.
 */
export function chooseDatasets(library: readonly Dataset[], ids: readonly string[]): Dataset[] {
  if (ids.length === 0) throw flagError("--data", "", "one or more dataset ids, comma-separated");
  const out: Dataset[] = [];
  for (const id of ids) {
    const d = library.find((x) => x.id === id);
    if (!d) throw flagError("--data", id, `dataset ids of the library (${library.map((x) => x.id).join(", ")})`);
    const why = unrunnable(d);
    if (why) throw flagError("--data", id, `a runnable dataset (${id} cannot be run: ${why})`);
    if (!CALIBRATABLE_NORMALISATIONS.includes(d.normalisation))
      throw flagError(
        "--data",
        id,
        `a dataset with normalisation ${CALIBRATABLE_NORMALISATIONS.join(" | ")} (${id} is "${d.normalisation}": a share of runs is not fitted)`,
      );
    if (out.some((x) => x.id === id)) throw flagError("--data", id, "each dataset once");
    out.push(d);
  }
  return out;
}

/**
 * The scored points of the datasets (the ones validation scores) as ObservedPoints. A point with no
 * usable spread is refused (InputError naming `--assume-spread`) unless a relative spread is assumed.
 */
export function fitPoints(datasets: readonly Dataset[], assumedRelativeSpread?: number): FitPoint[] {
  const out: FitPoint[] = [];
  for (const d of datasets) {
    for (const p of scoredPoints(d)) {
      const data = dataOnScale(d, p);
      const arm = comparesArms(d) && p.arm ? ` ${p.arm}` : "";
      const observed: ObservedPoint = { label: `${d.id} day ${p.day}${arm}`, value: data.mean };
      if (data.sd !== null && data.sd > 0) observed.sd = data.sd;
      let spread: { sd: number; source: SpreadSource };
      try {
        spread = pointSpread(observed, { assumedRelativeSpread });
      } catch (e) {
        throw new InputError(
          [
            {
              path: "--assume-spread",
              value: "(not given)",
              allowed: "a relative spread such as 0.1, chosen by you",
              message: `--assume-spread: ${e instanceof Error ? e.message : String(e)}; give --assume-spread FRACTION to assume an SD of FRACTION × the value for such points, or leave the dataset out`,
            },
          ],
          "input",
        );
      }
      out.push({
        dataset: d.id,
        readout: d.readout!,
        day: p.day,
        arm: comparesArms(d) ? (p.arm ?? "treated") : null,
        observed: { ...observed, sd: spread.sd },
        spreadSource: spread.source,
      });
    }
    if (!out.some((f) => f.dataset === d.id))
      throw flagError("--data", d.id, `a dataset with scored points (${d.id} has none: all are context)`);
  }
  return out;
}

/** One simulator run of a candidate: a dataset's protocol with the candidate's values, at one seed, in one arm. */
export interface CandidateRun {
  dataset: string;
  seed: number;
  arm: Arm;
  doc: Record<string, unknown>;
}

/**
 * The runs of one candidate: every dataset × every seed × its arms (an untreated twin beside each
 * treated run when the data compare arms), parameters set on top of the protocol; `lattice`
 * (width = height), when given, replaces the protocols' lattice.
 */
export function candidateRuns(
  datasets: readonly Dataset[],
  names: readonly string[],
  values: readonly number[],
  seeds: readonly number[],
  lattice: number | null = null,
): CandidateRun[] {
  const out: CandidateRun[] = [];
  for (const d of datasets)
    for (const seed of seeds)
      for (const arm of armsOf(d)) {
        const doc = datasetDoc(d, seed, arm);
        if (lattice !== null) doc.lattice = { width: lattice, height: lattice };
        names.forEach((name, i) => {
          setPath(doc, name, values[i]);
        });
        out.push({ dataset: d.id, seed, arm, doc });
      }
  return out;
}

/**
 * Model values at the fit points from a candidate's runs (histories[i] belongs to runs[i]; null for
 * a failed run): per seed on the dataset's normalisation, then the mean over seeds. A point any
 * seed could not give is NaN (the distance is then infinite).
 */
export function candidateModelValues(
  datasets: readonly Dataset[],
  points: readonly FitPoint[],
  runs: readonly CandidateRun[],
  histories: readonly (readonly Readouts[] | null)[],
): number[] {
  const series = new Map<string, Series>();
  for (const d of datasets) series.set(d.id, new Map(armsOf(d).map((arm) => [arm, new Map()])));
  runs.forEach((r, i) => {
    const d = datasets.find((x) => x.id === r.dataset)!;
    const h = histories[i];
    const days = new Map<number, number>();
    if (h) for (const row of h) days.set(row.day, Number((row as unknown as Record<string, number>)[d.readout!]));
    series.get(r.dataset)!.get(r.arm)!.set(r.seed, days);
  });
  return points.map((p) => {
    const d = datasets.find((x) => x.id === p.dataset)!;
    const v = modelValues(d, series.get(d.id)!, p.day, p.arm);
    if (v.length === 0 || v.some((x) => !Number.isFinite(x))) return Number.NaN;
    return v.reduce((a, b) => a + b, 0) / v.length;
  });
}

/** Text of a CSV from rows whose first row is the header. */
export function rowsText(rows: readonly (readonly Cell[])[]): string {
  const [header, ...body] = rows;
  return csvText(header!.map(String), body as CsvCell[][]);
}

/** fit.csv rows: each data point with the posterior's weighted median and 90 % band of the model value. */
export function fitRows(points: readonly FitPoint[], state: AbcState, modelAt: readonly number[][]): Cell[][] {
  const w = state.population.map((p) => p.weight);
  const header: Cell[] = [
    "dataset",
    "readout",
    "day",
    "arm",
    "data_mean",
    "data_sd",
    "sd_source",
    "model_median",
    "model_lower",
    "model_upper",
  ];
  const rows = points.map((p, i): Cell[] => {
    const v = modelAt.map((m) => m[i]!);
    return [
      p.dataset,
      p.readout,
      p.day,
      p.arm ?? "",
      p.observed.value,
      p.observed.sd,
      p.spreadSource,
      weightedQuantile(v, w, 0.5),
      weightedQuantile(v, w, 0.05),
      weightedQuantile(v, w, 0.95),
    ];
  });
  return [header, ...rows];
}

/** Limits `--resume` may raise; every other setting must match the saved state. */
const EXTENDABLE: readonly string[] = ["generations", "budget"];

/**
 * A saved state prepared to continue under the settings asked for now. Differences other than
 * a larger --generations or --budget are refused (their names are returned as an error list). A
 * state that stopped on its generation or budget limit is reopened when the new limit allows more:
 * a finished generation is followed by the next one with the tolerance an uninterrupted run would
 * have used, so the result equals that of one run with the larger limit (exactly for
 * --generations; for --budget the last batch of the shorter run may have been cut short).
 */
export function reopenState(saved: AbcState, wanted: AbcConfig): { state: AbcState } | { differences: string[] } {
  const differences = configDifferences(saved.config, wanted).filter((k) => !EXTENDABLE.includes(k));
  if (differences.length) return { differences };
  const s: AbcState = JSON.parse(JSON.stringify(saved));
  s.config.generations = wanted.generations;
  s.config.budget = wanted.budget;
  if (!s.done) return { state: s };
  const moreGenerations = s.config.generations === null || s.history.length < s.config.generations;
  const moreBudget = s.config.budget === null || s.runs < s.config.budget;
  if (!(s.stopReason === "generations" || s.stopReason === "budget") || !moreGenerations || !moreBudget)
    return { state: s };
  s.done = false;
  s.stopReason = null;
  if (s.history.length === s.generation + 1) {
    // Stopped right after finishing a generation: start the next as acceptGeneration would have.
    s.generation += 1;
    s.round = 0;
    s.generationRuns = 0;
    s.generationAccepted = 0;
    s.tolerance = weightedQuantile(
      s.population.map((p) => p.distance),
      s.population.map((p) => p.weight),
      s.config.alpha,
    );
  }
  return { state: s };
}
