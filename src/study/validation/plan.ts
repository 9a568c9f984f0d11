/**
 * The validation plan: every runnable dataset × seed, with an untreated twin (same seed, same tissue,
 * no infusions) wherever the data compare arms. Runs of one dataset and seed share a worker, so the
 * twins share one generated stage.
 */
import type { Cell } from "../csv";
import { type Plan, type RunSpec, resolvedDoc } from "../plan";
import { setPath } from "../scenario-paths";
import { type Dataset, unrunnable } from "../reference/dataset";

/** Lattice width = height of a validation run when its dataset names none: the smallest the numerics test allows (docs/validation.md). */
export const DEFAULT_VALIDATION_LATTICE = 96;

export interface ValidationSpec {
  kind: "validation";
  seeds: number[];
  datasets: Dataset[];
}

/** Data that compare MSC-treated with untreated animals or patients: run an untreated twin per seed. */
export const comparesArms = (d: Dataset) =>
  d.normalisation === "relative to control" ||
  d.normalisation === "difference from control" ||
  d.points.some((p) => p.arm === "control");

/** Simulated days a dataset needs: its last data point, rounded up to a whole day. */
export const daysNeeded = (d: Dataset) => Math.max(1, Math.ceil(Math.max(...d.points.map((p) => p.day))));

/** The scenario of one run of a dataset's protocol: its preset in the dataset's species (a human dataset on a rodent preset runs on the human clock), then its settings. */
export function datasetDoc(d: Dataset, seed: number, arm: "treated" | "control" | "model"): Record<string, unknown> {
  const base: Record<string, unknown> = { preset: d.protocol.preset, species: d.species };
  const width = d.protocol.lattice ?? DEFAULT_VALIDATION_LATTICE;
  base.lattice = { width, height: width };
  for (const [name, value] of Object.entries(d.protocol.scenario ?? {})) setPath(base, name, structuredClone(value));
  base.seed = seed;
  base.days = daysNeeded(d);
  if (arm === "control") setPath(base, "therapy.infusions", []);
  return base;
}

export function validationPlan(datasets: readonly Dataset[], seeds: readonly number[]): Plan {
  const runs: RunSpec[] = [];
  for (const d of datasets) {
    if (unrunnable(d)) continue;
    const arms = comparesArms(d) ? (["treated", "control"] as const) : (["model"] as const);
    for (const seed of seeds)
      for (const arm of arms) {
        const { doc } = resolvedDoc(datasetDoc(d, seed, arm));
        const labels: Record<string, Cell> = { dataset: d.id, arm };
        runs.push({
          index: runs.length,
          runId: `${d.id}--s${seed}-${arm}`,
          seed,
          group: `${d.id}:${seed}`,
          doc,
          labels,
        });
      }
  }
  const spec: ValidationSpec = { kind: "validation", seeds: [...seeds], datasets: [...datasets] };
  return { kind: "validation", single: false, runs, labelKeys: ["dataset", "arm"], spec };
}
