/**
 * The numerics check of `hepatosim validation --numerics` (issue 17 item 7, at full scale): for every
 * scored data point, the model value with Δt halved, ten times the field sub-steps and a 256² lattice
 * against the default numerics, as a change relative to the default's value, with its 90 % interval
 * (paired per seed where the variant keeps the seed's tissue size; Welch's interval for the other
 * lattice). A change is "within" when its mean is under 5 %, "equivalent" when its whole interval is.
 */
import type { Cell } from "../csv";
import type { Dataset } from "../reference/dataset";
import { type MeanCI, meanCI, pairedDifference, unpairedDifference } from "../stats/intervals";
import type { CombinedTables } from "../tables";
import { modelValues, type Series, scoredPoints, seriesFrom } from "./compare";
import { DEFAULT_NUMERICS, NUMERICS_VARIANTS } from "./plan";

export const NUMERICS_MARGIN = 0.05;

export interface NumericsChange {
  dataset: string;
  day: number;
  arm: string;
  variant: string;
  defaultMean: number;
  variantMean: number;
  /** Mean change and its 90 % interval, as fractions of the point's scale. */
  change: number;
  lower: number;
  upper: number;
  within: boolean;
  equivalent: boolean;
}

/**
 * What a change is relative to: the default's model value; for differences and changes from day 0,
 * which sit near 0 by nature, the read-out's own value; for a share of runs, the whole 100 %.
 */
function scale(d: Dataset, def: Series, day: number, arm: string | null): number {
  if (d.normalisation === "percent of runs below") return 100;
  const nearZero = d.normalisation === "difference from control" || d.normalisation === "change from baseline";
  return Math.abs(meanCI(modelValues(d, def, day, arm, nearZero ? "absolute" : d.normalisation)).mean);
}

/** Every scored point's change under each numerics variant (datasets the batch ran). */
export function numericsChanges(d: Dataset, tables: CombinedTables): NumericsChange[] {
  if (!d.readout) return [];
  const def = seriesFrom(tables.header, tables.rows, d.id, d.readout, DEFAULT_NUMERICS);
  if (def.size === 0) return [];
  const out: NumericsChange[] = [];
  for (const v of NUMERICS_VARIANTS) {
    const other = seriesFrom(tables.header, tables.rows, d.id, d.readout, v.key);
    for (const p of scoredPoints(d)) {
      const a = modelValues(d, def, p.day, p.arm);
      const b = modelValues(d, other, p.day, p.arm);
      const diff: MeanCI = v.paired ? pairedDifference(b, a, 0.9) : unpairedDifference(b, a, 0.9);
      const k = scale(d, def, p.day, p.arm ?? null);
      // A point whose default value is 0 (e.g. no activated stellate cells left) has no scale: no
      // change at all still counts as none; any other change has no relative size.
      const rel = (x: number) => (k > 0 ? x / k : x === 0 ? 0 : Number.NaN);
      const [change, lower, upper] = [rel(diff.mean), rel(diff.lower), rel(diff.upper)];
      out.push({
        dataset: d.id,
        day: p.day,
        arm: p.arm ?? "",
        variant: v.key,
        defaultMean: meanCI(a).mean,
        variantMean: meanCI(b).mean,
        change,
        lower,
        upper,
        within: Math.abs(change) < NUMERICS_MARGIN,
        equivalent: lower > -NUMERICS_MARGIN && upper < NUMERICS_MARGIN,
      });
    }
  }
  return out;
}

export const NUMERICS_HEADER = [
  "dataset",
  "day",
  "arm",
  "variant",
  "default_mean",
  "variant_mean",
  "change_percent",
  "change_lower_percent",
  "change_upper_percent",
  "within_5_percent",
  "equivalent_5_percent",
];

export function numericsRows(changes: readonly NumericsChange[]): Cell[][] {
  return changes.map((c) => [
    c.dataset,
    c.day,
    c.arm,
    c.variant,
    c.defaultMean,
    c.variantMean,
    100 * c.change,
    100 * c.lower,
    100 * c.upper,
    c.within,
    c.equivalent,
  ]);
}

/** One line per dataset: each variant's largest mean change over the dataset's points. */
export function numericsLine(id: string, changes: readonly NumericsChange[]): string {
  const parts = NUMERICS_VARIANTS.map((v) => {
    const mine = changes.filter((c) => c.variant === v.key);
    const worst = mine.reduce((w, c) => (Math.abs(c.change) > Math.abs(w) || Number.isNaN(c.change) ? c.change : w), 0);
    const pc = Number.isNaN(worst) ? "n/a" : `${worst >= 0 ? "+" : ""}${(100 * worst).toFixed(1)} %`;
    return `${v.label} ${pc}`;
  });
  const within = changes.filter((c) => c.within).length;
  return `${id}: numerics ${parts.join(", ")} (largest mean change; ${within} of ${changes.length} under 5 %)`;
}
