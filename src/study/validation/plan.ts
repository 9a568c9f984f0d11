/**
 * The validation plan: every runnable dataset × seed, with an untreated twin (same seed, same tissue,
 * no infusions) wherever the data compare arms. Runs of one dataset and seed share a worker, so the
 * twins share one generated stage.
 */
import type { Cell } from "../csv";
import type { Scenario, ScenarioInput } from "../../model/params/scenario-schema";
import { type Plan, type RunSpec, resolvedDoc } from "../plan";
import { setPath } from "../scenario-paths";
import { type Dataset, unrunnable } from "../reference/dataset";

/** Lattice width = height of a validation run when its dataset names none: the smallest the numerics test allows (docs/validation.md). */
export const DEFAULT_VALIDATION_LATTICE = 96;

export interface ValidationSpec {
  kind: "validation";
  seeds: number[];
  datasets: Dataset[];
  /** Also run every protocol with each of NUMERICS_VARIANTS (`--numerics`). */
  numerics?: boolean;
}

/**
 * The numerics check of issue 17 item 7 at full scale: each protocol again with Δt halved, ten times
 * the field sub-steps, and a 256² lattice. A variant changes nothing else (same seeds, same days).
 */
export const NUMERICS_VARIANTS = [
  {
    key: "dt-half",
    label: "Δt halved",
    paired: true,
    apply: (doc: Record<string, unknown>, s: Scenario) =>
      setPath(doc, "simulation.dt", s.parameters["simulation.dt"]! / 2),
  },
  {
    key: "substeps-10x",
    label: "10× field sub-steps",
    paired: true,
    apply: (doc: Record<string, unknown>, s: Scenario) =>
      setPath(doc, "simulation.field_substeps", s.parameters["simulation.field_substeps"]! * 10),
  },
  {
    key: "lattice-256",
    label: "256² lattice",
    paired: false,
    apply: (doc: Record<string, unknown>) => setPath(doc, "lattice", { width: 256, height: 256 }),
  },
] as const;

/** The label of the default numerics in a batch run with `--numerics`. */
export const DEFAULT_NUMERICS = "default";

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

/** The seeds a dataset runs: the batch's, or 1…min_seeds when the dataset needs more (a share of patients). */
export function seedsFor(d: Dataset, seeds: readonly number[]): number[] {
  const min = d.protocol.min_seeds ?? 0;
  return seeds.length >= min ? [...seeds] : Array.from({ length: min }, (_, i) => i + 1);
}

export function validationPlan(datasets: readonly Dataset[], seeds: readonly number[], numerics = false): Plan {
  const runs: RunSpec[] = [];
  const add = (runId: string, seed: number, group: string, doc: ScenarioInput, labels: Record<string, Cell>) =>
    runs.push({ index: runs.length, runId, seed, group, doc, labels });
  for (const d of datasets) {
    if (unrunnable(d)) continue;
    const arms = comparesArms(d) ? (["treated", "control"] as const) : (["model"] as const);
    for (const seed of seedsFor(d, seeds))
      for (const arm of arms) {
        const { scenario, doc } = resolvedDoc(datasetDoc(d, seed, arm));
        const labels: Record<string, Cell> = { dataset: d.id, arm };
        if (!numerics) {
          add(`${d.id}--s${seed}-${arm}`, seed, `${d.id}:${seed}`, doc, labels);
          continue;
        }
        add(`${d.id}--s${seed}-${arm}`, seed, `${d.id}:${seed}`, doc, { ...labels, numerics: DEFAULT_NUMERICS });
        for (const v of NUMERICS_VARIANTS) {
          const changed = datasetDoc(d, seed, arm);
          v.apply(changed, scenario);
          const runId = `${d.id}--s${seed}-${arm}--${v.key}`;
          add(runId, seed, `${d.id}:${seed}:${v.key}`, resolvedDoc(changed).doc, { ...labels, numerics: v.key });
        }
      }
  }
  const spec: ValidationSpec = {
    kind: "validation",
    seeds: [...seeds],
    datasets: [...datasets],
    ...(numerics ? { numerics } : {}),
  };
  const labelKeys = numerics ? ["dataset", "arm", "numerics"] : ["dataset", "arm"];
  return { kind: "validation", single: false, runs, labelKeys, spec };
}
