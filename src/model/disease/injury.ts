/** Which injury acts at a step: the stage generator's chronic injury, or the scenario's schedule. */
import { need } from "../params/compiled";
import type { Scenario } from "../params/scenario-schema";
import type { SimState } from "../sim-state";

export function injuryDuringGeneration(sim: SimState): SimState["injury"] {
  if (sim.settling) return continuingInjury(sim, 0);
  return {
    type: sim.scenario.disease.generation_injury,
    intensity: need(sim.derived.p, "injury.generation_intensity") * sim.generationIntensity,
  };
}

export function injuryDuringRun(sim: SimState): SimState["injury"] {
  return continuingInjury(sim, sim.step / sim.derived.stepsPerDay);
}

/** The scenario's own injury on `day` of the run. */
export function continuingInjury(sim: SimState, day: number): SimState["injury"] {
  return scenarioInjury(sim.scenario, day);
}

/** The scenario's own injury on `day` (none outside [start_day, end_day)). */
export function scenarioInjury(s: Scenario, day: number): SimState["injury"] {
  const inj = s.disease.injury;
  const active = inj.type !== "none" && inj.intensity > 0 && day >= inj.start_day && day < inj.end_day;
  return active ? { type: inj.type, intensity: inj.intensity } : { type: "none", intensity: 0 };
}

/** Does a generated stage settle under the run's own injury (one acting on day 0)? */
export function settlesUnderRunInjury(s: Scenario): boolean {
  return scenarioInjury(s, 0).intensity > 0;
}
