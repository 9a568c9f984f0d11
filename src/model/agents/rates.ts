/**
 * The cell rules' constants, one group per agent (each declared and read from the registry in its
 * own file), converted once per step from rates (1/h) to per-step probabilities.
 */
import type { Params } from "../params/compiled";
import type { Scenario } from "../params/scenario-schema";
import { type ContactConstants, contactConstants } from "../schedule/neighbourhoods";
import { type CollagenConstants, collagenConstants } from "./collagen";
import { type HepatocyteConstants, hepatocyteConstants } from "./hepatocyte";
import { type KupfferConstants, kupfferConstants } from "./kupffer";
import { type MscConstants, mscConstants } from "./msc";
import { type StellateConstants, stellateConstants } from "./stellate";
import { type VesselConstants, vesselConstants } from "./vessels";

export interface RuleConstants {
  hepatocyte: HepatocyteConstants;
  stellate: StellateConstants;
  kupffer: KupfferConstants;
  msc: MscConstants;
  collagen: CollagenConstants;
  vessels: VesselConstants;
  contact: ContactConstants;
}

export function ruleConstants(p: Params, s: Scenario, dt: number): RuleConstants {
  return {
    hepatocyte: hepatocyteConstants(p, dt),
    stellate: stellateConstants(p, s, dt),
    kupffer: kupfferConstants(p, s, dt),
    msc: mscConstants(p, dt),
    collagen: collagenConstants(p, s, dt),
    vessels: vesselConstants(p, dt),
    contact: contactConstants(p),
  };
}
