/**
 * Distance between a run's read-outs and published data points: the root mean square of the
 * errors in units of each point's stated spread,
 *   d = sqrt( mean_i ((sim_i − value_i) / sd_i)² ),
 * over all points of the chosen datasets. d ≈ 1 means the run misses the data by about one
 * standard deviation on average, whatever the units of the read-outs.
 *
 * The spread of a point is its SD; when only a standard error of a mean over n animals or patients
 * is stated, SD = SE·√n. When neither is stated the point is refused, unless the caller names a
 * relative spread to assume (a user's choice, recorded as "assumed" in the outputs — the project
 * never picks one for the data).
 */

export interface ObservedPoint {
  /** Name used in error messages, e.g. "marongiu-2017 day 7". */
  label: string;
  value: number;
  sd?: number;
  se?: number;
  /** Sample size, needed to turn an SE into an SD. */
  n?: number;
}

export type SpreadSource = "sd" | "se" | "assumed";

export interface DistanceOptions {
  /** Relative spread the user chose to assume for points that state none; without it such points are refused. */
  assumedRelativeSpread?: number;
}

/** The SD by which a point's error is divided, and where it comes from. */
export function pointSpread(p: ObservedPoint, options: DistanceOptions = {}): { sd: number; source: SpreadSource } {
  if (p.sd !== undefined) {
    if (!(p.sd > 0 && Number.isFinite(p.sd)))
      throw new Error(`data point ${p.label}: SD ${p.sd} must be a positive number`);
    return { sd: p.sd, source: "sd" };
  }
  if (p.se !== undefined) {
    if (!(p.se > 0 && Number.isFinite(p.se)))
      throw new Error(`data point ${p.label}: SE ${p.se} must be a positive number`);
    if (p.n === undefined || !(Number.isInteger(p.n) && p.n >= 1))
      throw new Error(`data point ${p.label}: an SE needs the sample size n to give an SD`);
    return { sd: p.se * Math.sqrt(p.n), source: "se" };
  }
  const relative = options.assumedRelativeSpread ?? 0;
  const sd = relative * Math.abs(p.value);
  if (!(sd > 0 && Number.isFinite(sd))) {
    throw new Error(
      `data point ${p.label}: no SD or SE is stated${p.value === 0 ? " and its value is 0" : ""}, so its error cannot be scaled (choose a relative spread to assume, or leave the point out)`,
    );
  }
  return { sd, source: "assumed" };
}

/**
 * Normalised distance of simulated values (simulated[i] is the run's read-out at points[i]).
 * A missing or non-finite simulated value (a failed run) gives Infinity, which is never accepted.
 */
export function normalisedDistance(
  points: readonly ObservedPoint[],
  simulated: readonly number[],
  options: DistanceOptions = {},
): number {
  if (points.length === 0) throw new Error("no data points to compare with");
  if (simulated.length !== points.length)
    throw new Error(`${simulated.length} simulated values for ${points.length} data points`);
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const sim = simulated[i]!;
    if (!Number.isFinite(sim)) return Infinity;
    const p = points[i]!;
    const z = (sim - p.value) / pointSpread(p, options).sd;
    sum += z * z;
  }
  return Math.sqrt(sum / points.length);
}
