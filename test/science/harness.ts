/** Helpers for the science tests: seeded runs on small lattices, summary statistics, printed effects. */
import type { Simulation } from "../../src/model/simulation";
import type { Readouts } from "../../src/model/metrics/readouts";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import type { ScenarioInput } from "../../src/model/params/scenario-schema";
import { bundled } from "../bundled-model";
import { testStages } from "./stage-cache";

export const SEEDS = [1, 2, 3, 4, 5];

/** Science lattice: 96² holds about nine lobules of the default 20-site radius. */
export const SIZE = 96;

export function simulate(preset: string, seed: number, overrides: ScenarioInput = {}, size = SIZE): Simulation {
  const doc = { ...overrides, preset, seed, lattice: { width: size, height: size } };
  return bundled.createSimulation(resolveScenario(doc, presetLookup), { stages: testStages });
}

/** Runs to the end and returns the daily history. */
export function runToEnd(preset: string, seed: number, overrides: ScenarioInput = {}, size = SIZE): Readouts[] {
  const sim = simulate(preset, seed, overrides, size);
  sim.step(sim.totalSteps);
  return sim.history();
}

export function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean, sd };
}

/** Prints "label: mean ± sd (values)" and returns the statistics. */
export function report(label: string, xs: number[], digits = 2): { mean: number; sd: number } {
  const s = meanSd(xs);
  console.log(
    `${label}: ${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}  [${xs.map((x) => x.toFixed(digits)).join(", ")}]`,
  );
  return s;
}

export const last = <T>(xs: T[]): T => xs[xs.length - 1]!;
