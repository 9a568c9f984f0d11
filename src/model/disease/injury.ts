/** Which injury acts at a step: the stage generator's chronic injury, or the scenario's schedule. */
import { need } from "../params/compiled";
import type { SimState } from "../sim-state";

export function injuryDuringGeneration(sim: SimState): SimState["injury"] {
  return {
    type: sim.scenario.disease.generation_injury,
    intensity: need(sim.derived.p, "injury.generation_intensity") * sim.generationIntensity,
  };
}

export function injuryDuringRun(sim: SimState): SimState["injury"] {
  const inj = sim.scenario.disease.injury;
  const day = sim.step / sim.derived.stepsPerDay;
  const active = inj.type !== "none" && inj.intensity > 0 && day >= inj.start_day && day < inj.end_day;
  return active ? { type: inj.type, intensity: inj.intensity } : { type: "none", intensity: 0 };
}
