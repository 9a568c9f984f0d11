/**
 * Disease stage generator: applies chronic injury (pericentral toxic or periportal biliary) to
 * healthy tissue until the collagen proportionate area reaches the stage's target, so fibrosis
 * (pericentral scar → bridging septa → nodules) emerges from the rules rather than being drawn.
 * Advanced cirrhosis keeps the injury on for extra weeks after the early-cirrhosis target, so its
 * septa are older and cross-linked. The generator's injury is an accelerated path; when the run
 * continues an injury of its own, the stage then settles under that injury with its collagen held,
 * so the cells (stellate activation, macrophages, hepatocyte damage) start day 0 in balance with
 * the injury they will live under (docs/model.md, "Injury and disease stages"). A species whose
 * stages form over years (human) gets its generated scar aged to that age before the hand-off.
 */
import { collagenStainedPercent } from "../metrics/collagen";
import { settlesUnderRunInjury } from "./injury";
import { need } from "../params/compiled";
import { SCAR_AGE } from "../params/species-clock";
import { Vessel } from "../lattice/codes";
import type { Scenario } from "../params/scenario-schema";
import type { SimState } from "../sim-state";

/** Target CPA (%) per stage; F4 early / advanced follow the compensated / decompensated explant CPA. */
export const STAGE_TARGET_CPA: Record<string, number> = { F0: 0, F1: 4.5, F2: 8, F3: 12.5, F4: 16, "F4-advanced": 25 };

export function targetCpa(s: Scenario): number {
  if (s.disease.target_cpa_percent !== null) return s.disease.target_cpa_percent;
  if (s.disease.stage === "F4" && s.disease.cirrhosis_grade === "advanced") return STAGE_TARGET_CPA["F4-advanced"]!;
  return STAGE_TARGET_CPA[s.disease.stage]!;
}

/** How often (in steps) the generator checks CPA. */
const CHECK_EVERY_STEPS = 24;

export interface GenerationResult {
  steps: number;
  cpaPercent: number;
  reachedTarget: boolean;
}

/** Progress of the stage generator, reported every CHECK_EVERY_STEPS steps. */
export interface GenerationProgress {
  weeks: number;
  cpaPercent: number;
  targetCpaPercent: number;
  /** Rough fraction done (0–1), for a progress bar; during the settle, the settle's own fraction. */
  fraction: number;
  /** Set once the target is reached and the stage settles under the run's injury: weeks settled, of how many. */
  settle?: { weeks: number; of: number };
}

/**
 * Steps the simulation under chronic injury until the target CPA (and, if advanced, the extra
 * weeks). While an advanced stage ages past its target, the injury works as a thermostat
 * (weaker above the target, full below it) so the septa age and cross-link without the CPA
 * running far past the decompensated range.
 */
export function generateStage(
  sim: SimState,
  stepOnce: (sim: SimState) => void,
  onProgress?: (p: GenerationProgress) => void,
): GenerationResult {
  const s = sim.scenario;
  const target = targetCpa(s);
  const threshold = s.parameters["collagen.scar_threshold"]!;
  const { p, dt } = sim.derived;
  const maxSteps = Math.round(need(p, "injury.generation_max_weeks") / dt);
  const advanced =
    s.disease.stage === "F4" && s.disease.cirrhosis_grade === "advanced" && s.disease.target_cpa_percent === null;
  const extraSteps = advanced ? Math.round(need(p, "injury.advanced_extra_weeks") / dt) : 0;
  let steps = 0;
  let cpa = collagenStainedPercent(sim.tissue, threshold);
  if (target <= 0 || cpa >= target) return { steps, cpaPercent: cpa, reachedTarget: true };
  // The settle after the target reports the generation's end point with its own weeks.
  const onSettle = (p: SettleProgress) =>
    onProgress?.({ ...p, weeks: weeksOf(steps, dt), cpaPercent: cpa, targetCpaPercent: target });
  let earlyReachedAt = -1;
  const earlyTarget = STAGE_TARGET_CPA.F4!;
  while (steps < maxSteps + extraSteps) {
    stepOnce(sim);
    steps++;
    if (steps % CHECK_EVERY_STEPS !== 0) continue;
    cpa = collagenStainedPercent(sim.tissue, threshold);
    if (advanced && earlyReachedAt < 0 && cpa >= earlyTarget) earlyReachedAt = steps;
    const agedEnough = !advanced || (earlyReachedAt >= 0 && steps - earlyReachedAt >= extraSteps);
    if (advanced) sim.generationIntensity = cpa >= target ? HOLD_INTENSITY : 1;
    const aged = advanced && earlyReachedAt >= 0 ? (steps - earlyReachedAt) / Math.max(1, extraSteps) : 0;
    onProgress?.({
      weeks: weeksOf(steps, dt),
      cpaPercent: cpa,
      targetCpaPercent: target,
      fraction: Math.min(1, advanced ? 0.5 * Math.min(1, cpa / earlyTarget) + 0.5 * Math.min(1, aged) : cpa / target),
    });
    if (cpa >= (advanced ? 0.95 : 1) * target && agedEnough) {
      sim.generationIntensity = 1;
      handOver(sim, stepOnce, onSettle);
      return { steps, cpaPercent: cpa, reachedTarget: true };
    }
    if (steps >= maxSteps && !advanced) break;
  }
  sim.generationIntensity = 1;
  handOver(sim, stepOnce, onSettle);
  return { steps, cpaPercent: cpa, reachedTarget: cpa >= target };
}

/** From the generator's accelerated path to the run: the scar aged to the species' age, then the settle. */
function handOver(sim: SimState, stepOnce: (sim: SimState) => void, onSettle: (p: SettleProgress) => void): void {
  ageScar(sim);
  settle(sim, stepOnce, onSettle);
}

/**
 * Cross-links the stained scar as the species' own cross-linking would over its scar age T (none for
 * rodents, whose stages form over the generator's weeks): the exact solution of dX/dt = k_xl·(1 − X)
 * with the species' k_xl, X ← 1 − (1 − X)·exp(−k_xl·T). Only cross-links change.
 */
function ageScar(sim: SimState): void {
  const key = SCAR_AGE[sim.scenario.species];
  if (key === null) return;
  const { p } = sim.derived;
  const remaining = Math.exp(-need(p, "collagen.crosslink_rate") * need(p, key));
  const threshold = need(p, "collagen.scar_threshold");
  const { collagen, crosslink, vessel } = sim.tissue;
  for (let k = 0; k < collagen.length; k++) {
    const v = vessel[k]!;
    if (v === Vessel.centralVein || v === Vessel.portalTract || collagen[k]! < threshold) continue;
    crosslink[k] = 1 - (1 - crosslink[k]!) * remaining;
  }
}

/**
 * `injury.settle_weeks` of the run's own day-0 injury with collagen held (no deposition,
 * degradation, cross-linking or necrotic collapse), if the run continues an injury; none for a
 * withdrawal, whose point is the change of injury. Not counted in the generation's steps (weeks of
 * injury to the stage); the clock moves on.
 */
function settle(sim: SimState, stepOnce: (sim: SimState) => void, onSettle: (p: SettleProgress) => void): void {
  if (!settlesUnderRunInjury(sim.scenario)) return;
  const { p, dt } = sim.derived;
  const steps = Math.round(need(p, "injury.settle_weeks") / dt);
  sim.settling = true;
  for (let i = 1; i <= steps; i++) {
    stepOnce(sim);
    // A long settle (up to years) would otherwise leave the bar still.
    if (i % CHECK_EVERY_STEPS === 0 || i === steps)
      onSettle({ fraction: i / steps, settle: { weeks: weeksOf(i, dt), of: weeksOf(steps, dt) } });
  }
  sim.settling = false;
}

type SettleProgress = Required<Pick<GenerationProgress, "fraction" | "settle">>;

/** Simulated weeks of `steps` steps of `dt` hours. */
const weeksOf = (steps: number, dt: number) => (steps * dt) / (24 * 7);

/** Injury multiplier while an advanced stage is held near its target CPA. */
const HOLD_INTENSITY = 0.25;
