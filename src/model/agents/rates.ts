/**
 * Per-phase constants for the cell rules, read from the parameters once per step (never per site)
 * and converted from rates (1/h) to per-step probabilities.
 */
import { hazard, need, type Params } from "../params/compiled";
import type { Scenario } from "../params/scenario-schema";

export interface RuleConstants {
  dt: number;
  scarThreshold: number;
  // hepatocytes
  apoptosisP: number;
  hgfAntiApoptosis: number;
  cycleEntryRate: number;
  quiescentEntry: number;
  /** Steps from cycle entry to division. */
  cycleSteps: number;
  hgfHalf: number;
  egfHalf: number;
  collagenInhibition: number;
  regenerativeCapacity: number;
  senescencePerDivision: number;
  repairRate: number;
  hgfRepairBoost: number;
  toxinRate: number;
  zonationPower: number;
  scarMarginDamage: number;
  tnfDamageRate: number;
  hypoxiaThreshold: number;
  hypoxiaDamageRate: number;
  deathBurst: number;
  necrosisCollapse: number;
  // stellate
  hscActivation: number;
  tgfbHalf: number;
  hscDamageHalf: number;
  hscReversion: number;
  hscApoptosis: number;
  hgfDeactivation: number;
  il10Deactivation: number;
  hscProliferation: number;
  hscNicheRefill: number;
  mscHscDeactivation: number;
  // kupffer
  m1Activation: number;
  kupDamageHalf: number;
  m1ToM2: number;
  m2ToM0: number;
  il10Half: number;
  mscM1Suppression: number;
  /** Steps an MSC-educated Kupffer cell keeps its memory (0 with immunomodulation off). */
  memorySteps: number;
  memoryStrength: number;
  educationBloodIl10: number;
  // msc
  mscLossP: number;
  /** Steps before a homing MSC settles (engrafts). */
  mscEngraftSteps: number;
  mscMigrationP: number;
  mscContactRadius: number;
  mscMmp: number;
  systemicMmp: number;
  vegfRefenestration: number;
  // collagen
  depositionRate: number;
  depositionUnderHepatocytes: number;
  baselineDegradation: number;
  mmpDegradation: number;
  crosslinkRate: number;
  crosslinkResistance: number;
  // vessels
  capillarisationP: number;
  recoveryRate: number;
  sproutRate: number;
  vegfHalf: number;
}

export function ruleConstants(p: Params, s: Scenario, dt: number): RuleConstants {
  const immuno = s.mechanisms.immunomodulation ? 1 : 0;
  return {
    dt,
    scarThreshold: need(p, "collagen.scar_threshold"),
    apoptosisP: hazard(1 / need(p, "hepatocyte.lifespan"), dt),
    hgfAntiApoptosis: need(p, "hepatocyte.hgf_antiapoptosis"),
    cycleEntryRate: need(p, "hepatocyte.cycle_entry_rate"),
    quiescentEntry: need(p, "hepatocyte.quiescent_entry_fraction"),
    cycleSteps: Math.max(1, Math.round(need(p, "hepatocyte.cycle_duration") / dt)),
    hgfHalf: need(p, "hepatocyte.hgf_half_saturation"),
    egfHalf: need(p, "hepatocyte.egf_half_saturation"),
    collagenInhibition: need(p, "hepatocyte.collagen_inhibition"),
    regenerativeCapacity: need(p, "hepatocyte.regenerative_capacity"),
    senescencePerDivision: need(p, "hepatocyte.senescence_per_division"),
    repairRate: need(p, "hepatocyte.repair_rate"),
    hgfRepairBoost: need(p, "hepatocyte.hgf_repair_boost"),
    toxinRate: need(p, "hepatocyte.toxin_damage_rate"),
    zonationPower: need(p, "hepatocyte.toxin_zonation_power"),
    scarMarginDamage: need(p, "hepatocyte.scar_margin_damage"),
    tnfDamageRate: need(p, "hepatocyte.tnf_damage_rate"),
    hypoxiaThreshold: need(p, "hepatocyte.hypoxia_threshold"),
    hypoxiaDamageRate: need(p, "hepatocyte.hypoxia_damage_rate"),
    deathBurst: need(p, "secretion.damage_death_burst"),
    necrosisCollapse: need(p, "collagen.necrosis_collapse"),
    hscActivation: need(p, "stellate.activation_rate"),
    tgfbHalf: need(p, "stellate.tgfb_half_saturation"),
    hscDamageHalf: need(p, "stellate.damage_half_saturation"),
    hscReversion: need(p, "stellate.reversion_rate"),
    hscApoptosis: need(p, "stellate.apoptosis_rate"),
    hgfDeactivation: need(p, "stellate.hgf_deactivation"),
    il10Deactivation: need(p, "stellate.il10_deactivation"),
    hscProliferation: need(p, "stellate.proliferation_rate"),
    hscNicheRefill: need(p, "stellate.niche_refill_rate"),
    mscHscDeactivation: need(p, "msc.hsc_deactivation") * immuno,
    m1Activation: need(p, "kupffer.m1_activation_rate"),
    kupDamageHalf: need(p, "kupffer.damage_half_saturation"),
    m1ToM2: need(p, "kupffer.m1_to_m2_rate"),
    m2ToM0: need(p, "kupffer.m2_to_m0_rate"),
    il10Half: need(p, "kupffer.il10_half_saturation"),
    mscM1Suppression: need(p, "msc.m1_suppression") * immuno,
    memorySteps: Math.min(65535, Math.round(need(p, "msc.macrophage_memory") / dt)) * immuno,
    memoryStrength: need(p, "msc.macrophage_memory_strength"),
    educationBloodIl10: need(p, "msc.education_blood_il10"),
    mscLossP: hazard(Math.LN2 / need(p, "msc.persistence_half_life"), dt),
    mscEngraftSteps: Math.max(1, Math.round(24 / dt)),
    mscMigrationP: hazard(need(p, "msc.migration_rate"), dt),
    mscContactRadius: Math.round(need(p, "msc.contact_radius")),
    mscMmp: need(p, "msc.mmp_activity") * (s.mechanisms.mmp ? 1 : 0),
    systemicMmp: need(p, "msc.systemic_mmp"),
    vegfRefenestration: need(p, "vessels.vegf_refenestration"),
    depositionRate: need(p, "stellate.collagen_deposition"),
    depositionUnderHepatocytes: need(p, "collagen.deposition_under_hepatocytes"),
    baselineDegradation: need(p, "collagen.baseline_degradation"),
    mmpDegradation: need(p, "collagen.mmp_degradation"),
    crosslinkRate: need(p, "collagen.crosslink_rate"),
    crosslinkResistance: need(p, "collagen.crosslink_resistance"),
    capillarisationP: hazard(need(p, "vessels.capillarisation_rate"), dt),
    recoveryRate: need(p, "vessels.recovery_rate"),
    sproutRate: need(p, "vessels.sprout_rate"),
    vegfHalf: need(p, "vessels.vegf_half_saturation"),
  };
}
