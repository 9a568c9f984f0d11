/** Everything a running simulation holds. All of it but `derived` is plain data that a snapshot keeps. */
import type { Derived } from "./derived";
import type { FieldSet } from "./fields/solver";
import type { TissueState } from "./lattice/state";
import type { Scenario } from "./params/scenario-schema";

/** The per-infusion MSC behaviour (source preset × engineering × mechanism switches), per simulated cell. */
export interface MscProfile {
  /** Secretion rates (1/h) per simulated cell, already divided by the display amplification. */
  hgf: number;
  egf: number;
  vegf: number;
  il10: number;
  /** Contact strength per simulated cell (immunomodulation, HSC deactivation, MMP), divided by amplification. */
  contact: number;
  /** Probability rates (1/h) per simulated cell. */
  differentiation: number;
  proliferation: number;
}

/** A delivery still on its way to the liver (intravenous cells arrive over days). */
export interface PendingArrival {
  /** Index of the infusion (and of its MSC profile). */
  infusion: number;
  /** Real MSCs still to arrive in the section (before amplification). */
  remainingReal: number;
  /** Fraction of the remainder that arrives per hour. */
  ratePerHour: number;
  /** Fraction of a simulated cell carried to the next step (placement is deterministic). */
  carry: number;
}

/**
 * The counters, declared once: a whole `count` or a real `amount` ≥ 0 each. This order is the state
 * hash's (it reads Object.values) and the snapshot's; `freshCounters` and the snapshot schema follow it.
 */
export const COUNTERS = {
  hepatocyteDeathsTotal: "count",
  hepatocyteDeathsToday: "count",
  /** Deaths over the last complete simulated day (the ALT-release read-out). */
  hepatocyteDeathsLastDay: "count",
  hepatocyteDivisionsTotal: "count",
  mscDeliveredReal: "amount",
  mscDeliveredSimulated: "count",
  mscDifferentiatedSimulated: "count",
} as const satisfies Record<string, "count" | "amount">;

export type Counters = Record<keyof typeof COUNTERS, number>;

/** Every counter at 0, in the declared order. */
export function freshCounters(): Counters {
  const out = {} as Counters;
  for (const key of Object.keys(COUNTERS) as (keyof Counters)[]) out[key] = 0;
  return out;
}

export interface Baseline {
  hepatocytes: number;
  sinusoids: number;
  /** Steps of chronic injury the stage generator applied. */
  generationSteps: number;
  generationCpaPercent: number;
  /**
   * Day-0 mean of each blood-carried field (hgf, egf, vegf, il10; a.u.) over perfused sinusoid sites:
   * the tissue level that stands for the endogenous plasma level (therapy/blood.ts).
   */
  bloodReference: number[];
}

/** Blood levels of MSC-derived factors from the systemic (lung-trapped) pool: hgf, egf, vegf, il10, mmp. */
export type Blood = [number, number, number, number, number];
export const BLOOD_FACTORS = 5;

export interface SimState {
  scenario: Scenario;
  seed: number;
  tissue: TissueState;
  /** The tissue's fields with their memory and backend (its arrays are tissue.fields); rebuilt on load, never saved. */
  fieldSet: FieldSet;
  /** Absolute step counter since the tissue was generated (keys the random streams). */
  clock: number;
  /** Steps since day 0 of the run (0 during stage generation). */
  step: number;
  counters: Counters;
  baseline: Baseline;
  mscProfiles: MscProfile[];
  pending: PendingArrival[];
  /** Real MSCs of each infusion outside the liver (lungs, spleen…): they feed the blood compartment. */
  systemicByInfusion: number[];
  /** Simulated MSCs per real MSC (see docs/model.md, "Scale"). */
  amplification: number;
  /** Blood levels of MSC-derived factors [hgf, egf, vegf, il10, mmp] (a.u.). */
  blood: Blood;
  /** Multiplier on the stage generator's injury (the advanced-stage thermostat); 1 otherwise. */
  generationIntensity: number;
  /**
   * True while a generated stage settles under the run's own continuing injury before day 0
   * (disease/stage-generator): the injury is the run's, and collagen is held as it is.
   */
  settling: boolean;
  /** Injury acting at the current step. */
  injury: { type: "none" | "toxic" | "biliary"; intensity: number };
  derived: Derived;
}

/**
 * What a snapshot saves of a state, in the file's order. The rest is rebuilt from the scenario
 * (`derived`, the MSC profiles) or starts afresh (`generationIntensity`, `settling`: stage generation is over).
 */
export const SAVED_STATE = [
  "seed",
  "clock",
  "step",
  "counters",
  "baseline",
  "pending",
  "systemicByInfusion",
  "amplification",
  "blood",
  "injury",
] as const satisfies readonly (keyof SimState)[];

export type SavedState = Pick<SimState, (typeof SAVED_STATE)[number]>;

export type { Derived };
