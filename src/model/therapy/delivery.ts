/**
 * MSC dose → cells in the simulated section, explicitly (docs/model.md, "Scale"):
 *   cells reaching the liver = dose [cells/kg] × body mass × route fraction × homing multiplier
 *   real MSCs in the section = that × (section mass / liver mass)
 *   simulated MSCs = real × A (display amplification; each simulated cell acts with weight 1/A)
 * The cells that do not stay in the liver join a systemic pool that secretes into the blood (blood.ts).
 */
import { need, type Params } from "../params/compiled";
import type { ParamKey } from "../params/registry";
import type { Infusion, MscRoute, Scenario } from "../params/scenario-schema";
import type { MscProfile } from "../sim-state";
import { LIVER_DENSITY, SPECIES_MASS } from "./species";

/**
 * Visible MSCs per infusion the automatic amplification aims for, per TARGET_SITES sites: a density,
 * so A is the same at every lattice size and so is the agents' occupancy (docs/model.md, "Display
 * amplification").
 */
export const TARGET_VISIBLE_MSCS = 200;
const TARGET_SITES = 256 * 256;

export interface DoseConversion {
  bodyMassKg: number;
  liverMassG: number;
  sectionMassG: number;
  sectionFractionOfLiver: number;
  totalCells: number;
  liverFraction: number;
  cellsReachingLiver: number;
  realInSection: number;
  systemicCells: number;
}

const ROUTE_KEY: Record<MscRoute, ParamKey> = {
  intravenous: "msc.iv_liver_fraction",
  "portal-vein": "msc.portal_vein_liver_fraction",
  "hepatic-artery": "msc.hepatic_artery_liver_fraction",
  intraparenchymal: "msc.intraparenchymal_liver_fraction",
};

export function convertDose(s: Scenario, p: Params, inf: Infusion): DoseConversion {
  const species = SPECIES_MASS[s.species];
  const bodyMassKg = s.therapy.body_mass_kg ?? species.bodyKg;
  const liverMassG = species.liverG * (bodyMassKg / species.bodyKg);
  const site = need(p, "simulation.site_size");
  const depth = need(p, "msc.section_depth");
  const sectionCm3 = (s.lattice.width * s.lattice.height * site * site * depth) / 1e12;
  const sectionMassG = sectionCm3 * LIVER_DENSITY;
  const sectionFractionOfLiver = sectionMassG / liverMassG;
  const totalCells = inf.dose_cells_per_kg * bodyMassKg;
  const liverFraction = Math.min(1, need(p, ROUTE_KEY[inf.route]) * (inf.homing_multiplier ?? 1));
  const cellsReachingLiver = totalCells * liverFraction;
  return {
    bodyMassKg,
    liverMassG,
    sectionMassG,
    sectionFractionOfLiver,
    totalCells,
    liverFraction,
    cellsReachingLiver,
    realInSection: cellsReachingLiver * sectionFractionOfLiver,
    systemicCells: totalCells - cellsReachingLiver,
  };
}

/** Simulated MSCs per real MSC: the parameter if set, else enough to show ≈200 cells per infusion per 256² sites. */
export function displayAmplification(s: Scenario, p: Params): number {
  const set = need(p, "msc.display_amplification");
  if (set > 0) return set;
  let largest = 0;
  for (const inf of s.therapy.infusions) largest = Math.max(largest, convertDose(s, p, inf).realInSection);
  if (largest <= 0) return 1;
  const sites = s.lattice.width * s.lattice.height;
  return Math.min(1e7, Math.max(1, (TARGET_VISIBLE_MSCS * sites) / TARGET_SITES / largest));
}

const SOURCE_KEY = { "bone-marrow": null, adipose: "adipose", "umbilical-cord": "umbilical_cord" } as const;

/** Source multiplier for one property (bone marrow is the reference, 1). */
export function sourceMultiplier(
  p: Params,
  source: Infusion["source"],
  property: "hgf" | "vegf" | "il10" | "proliferation" | "differentiation",
): number {
  const key = SOURCE_KEY[source];
  return key === null ? 1 : need(p, `msc_source.${key}.${property}`);
}

/** Per-simulated-cell behaviour of one infusion's MSCs, with mechanism switches applied. */
export function mscProfile(s: Scenario, p: Params, inf: Infusion, amplification: number): MscProfile {
  const m = s.mechanisms;
  const on = (b: boolean) => (b ? 1 : 0);
  const perCell = 1 / amplification;
  const src = (prop: "hgf" | "vegf" | "il10" | "proliferation" | "differentiation") =>
    sourceMultiplier(p, inf.source, prop);
  return {
    hgf: need(p, "msc.secretion_hgf") * src("hgf") * (inf.hgf_multiplier ?? 1) * on(m.hgf) * perCell,
    egf: need(p, "msc.secretion_egf") * on(m.egf) * perCell,
    vegf: need(p, "msc.secretion_vegf") * src("vegf") * on(m.vegf) * perCell,
    il10: need(p, "msc.secretion_il10") * src("il10") * on(m.immunomodulation) * perCell,
    contact: src("il10") * perCell,
    differentiation: need(p, "msc.differentiation_rate") * src("differentiation") * on(m.differentiation) * perCell,
    proliferation: need(p, "msc.proliferation_rate") * src("proliferation"),
  };
}
