/**
 * Species clocks. The registry's rates are the rodent (rat) reference — its sources mix rat and mouse
 * data, and mouse runs on the same clock. A human liver runs some processes slower: each process has
 * one dimensionless factor F in the registry (`species.human.*_clock`), and here, in one place, is
 * which parameter belongs to which process. A rate is divided by F, a duration multiplied by F.
 * Everything not listed runs at the same speed in every species (docs/model.md, Species, says why).
 */
import type { ParamKey } from "./registry";
import type { Species } from "./scenario-schema";

export const CLOCKS = ["remodelling", "hepatocyte_turnover", "regeneration", "msc"] as const;
export type Clock = (typeof CLOCKS)[number];

export interface Clocked {
  key: ParamKey;
  /** A rate (1/time) is divided by the factor; a duration is multiplied by it. */
  kind: "rate" | "duration";
}

const rate = (key: ParamKey): Clocked => ({ key, kind: "rate" });
const duration = (key: ParamKey): Clocked => ({ key, kind: "duration" });

/** The parameters each clock scales. */
export const CLOCKED: Readonly<Record<Clock, readonly Clocked[]>> = {
  remodelling: [
    rate("stellate.activation_rate"),
    rate("stellate.proliferation_rate"),
    rate("stellate.reversion_rate"),
    rate("stellate.apoptosis_rate"),
    rate("stellate.niche_refill_rate"),
    rate("stellate.collagen_deposition"),
    rate("collagen.mmp_degradation"),
    rate("collagen.crosslink_rate"),
    rate("vessels.capillarisation_rate"),
    rate("vessels.recovery_rate"),
    rate("vessels.sprout_rate"),
  ],
  hepatocyte_turnover: [duration("hepatocyte.lifespan")],
  regeneration: [rate("hepatocyte.cycle_entry_rate"), duration("hepatocyte.cycle_duration")],
  msc: [duration("msc.persistence_half_life"), duration("msc.lung_half_life")],
};

/** Each species' factor parameters; null = the reference clock (every factor 1). */
export const CLOCK_FACTORS: Readonly<Record<Species, Readonly<Record<Clock, ParamKey>> | null>> = {
  rat: null,
  mouse: null,
  human: {
    remodelling: "species.human.remodelling_clock",
    hepatocyte_turnover: "species.human.hepatocyte_turnover_clock",
    regeneration: "species.human.regeneration_clock",
    msc: "species.human.msc_clock",
  },
};

/**
 * Each species' age of a generated stage's scar at hand-off; null = as generated. Stages are generated
 * on the reference clock in weeks; a human stage forms over decades, so its scar is older.
 */
export const SCAR_AGE: Readonly<Record<Species, ParamKey | null>> = {
  rat: null,
  mouse: null,
  human: "species.human.scar_age",
};

/** The species whose clock the registry's values are: stage generation runs on it (docs/model.md, Species). */
export const REFERENCE_SPECIES: Species = "rat";

/** Applies `species`' clock to compiled parameter values (internal units), in place. */
export function applySpeciesClock(values: Record<ParamKey, number>, species: Species): void {
  const factors = CLOCK_FACTORS[species];
  if (!factors) return;
  for (const clock of CLOCKS) {
    const f = values[factors[clock]];
    for (const { key, kind } of CLOCKED[clock]) values[key] = kind === "rate" ? values[key] / f : values[key] * f;
  }
}
