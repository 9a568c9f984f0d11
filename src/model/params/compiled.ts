/** Parameter values in internal units (µm, hours), looked up by key once per phase, never per site. */
import { PARAMETERS, type ParamKey } from "./registry";
import type { Scenario, Species } from "./scenario-schema";
import { applySpeciesClock } from "./species-clock";

export type Params = Readonly<Record<ParamKey, number>>;

/** The scenario's parameters in internal units, on the clock of `species` (the scenario's own unless given). */
export function compileParams(s: Scenario, species: Species = s.species): Params {
  const out = {} as Record<ParamKey, number>;
  for (const p of PARAMETERS) out[p.key] = s.parameters[p.key]! * p.toInternal;
  applySpeciesClock(out, species);
  return out;
}

/** Reads a parameter; the key is a ParamKey, and a key missing at run time still fails loudly (a typo must not become NaN). */
export function need(p: Params, key: ParamKey): number {
  const v = p[key];
  if (v === undefined) throw new Error(`internal: unknown parameter "${key}"`);
  return v;
}

/** Probability of at least one event in dt for a hazard rate (per hour): 1 − e^(−rate·dt). */
export function hazard(rate: number, dt: number): number {
  return rate > 0 ? 1 - Math.exp(-rate * dt) : 0;
}

/** Saturating response x / (K + x). */
export function saturating(x: number, half: number): number {
  return x > 0 ? x / (half + x) : 0;
}

/** Sigmoidal response x² / (K² + x²): near zero for trace signals, so noise cannot ignite a loop. */
export function hill2(x: number, half: number): number {
  return x > 0 ? (x * x) / (half * half + x * x) : 0;
}
