/**
 * Model against data, point by point. For each data point the model value is taken per seed (on the
 * data's normalisation: absolute, relative to the run's day 0, relative to the untreated twin, a
 * change from day 0, or 100 when the run is below a threshold and 0 otherwise — a share of virtual
 * patients), then summarised as a mean with a 95 % t-interval over seeds (Wilson's for a share).
 * z = (model mean − data mean) / data SD, where the data's SD is given or follows from SE and n;
 * a point is "within" when |z| ≤ 2, or — when the data give no SD — when the model's 95 % interval
 * holds the data mean; a point given only as a range [low, high] is within when the model mean lies in it.
 * Points of uninjured animals are context, not compared. Pure: the command line and tests feed it the
 * combined runs table.
 */
import type { Cell } from "../csv";
import { meanCI, wilson } from "../stats/intervals";
import { type DataPoint, type Dataset, dataSd, unrunnable } from "../reference/dataset";
import { comparesArms, DEFAULT_NUMERICS } from "./plan";

/** Per-seed read-out series of one dataset: arm → seed → day → value. */
export type Series = Map<string, Map<number, Map<number, number>>>;

export interface PointComparison {
  dataset: string;
  role: Dataset["role"];
  readout: string;
  day: number;
  arm: string;
  /** The data's mean, or the middle of its range when it gives only low and high. */
  dataMean: number;
  dataLow: number | null;
  dataHigh: number | null;
  dataSpread: number | null;
  spreadKind: string;
  dataN: number | null;
  modelMean: number;
  modelLower: number;
  modelUpper: number;
  seeds: number;
  z: number | null;
  within: boolean;
}

export interface DatasetVerdict {
  dataset: Dataset;
  points: PointComparison[];
  /** Why the dataset was not run, or null. */
  skipped: string | null;
  verdict: string;
}

/** The series of one dataset from the combined runs table (header + rows as written). */
export function seriesFrom(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  datasetId: string,
  readout: string,
  numerics = DEFAULT_NUMERICS,
): Series {
  const col = (name: string) => header.indexOf(name);
  const [cData, cArm, cSeed, cDay, cValue] = [col("dataset"), col("arm"), col("seed"), col("day"), col(readout)];
  // A batch run with --numerics labels each run's numerics; the comparison with the data uses the default.
  const cNumerics = col("numerics");
  const out: Series = new Map();
  for (const r of rows) {
    if (String(r[cData]) !== datasetId) continue;
    if (cNumerics >= 0 ? String(r[cNumerics]) !== numerics : numerics !== DEFAULT_NUMERICS) continue;
    const arm = String(r[cArm]);
    const seed = Number(r[cSeed]);
    if (!out.has(arm)) out.set(arm, new Map());
    const bySeed = out.get(arm)!;
    if (!bySeed.has(seed)) bySeed.set(seed, new Map());
    bySeed.get(seed)!.set(Number(r[cDay]), Number(r[cValue]));
  }
  return out;
}

/** A run's value at a (possibly fractional) day, linear between the daily rows. */
function at(days: Map<number, number>, day: number): number {
  const lo = Math.floor(day);
  const a = days.get(lo);
  if (day === lo || a === undefined) return a ?? Number.NaN;
  const b = days.get(lo + 1);
  return b === undefined ? Number.NaN : a + (b - a) * (day - lo);
}

/** The data's day-0 mean (same arm), which "relative to day 0" divides by; 1 when the data are already fractions. */
function dataDayZero(d: Dataset, p: DataPoint): number | null {
  const zero = d.points.find((q) => q.day === 0 && (q.arm ?? null) === (p.arm ?? null));
  return zero?.mean ?? null;
}

/** Per-seed model values for one data point, on the data's normalisation. */
export function modelValues(
  d: Dataset,
  series: Series,
  day: number,
  arm?: string | null,
  normalisation: Dataset["normalisation"] = d.normalisation,
): number[] {
  // The arm is the dataset's (a two-arm dataset read on another scale still reads its treated arm).
  const runs = series.get(comparesArms(d) ? (arm ?? "treated") : "model");
  if (!runs) return [];
  const out: number[] = [];
  for (const [seed, days] of [...runs].sort((a, b) => a[0] - b[0])) {
    const v = at(days, day);
    if (normalisation === "absolute") out.push(v);
    else if (normalisation === "relative to day 0") out.push(v / at(days, 0));
    else if (normalisation === "change from baseline") out.push(v - at(days, 0));
    else if (normalisation === "percent of runs below") out.push(v < d.below! ? 100 : 0);
    else {
      const control = series.get("control")?.get(seed);
      const c = control ? at(control, day) : Number.NaN;
      out.push(normalisation === "difference from control" ? v - c : v / c);
    }
  }
  return out;
}

/**
 * The model's mean and 95 % interval over seeds: a t-interval, or for a share of runs (each seed 0 or
 * 100) Wilson's score interval, which stays honest when every seed agrees (a t-interval is then [100, 100]).
 */
export function modelInterval(
  d: Dataset,
  values: readonly number[],
): { n: number; mean: number; lower: number; upper: number } {
  if (d.normalisation !== "percent of runs below") return meanCI(values);
  const runs = values.filter((v) => Number.isFinite(v));
  const w = wilson(runs.filter((v) => v > 0).length, runs.length);
  return { n: runs.length, mean: 100 * w.rate, lower: 100 * w.lower, upper: 100 * w.upper };
}

/** The data point on the model's scale: "relative to day 0" data are divided by their own day-0 mean when they have one. */
export function dataOnScale(
  d: Dataset,
  p: DataPoint,
): { mean: number; low: number | null; high: number | null; sd: number | null; spread: number | null } {
  const zero = d.normalisation === "relative to day 0" ? dataDayZero(d, p) : null;
  const f = zero === null || zero === 0 ? 1 : 1 / zero;
  const scale = (v: number | null | undefined) => (v === null || v === undefined ? null : v * f);
  const low = scale(p.low);
  const high = scale(p.high);
  const mean = p.mean !== null ? p.mean * f : (low! + high!) / 2;
  return { mean, low, high, sd: scale(dataSd(p)), spread: scale(p.spread) };
}

/**
 * The points of a dataset the model is scored against: not the untreated twins' points of relative
 * data, not uninjured animals (context), not points the protocol was set from or the day-0 reference
 * of relative data (they agree by construction), and only the compared group.
 */
export function scoredPoints(d: Dataset): DataPoint[] {
  return d.points.filter((p) => {
    const vsControl = d.normalisation === "relative to control" || d.normalisation === "difference from control";
    if ((vsControl && p.arm === "control") || p.arm === "uninjured") return false;
    if (p.sets_protocol || (d.normalisation === "relative to day 0" && p.day === 0)) return false;
    return !(d.protocol.compare_group !== undefined && p.group !== undefined && p.group !== d.protocol.compare_group);
  });
}

export function compareDataset(d: Dataset, series: Series): DatasetVerdict {
  const skipped = unrunnable(d);
  if (skipped) return { dataset: d, points: [], skipped, verdict: `not run: ${skipped}` };
  const points: PointComparison[] = [];
  for (const p of scoredPoints(d)) {
    const ci = modelInterval(d, modelValues(d, series, p.day, p.arm));
    const data = dataOnScale(d, p);
    const z = p.mean !== null && data.sd !== null && data.sd > 0 ? (ci.mean - data.mean) / data.sd : null;
    const within =
      z !== null
        ? Math.abs(z) <= 2
        : p.mean === null
          ? data.low! <= ci.mean && ci.mean <= data.high!
          : ci.lower <= data.mean && data.mean <= ci.upper;
    points.push({
      dataset: d.id,
      role: d.role,
      readout: d.readout!,
      day: p.day,
      arm: p.arm ?? "",
      dataMean: data.mean,
      dataLow: data.low,
      dataHigh: data.high,
      dataSpread: data.spread,
      spreadKind: p.spread_kind,
      dataN: p.n ?? null,
      modelMean: ci.mean,
      modelLower: ci.lower,
      modelUpper: ci.upper,
      seeds: ci.n,
      z,
      within: within && Number.isFinite(ci.mean),
    });
  }
  const hits = points.filter((p) => p.within).length;
  const verdict =
    hits === points.length
      ? `consistent: ${hits} of ${points.length} points within`
      : `MISS: ${hits} of ${points.length} points within`;
  return { dataset: d, points, skipped: null, verdict };
}

export const VALIDATION_HEADER = [
  "dataset",
  "role",
  "readout",
  "day",
  "arm",
  "data_mean",
  "data_low",
  "data_high",
  "data_spread",
  "spread_kind",
  "data_n",
  "model_mean",
  "model_ci_lower",
  "model_ci_upper",
  "seeds",
  "z",
  "within",
];

export function validationRows(verdicts: readonly DatasetVerdict[]): Cell[][] {
  return verdicts.flatMap((v) =>
    v.points.map((p) => [
      p.dataset,
      p.role,
      p.readout,
      p.day,
      p.arm,
      p.dataMean,
      p.dataLow,
      p.dataHigh,
      p.dataSpread,
      p.spreadKind,
      p.dataN,
      p.modelMean,
      p.modelLower,
      p.modelUpper,
      p.seeds,
      p.z,
      p.within,
    ]),
  );
}
