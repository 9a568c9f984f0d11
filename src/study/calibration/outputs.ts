/**
 * The files of a calibration as text, written by `hepatosim calibrate` and offered for download by
 * the page: posterior.csv, generations.csv, calibrated.json, pairs.svg, fit.csv, fit.svg, and the
 * manifest's content apart from where it ran (the CLI adds its provenance, the page the browser's).
 * Pure (no node:, no DOM).
 */
import type { AbcState } from "./abc-smc";
import { fitSvg, pairsSvg } from "./plots";
import { fitRows, rowsText } from "./problem";
import type { CalibrationSetup } from "./setup";
import { generationRows, medianParameters, type PosteriorSummary, posteriorRows, summarisePosterior } from "./summary";

export interface CalibrationFile {
  name: string;
  text: string;
}

/** The result files of the last finished generation (none before generation 0 has finished). */
export function calibrationFiles(
  s: CalibrationSetup,
  state: AbcState,
  wallSeconds: readonly number[],
  fitValues: readonly number[][] | null,
): { files: CalibrationFile[]; summary: PosteriorSummary | null } {
  if (state.population.length === 0) return { files: [], summary: null };
  const summary = summarisePosterior(state);
  const files: CalibrationFile[] = [
    { name: "posterior.csv", text: rowsText(posteriorRows(state)) },
    { name: "generations.csv", text: rowsText(generationRows(state.history, [...wallSeconds])) },
    { name: "calibrated.json", text: `${JSON.stringify({ parameters: medianParameters(summary) }, null, 2)}\n` },
    { name: "pairs.svg", text: pairsSvg(state, summary) },
  ];
  if (fitValues && fitValues.length === state.population.length) {
    const rows = fitRows(s.points, state, fitValues);
    files.push({ name: "fit.csv", text: rowsText(rows) }, { name: "fit.svg", text: fitSvg(rows) });
  }
  return { files, summary };
}

/** The manifest's description of the calibration (method, data, settings, progress, posterior summary). */
export function calibrationManifest(
  s: CalibrationSetup,
  state: AbcState,
  wallSeconds: readonly number[],
  summary: PosteriorSummary,
): Record<string, unknown> {
  return {
    kind: "calibration",
    method: "ABC-SMC (Toni 2009; Beaumont 2009; Filippi 2013): docs/calibration.md",
    datasets: s.datasets.map((d) => ({
      id: d.id,
      readout: d.readout,
      normalisation: d.normalisation,
      doi: d.citation.doi ?? null,
    })),
    points: s.points.map((p) => ({
      dataset: p.dataset,
      day: p.day,
      ...(p.arm !== null ? { arm: p.arm } : {}),
      value: p.observed.value,
      sd: p.observed.sd,
      sd_source: p.spreadSource,
    })),
    assume_spread: s.assumeSpread,
    ...(s.lattice !== null ? { lattice: s.lattice } : {}),
    parameters: state.config.priors,
    particles: state.config.particles,
    generations: state.config.generations,
    budget: state.config.budget,
    seed: state.config.seed,
    seeds_per_particle: s.seedsPerParticle,
    alpha: state.config.alpha,
    kernel_scale: state.config.kernelScale,
    min_acceptance_rate: state.config.minAcceptanceRate,
    runs: state.runs,
    finished_generations: state.history.length,
    generation_wall_s: [...wallSeconds],
    done: state.done,
    stop_reason: state.stopReason,
    summary,
  };
}
