/**
 * Every tunable number of the model, declared once: default, allowed range, unit, source.
 * Sliders, CLI flags, validation, docs/parameters.md and the manifest are generated from this list.
 * Sources are short citations expanded in docs/model.md; "assumed" values are explained there.
 */
import {
  DAYS,
  HOURS,
  MINUTES,
  type ParamSpec,
  PER_DAY,
  PER_HOUR,
  PER_MIN,
  param,
  UM2_PER_MIN,
  UNITLESS,
  YEARS,
} from "./spec";

const A = "assumed";

/** Diffusion coefficient and decay for each field. Concentrations are normalised (a.u.). */
// biome-ignore format: one parameter a line, read as a table
const fieldParams = [
  param("fields.hgf.diffusion", 2400, [10, 200000], "µm²/min", UM2_PER_MIN, "fields", "assumed (≈80 kDa protein, tens of µm²/s)", "How fast HGF spreads through tissue."),
  param("fields.hgf.decay", 0.0173, [0, 10], "1/min", PER_MIN, "fields", "assumed (t½ 40 min in tissue; plasma t½ ≈ 4 min is hepatic uptake: Kato 1999)", "Loss of HGF by degradation."),
  param("fields.egf.diffusion", 9540, [10, 200000], "µm²/min", UM2_PER_MIN, "fields", "Nauman 2007 (IGF-I proxy, 1.59e-6 cm²/s)", "How fast EGF spreads."),
  param("fields.egf.decay", 0.01, [0, 10], "1/min", PER_MIN, "fields", A, "Loss of EGF by degradation."),
  param("fields.vegf.diffusion", 3600, [10, 200000], "µm²/min", UM2_PER_MIN, "fields", "assumed (≈45 kDa protein)", "How fast VEGF spreads."),
  param("fields.vegf.decay", 0.0206, [0, 10], "1/min", PER_MIN, "fields", "Stefanini 2008 (plasma clearance)", "Loss of VEGF."),
  param("fields.tnf.diffusion", 1200, [10, 200000], "µm²/min", UM2_PER_MIN, "fields", "PhysiCell spheroid_tnf_model", "How fast TNF spreads."),
  param("fields.tnf.decay", 0.0275, [0, 10], "1/min", PER_MIN, "fields", "PhysiCell spheroid_tnf_model (t½ ≈ 25 min)", "Loss of TNF."),
  param("fields.il10.diffusion", 3000, [10, 200000], "µm²/min", UM2_PER_MIN, "fields", "pc4covid19 anti-inflammatory cytokine", "How fast IL-10 spreads."),
  param("fields.il10.decay", 0.0104, [0, 10], "1/min", PER_MIN, "fields", "pc4covid19 anti-inflammatory cytokine", "Loss of IL-10."),
  param("fields.tgfb.diffusion", 300, [10, 200000], "µm²/min", UM2_PER_MIN, "fields", "assumed (free value 4560 µm²/min, Hao & Friedman 2016; latent TGF-β binds ECM, so its effective range is shorter)", "How fast TGF-β spreads."),
  param("fields.tgfb.decay", 0.0104, [0, 10], "1/min", PER_MIN, "fields", "Jin 2011 (15/day, uncertain)", "Loss of TGF-β."),
  param("fields.oxygen.diffusion", 100000, [1000, 200000], "µm²/min", UM2_PER_MIN, "fields", "PhysiCell default oxygen", "How fast oxygen spreads."),
  param("fields.oxygen.decay", 0.1, [0, 10], "1/min", PER_MIN, "fields", "PhysiCell default oxygen", "Background oxygen loss."),
  param("fields.damage.diffusion", 1000, [10, 200000], "µm²/min", UM2_PER_MIN, "fields", "assumed (≈25 kDa DAMPs/chemokines)", "How fast the damage/homing signal spreads."),
  param("fields.damage.decay", 0.05, [0, 10], "1/min", PER_MIN, "fields", "assumed (DAMPs act locally: range ≈ 150 µm)", "Loss of damage signal."),
];

/** Secretion (rate towards a saturation of 1 a.u.) and uptake of fields by cells. */
// biome-ignore format: one parameter a line, read as a table
const secretionParams = [
  param("secretion.oxygen_perfused", 100, [0, 1000], "1/min", PER_MIN, "vessels", "assumed (blood flow keeps sinusoidal pO₂ near its inflow value)", "Oxygen exchange rate at a perfused sinusoid site."),
  param("secretion.oxygen_capillarised_fraction", 0.3, [0, 1], "fraction", UNITLESS, "vessels", A, "Oxygen delivery of a capillarised sinusoid relative to a perfused one."),
  param("secretion.oxygen_zonation", 0.5, [0, 1], "fraction", UNITLESS, "vessels", "assumed (periportal pO₂ ≈ 2× pericentral)", "How much lower blood oxygen is at the central vein than at the portal tract."),
  param("uptake.oxygen_hepatocyte", 10, [0, 100], "1/min", PER_MIN, "hepatocyte", "PhysiCell default oxygen uptake (10/min)", "Oxygen consumption by a hepatocyte (diffusion length ≈ 100 µm)."),
  param("secretion.hgf_stellate", 0.002, [0, 10], "1/min", PER_MIN, "stellate", "assumed (HSCs and LSECs are the main liver HGF source)", "HGF made by stellate cells."),
  param("secretion.hgf_sinusoid", 0.0005, [0, 10], "1/min", PER_MIN, "vessels", A, "HGF made by sinusoidal endothelium."),
  param("uptake.hgf_hepatocyte", 0.02, [0, 10], "1/min", PER_MIN, "hepatocyte", "assumed (liver clears ≈70 % of HGF: Kato 1999)", "HGF taken up by hepatocytes (c-Met); fewer hepatocytes leave more HGF."),
  param("secretion.egf_portal", 0.01, [0, 10], "1/min", PER_MIN, "vessels", "assumed (EGF reaches the liver via the portal vein)", "EGF entering at portal tracts."),
  param("uptake.egf_hepatocyte", 0.01, [0, 10], "1/min", PER_MIN, "hepatocyte", A, "EGF taken up by hepatocytes."),
  param("secretion.vegf_hypoxic_hepatocyte", 0.01, [0, 10], "1/min", PER_MIN, "hepatocyte", A, "VEGF released by hypoxic hepatocytes."),
  param("uptake.vegf_sinusoid", 0.005, [0, 10], "1/min", PER_MIN, "vessels", A, "VEGF bound by endothelium."),
  param("secretion.tnf_m1", 0.02, [0, 10], "1/min", PER_MIN, "kupffer", A, "TNF made by M1 Kupffer cells."),
  param("secretion.tnf_senescent", 0.001, [0, 10], "1/min", PER_MIN, "hepatocyte", "assumed (SASP)", "TNF made by senescent hepatocytes."),
  param("secretion.tgfb_m1", 0.01, [0, 10], "1/min", PER_MIN, "kupffer", A, "TGF-β made by M1 Kupffer cells."),
  param("secretion.tgfb_activated_hsc", 0.0005, [0, 10], "1/min", PER_MIN, "stellate", "assumed (autocrine TGF-β loop)", "TGF-β made by activated stellate cells (kept below the level at which the autocrine loop sustains itself without injury)."),
  param("secretion.il10_m2", 0.01, [0, 10], "1/min", PER_MIN, "kupffer", A, "IL-10 made by M2 Kupffer cells."),
  param("secretion.damage_per_damage", 0.02, [0, 10], "1/min", PER_MIN, "hepatocyte", A, "Damage signal released by a hepatocyte per unit of its damage."),
  param("secretion.damage_death_burst", 0.5, [0, 1], "a.u.", UNITLESS, "hepatocyte", A, "Damage signal added at a site when its hepatocyte dies."),
];

// biome-ignore format: one parameter a line, read as a table
const hepatocyteParams = [
  param("hepatocyte.lifespan", 300, [50, 2000], "days", DAYS, "hepatocyte", "Malato 2011 (200–400 days)", "Mean hepatocyte lifespan in healthy liver."),
  param("hepatocyte.cycle_entry_rate", 0.04, [0, 1], "1/h", PER_HOUR, "hepatocyte", "assumed (tuned to the partial-hepatectomy wave: Zieve 1985, Marongiu 2017)", "Rate at which a hepatocyte with free space next to it enters the cell cycle, at full growth-factor drive.", { calibratedOn: ["zieve-1985-rat-ph-dna-synthesis-timing", "marongiu-2017-rat-ph-liver-dna"] }),
  param("hepatocyte.cycle_duration", 24, [6, 96], "h", HOURS, "hepatocyte", "Zieve 1985 (DNA synthesis peak ≈24 h after resection)", "Time from cycle entry to division.", { integer: true, calibratedOn: ["zieve-1985-rat-ph-dna-synthesis-timing"] }),
  param("hepatocyte.quiescent_entry_fraction", 0.05, [0, 1], "fraction", UNITLESS, "hepatocyte", A, "Cycle entry without HGF/EGF, relative to full drive."),
  param("hepatocyte.hgf_half_saturation", 0.02, [1e-4, 10], "a.u.", UNITLESS, "hepatocyte", A, "HGF level giving half the maximal mitogenic effect."),
  param("hepatocyte.egf_half_saturation", 0.05, [1e-4, 10], "a.u.", UNITLESS, "hepatocyte", A, "EGF level giving half the maximal mitogenic effect."),
  param("hepatocyte.collagen_inhibition", 0.9, [0, 1], "fraction", UNITLESS, "hepatocyte", "assumed (ECM stiffness suppresses hepatocyte proliferation)", "How strongly surrounding collagen blocks division."),
  param("hepatocyte.regenerative_capacity", 1, [0, 2], "×", UNITLESS, "hepatocyte", A, "Multiplier on division (lower in advanced cirrhosis and old age)."),
  param("hepatocyte.senescence_per_division", 0.01, [0, 1], "probability", UNITLESS, "hepatocyte", "assumed (replicative senescence in cirrhosis)", "Chance that a daughter cell is senescent."),
  param("hepatocyte.repair_rate", 0.05, [0, 10], "1/h", PER_HOUR, "hepatocyte", A, "Rate of recovery from sub-lethal damage."),
  param("hepatocyte.hgf_repair_boost", 2, [0, 20], "×", UNITLESS, "hepatocyte", "assumed (HGF is cytoprotective)", "Extra repair at saturating HGF."),
  param("hepatocyte.hgf_antiapoptosis", 0.5, [0, 1], "fraction", UNITLESS, "hepatocyte", "assumed (HGF lowers apoptosis)", "Fraction of baseline apoptosis removed at saturating HGF."),
  param("hepatocyte.toxin_damage_rate", 0.06, [0, 10], "1/h", PER_HOUR, "injury", A, "Damage per hour at injury intensity 1 in the most exposed zone."),
  param("hepatocyte.toxin_zonation_power", 6, [0, 10], "exponent", UNITLESS, "injury", "assumed (CCl4 is bioactivated by pericentral CYP2E1)", "How sharply toxic damage is confined to its zone."),
  param("hepatocyte.scar_margin_damage", 3, [0, 10], "1/h", PER_HOUR, "injury", "assumed (confluent necrosis extends from scar along central–central / portal–portal axes: bridging necrosis)", "Extra damage per hour for a hepatocyte walled in by scar on a septum axis, at injury intensity 1."),
  param("hepatocyte.tnf_damage_rate", 0.02, [0, 10], "1/(h·a.u.)", PER_HOUR, "hepatocyte", A, "Damage per hour per unit of TNF."),
  param("hepatocyte.hypoxia_threshold", 0.2, [0, 1], "a.u.", UNITLESS, "hepatocyte", A, "Oxygen below which hepatocytes are damaged."),
  param("hepatocyte.hypoxia_damage_rate", 0.05, [0, 10], "1/h", PER_HOUR, "hepatocyte", A, "Damage per hour at zero oxygen."),
];

// biome-ignore format: one parameter a line, read as a table
const stellateParams = [
  param("stellate.activation_rate", 0.02, [0, 10], "1/h", PER_HOUR, "stellate", A, "Activation rate at saturating TGF-β or damage signal."),
  param("stellate.tgfb_half_saturation", 0.02, [1e-4, 10], "a.u.", UNITLESS, "stellate", A, "TGF-β level for half-maximal activation."),
  param("stellate.damage_half_saturation", 0.05, [1e-4, 10], "a.u.", UNITLESS, "stellate", A, "Damage signal for half-maximal activation."),
  param("stellate.reversion_rate", 0.004, [0, 10], "1/h", PER_HOUR, "stellate", "assumed (≈50 % of activated HSCs revert after CCl4 withdrawal: Kisseleva 2012)", "Rate at which an activated cell returns to quiescence without TGF-β."),
  param("stellate.apoptosis_rate", 0.003, [0, 10], "1/h", PER_HOUR, "stellate", "assumed (HSC apoptosis drives regression: Iredale 1998)", "Apoptosis rate of activated cells without TGF-β."),
  param("stellate.hgf_deactivation", 3, [0, 50], "×", UNITLESS, "stellate", "assumed (HGF is anti-fibrotic)", "Extra reversion and apoptosis at saturating HGF."),
  param("stellate.il10_deactivation", 2, [0, 50], "×", UNITLESS, "stellate", A, "Extra reversion at saturating IL-10."),
  param("stellate.proliferation_rate", 0.01, [0, 10], "1/h", PER_HOUR, "stellate", A, "Division rate of activated cells next to free space."),
  param("stellate.niche_refill_rate", 0.002, [0, 1], "1/h", PER_HOUR, "stellate", "assumed (HSC numbers are maintained; Geerts 2001: 5–8 % of liver cells)", "Rate at which a free perisinusoidal site with no stellate cell within 2 sites gains a quiescent stellate cell."),
  param("stellate.collagen_deposition", 0.00052, [0, 10], "1/h", PER_HOUR, "collagen", "fitted (hepatosim calibrate, ABC-SMC, 150 runs at 96²: posterior median 0.00052, 90 % interval 0.00028–0.00078; the rest of the registry held)", "Collagen laid down per hour around an activated stellate cell.", { calibratedOn: ["luetkens-2019-rat-ccl4-8-16wk-sirius-red"] }),
];

// biome-ignore format: one parameter a line, read as a table
const kupfferParams = [
  param("kupffer.m1_activation_rate", 0.05, [0, 10], "1/h", PER_HOUR, "kupffer", A, "M0→M1 rate at saturating damage signal (DAMPs)."),
  param("kupffer.damage_half_saturation", 0.03, [1e-4, 10], "a.u.", UNITLESS, "kupffer", A, "Damage signal for half-maximal M1 activation."),
  param("kupffer.m1_to_m2_rate", 0.01, [0, 10], "1/h", PER_HOUR, "kupffer", "assumed (restorative macrophages after injury: Ramachandran 2012)", "M1→M2 rate when damage subsides; raised by IL-10."),
  param("kupffer.m2_to_m0_rate", 0.005, [0, 10], "1/h", PER_HOUR, "kupffer", A, "Return of M2 cells to rest."),
  param("kupffer.il10_half_saturation", 0.05, [1e-4, 10], "a.u.", UNITLESS, "kupffer", A, "IL-10 for half-maximal M2 promotion."),
];

// biome-ignore format: one parameter a line, read as a table
const collagenParams = [
  param("collagen.deposition_under_hepatocytes", 0.05, [0, 1], "fraction", UNITLESS, "collagen", "assumed (scar forms mainly where parenchyma is lost)", "Deposition on a site still occupied by a hepatocyte, relative to a free site."),
  param("collagen.septum_threshold", 0.25, [0.05, 0.95], "fraction", UNITLESS, "readout", "assumed (thin septa stain faintly but count for staging: METAVIR scores septa, not stain intensity)", "Collagen density above which a site counts as part of a septum when tracing bridging."),
  param("collagen.necrosis_collapse", 0.3, [0, 1], "fraction", UNITLESS, "collagen", "assumed (passive septa: the reticulin framework collapses after confluent necrosis)", "Collagen density a site gains when its hepatocyte dies by necrosis."),
  param("collagen.baseline_degradation", 0.004, [0, 1], "1/day", PER_DAY, "collagen", "Decaris 2015 (0.2–0.6 %/day)", "Baseline collagen turnover."),
  param("collagen.mmp_degradation", 0.06, [0, 10], "1/day", PER_DAY, "collagen", "assumed (2-week CCl4 fibrosis resolves in weeks: Delire 2017)", "Degradation per day at full local MMP activity."),
  param("collagen.timp_inhibition", 0, [0, 10], "per activated cell", UNITLESS, "collagen", "not adopted: the library does not identify it (hepatosim calibrate on Luetkens 2019: 90 % interval 0.12–7.8, prior 0.07–7.7; docs/model.md, TIMP-1); mechanism: Iredale 1998", "TIMP-1 of the activated stellate cells in reach inhibits MMP degradation: free MMP activity = 1/(1 + τ·n_activated)."),
  param("collagen.crosslink_rate", 0.04, [0, 1], "1/day", PER_DAY, "collagen", "assumed (septa cross-linked after 12 weeks CCl4: Issa 2004)", "Rate at which scar collagen becomes cross-linked.", { calibratedOn: ["issa-2004-ccl4-cirrhosis-recovery-366d"] }),
  param("collagen.crosslink_resistance", 0.97, [0, 1], "fraction", UNITLESS, "collagen", "Issa 2004 (cross-linked septa resist degradation)", "How much less degradable cross-linked collagen is.", { calibratedOn: ["issa-2004-ccl4-cirrhosis-recovery-366d"] }),
  param("collagen.crosslink_loss_threshold", 0.05, [0, 0.95], "fraction", UNITLESS, "collagen", "assumed (a septum degraded to a trace no longer holds cross-linked fibres)", "Collagen density below which a site's cross-links are lost."),
  param("collagen.scar_threshold", 0.5, [0.05, 0.95], "fraction", UNITLESS, "readout", "assumed (staining threshold)", "Collagen density above which a site counts as stained (CPA) and blocks regrowth."),
];

// biome-ignore format: one parameter a line, read as a table
const vesselParams = [
  param("vessels.capillarisation_rate", 0.01, [0, 10], "1/h", PER_HOUR, "vessels", A, "Rate at which a sinusoid in scar loses fenestrae."),
  param("vessels.recovery_rate", 0.002, [0, 10], "1/h", PER_HOUR, "vessels", A, "Rate at which a capillarised sinusoid recovers once the scar is gone; raised by VEGF."),
  param("vessels.sprout_rate", 0.002, [0, 10], "1/h", PER_HOUR, "vessels", A, "Rate at which an empty site next to a vessel becomes sinusoid at saturating VEGF."),
  param("vessels.vegf_half_saturation", 0.05, [1e-4, 10], "a.u.", UNITLESS, "vessels", A, "VEGF for half-maximal angiogenesis."),
];

// biome-ignore format: one parameter a line, read as a table
const injuryParams = [
  param("injury.generation_intensity", 1, [0.1, 5], "×", UNITLESS, "injury", A, "Injury intensity used by the stage generator."),
  param("injury.generation_max_weeks", 40, [1, 200], "weeks", 7 * DAYS, "injury", "a safety stop well beyond the 10–16 weeks of CCl4 rodents need for cirrhosis, which the weeks-to-F4 test compares with (docs/model.md)", "Longest injury the stage generator may apply.", { integer: true }),
  param("injury.advanced_extra_weeks", 12, [0, 104], "weeks", 7 * DAYS, "injury", "Issa 2004 (septa age and cross-link over months)", "Extra injury weeks that turn early into advanced cirrhosis.", { integer: true }),
  param("injury.settle_weeks", 3, [0, 156], "weeks", 7 * DAYS, "injury", "design choice (activated stellate cells and macrophages re-equilibrate within ≈ 2 weeks of a change of injury on the rat clock; a human stage's cells keep changing for years: docs/model.md, 'Injury and disease stages')", "Weeks a generated stage settles under the run's own continuing injury, collagen held, before day 0. Each week settled is a week simulated, so a long settle costs as much as a run that long.", { integer: true }),
];

// biome-ignore format: one parameter a line, read as a table
const mscParams = [
  param("msc.persistence_half_life", 3, [0.1, 100], "days", DAYS, "msc", "assumed (liver signal peaks at 24 h then declines: PLoS One 2011 PMC3084802)", "Half-life of engrafted MSCs in the liver."),
  param("msc.lung_half_life", 1, [0.05, 30], "days", DAYS, "msc", "Eggenhofer 2012 (living IV MSCs only in lungs, ≤24 h)", "Half-life of MSCs trapped outside the liver (systemic pool).", { calibratedOn: ["eggenhofer-2012-mouse-iv-msc-viability"] }),
  param("msc.iv_liver_fraction", 0.03, [0, 1], "fraction", UNITLESS, "msc", "Gholamrezanezhad 2011 (liver 0–3 % early)", "Fraction of an intravenous dose that reaches the liver alive.", { calibratedOn: ["gholamrezanezhad-2011-in111-msc-liver"] }),
  param("msc.portal_vein_liver_fraction", 0.5, [0, 1], "fraction", UNITLESS, "msc", "assumed (intrahepatic delivery bypasses the lungs: Sanchez-Diaz 2021)", "Fraction of a portal-vein dose retained by the liver."),
  param("msc.hepatic_artery_liver_fraction", 0.4, [0, 1], "fraction", UNITLESS, "msc", "assumed (intrahepatic delivery bypasses the lungs: Sanchez-Diaz 2021)", "Fraction of a hepatic-artery dose retained by the liver."),
  param("msc.intraparenchymal_liver_fraction", 0.8, [0, 1], "fraction", UNITLESS, "msc", A, "Fraction of a direct injection retained at the site."),
  param("msc.iv_arrival_days", 2, [0.1, 14], "days", DAYS, "msc", "Gholamrezanezhad 2011 (liver label rises over days)", "Mean delay over which intravenous MSCs reach the liver.", { calibratedOn: ["gholamrezanezhad-2011-in111-msc-liver"] }),
  param("msc.display_amplification", 0, [0, 1e7], "×", UNITLESS, "msc", "design choice (see docs/model.md, 'Display amplification')", "Simulated MSCs drawn per real MSC in the section; 0 = automatic (≈200 visible cells per 256 × 256 sites, so the same A at every lattice size). Effects per simulated cell are divided by it."),
  param("msc.migration_rate", 0.2, [0, 1], "1/h", PER_HOUR, "msc", A, "Rate at which an MSC steps up the damage-signal gradient."),
  param("msc.secretion_hgf", 0.05, [0, 100], "1/min", PER_MIN, "msc", A, "HGF secretion of one real bone-marrow MSC (before amplification)."),
  param("msc.secretion_egf", 0.02, [0, 100], "1/min", PER_MIN, "msc", A, "EGF secretion of one real MSC."),
  param("msc.secretion_vegf", 0.03, [0, 100], "1/min", PER_MIN, "msc", A, "VEGF secretion of one real MSC."),
  param("msc.secretion_il10", 0.05, [0, 100], "1/min", PER_MIN, "msc", A, "IL-10 secretion of one real MSC."),
  param("msc.contact_radius", 3, [1, 10], "sites", 1, "msc", A, "Reach of MSC contact effects on Kupffer and stellate cells.", { integer: true }),
  param("msc.m1_suppression", 0.02, [0, 50], "1/h", PER_HOUR, "msc", "assumed (MSCs shift macrophages to M2)", "M1→M2 conversion rate added by one real MSC in reach."),
  param("msc.macrophage_memory", 120, [0, 365], "days", DAYS, "msc", "assumed duration (MSC-educated macrophages keep an anti-inflammatory phenotype: Kim & Hematti 2009; how long in vivo is not known)", "How long a Kupffer cell turned M2 by MSC signals stays 'educated' (resists M1, stays M2)."),
  param("msc.macrophage_memory_strength", 0.7, [0, 1], "fraction", UNITLESS, "msc", "assumed (Kim & Hematti 2009, direction only)", "How much an educated Kupffer cell's M1 activation and M2 loss are reduced."),
  param("msc.education_blood_il10", 0.02, [0, 10], "a.u.", UNITLESS, "msc", "assumed (no measured blood IL-10 level that educates macrophages; 40 % of kupffer.il10_half_saturation)", "Tissue IL-10 increment from blood-borne MSC IL-10 above which Kupffer cells turning M2 become educated."),
  param("msc.hsc_deactivation", 0.02, [0, 50], "1/h", PER_HOUR, "msc", "assumed (MSCs induce HSC apoptosis/quiescence)", "HSC deactivation rate added by one real MSC in reach."),
  param("msc.mmp_activity", 1, [0, 1000], "a.u.", UNITLESS, "msc", "assumed (MSCs secrete MMP-1/-9)", "MMP activity of one real MSC in reach."),
  param("msc.differentiation_rate", 0.0002, [0, 0.1], "1/h", PER_HOUR, "msc", "Sato 2005 (happens, frequency not found: rare)", "Rate at which an engrafted MSC becomes a hepatocyte."),
  param("msc.proliferation_rate", 0.002, [0, 1], "1/h", PER_HOUR, "msc", A, "Division rate of an engrafted MSC (bone marrow; sources scale it)."),
  param("msc.systemic_mmp", 0, [0, 100], "MMP units per 10⁶ cells/kg", UNITLESS, "msc", "assumed: no measurement of a systemic MSC MMP effect; >0 explores it", "MMP activity added everywhere per 10⁶ MSCs per kg body mass outside the liver (lung-trapped)."),
  param("vessels.vegf_refenestration", 3, [0, 10], "×", UNITLESS, "vessels", "assumed strength (VEGF maintains and restores sinusoidal fenestration: DeLeve 2007)", "Recovery of capillarised sinusoids inside scar at saturating VEGF, relative to the recovery rate outside scar."),
  param("msc.section_depth", 20, [5, 100], "µm", 1, "msc", "assumed: one cell layer (hepatocytes 20–30 µm across: Marongiu 2017)", "Thickness of the simulated section."),
];

/**
 * The systemic (blood) compartment of MSC-derived factors: a mass balance from measured secretion
 * rates, plasma half-lives, distribution volumes and endogenous plasma levels (therapy/blood.ts).
 */
// biome-ignore format: one parameter a line, read as a table
const bloodParams = [
  param("blood.hgf.msc_secretion", 12280, [0, 1e7], "pg per 10⁶ cells per day", PER_DAY, "msc", "Rehman 2004 (12,280 ± 2,944 pg HGF per 10⁶ adipose stromal cells per collection; no bone-marrow rate with a time basis found; read as per day, an upper bound)", "HGF secreted by MSCs outside the liver (bone-marrow reference; source and engineering multipliers apply)."),
  param("blood.vegf.msc_secretion", 1203, [0, 1e7], "pg per 10⁶ cells per day", PER_DAY, "msc", "Rehman 2004 (1,203 ± 254 pg VEGF per 10⁶ adipose stromal cells per collection, normoxia; 5,980 ± 1,066 in hypoxia; read as per day, an upper bound)", "VEGF secreted by MSCs outside the liver."),
  param("blood.il10.msc_secretion", 0, [0, 1e7], "pg per 10⁶ cells per day", PER_DAY, "msc", "Melief 2013 (bone-marrow MSCs produced no IL-10; >0 explores it)", "IL-10 secreted by MSCs outside the liver."),
  param("blood.hgf.half_life", 4, [0.1, 10000], "min", MINUTES, "msc", "HGF clearance in rats (tracer ¹²⁵I-HGF, early-phase t½ 4 min; see References); Uematsu 1999: α 3.2 min, β 26.5 min at a saturating dose", "Plasma half-life of HGF."),
  param("blood.vegf.half_life", 33.7, [0.1, 10000], "min", MINUTES, "msc", "Eppler 2002 (human, rhVEGF165 4-h infusion, terminal t½ 33.7 ± 13 min)", "Plasma half-life of VEGF."),
  param("blood.il10.half_life", 3.18, [0.01, 200], "h", HOURS, "msc", "Fuchs 1996 (human, IV bolus, terminal t½ 3.18 h; Huhn 1996: 2.3–3.7 h)", "Plasma half-life of IL-10."),
  param("blood.hgf.volume", 40, [10, 10000], "mL/kg", UNITLESS, "msc", "assumed: the plasma volume (≈ 40 mL/kg); no HGF distribution volume found, and a plasma protein can occupy no less, so the HGF increment is an upper bound", "Volume HGF is diluted in, per kg body mass."),
  param("blood.vegf.volume", 960, [10, 10000], "mL/kg", UNITLESS, "msc", "Eppler 2002 (steady-state volume of distribution 960 ± 260 mL/kg)", "Volume VEGF is diluted in, per kg body mass."),
  param("blood.il10.volume", 67, [10, 10000], "mL/kg", UNITLESS, "msc", "Fuchs 1996 (peak serum IL-10 15 ng/mL 2–5 min after 1 µg/kg IV: 1 µg/kg ÷ 15 ng/mL)", "Volume IL-10 is diluted in, per kg body mass."),
  param("blood.hgf.plasma_level", 1050, [1, 1e6], "pg/mL", UNITLESS, "msc", "Shiota 1995 (serum HGF, liver cirrhosis mean 1.05 ng/mL; healthy 0.27 ng/mL, n = 200)", "Endogenous plasma HGF of the patient (cirrhosis)."),
  param("blood.vegf.plasma_level", 153.1, [0.1, 1e6], "pg/mL", UNITLESS, "msc", "Cytokine 2008 (plasma VEGF, 78 patients with cirrhosis 153.1 ± 51.9 pg/mL; healthy 46.8 ± 4.1)", "Endogenous plasma VEGF of the patient (cirrhosis)."),
  param("blood.il10.plasma_level", 2.1, [0.01, 1e6], "pg/mL", UNITLESS, "msc", "Rey 2021 (serum IL-10, 78 patients with cirrhosis, median 2.1 pg/mL, range 0.4–9.3)", "Endogenous plasma IL-10 of the patient (cirrhosis)."),
];

/** Source presets: multipliers on the bone-marrow behaviour. Where only a direction is known, it says so. */
// biome-ignore format: one parameter a line, read as a table
const sourceParams = [
  param("msc_source.adipose.hgf", 1.0, [0, 10], "×", UNITLESS, "msc-source", "direction only (no consistent in-vivo difference)", "Adipose MSC HGF secretion relative to bone marrow."),
  param("msc_source.adipose.vegf", 0.9, [0, 10], "×", UNITLESS, "msc-source", "direction only: Du 2016 (BM more pro-angiogenic); Stem Cells Int 2018 (adipose > UC VEGF-A)", "Adipose MSC VEGF relative to bone marrow."),
  param("msc_source.adipose.il10", 1.0, [0, 10], "×", UNITLESS, "msc-source", "direction only", "Adipose MSC immunomodulation relative to bone marrow."),
  param("msc_source.adipose.proliferation", 1.2, [0, 10], "×", UNITLESS, "msc-source", "direction only: Chen 2015 (UC > adipose > BM)", "Adipose MSC proliferation relative to bone marrow."),
  param("msc_source.adipose.differentiation", 1.0, [0, 10], "×", UNITLESS, "msc-source", "direction only", "Adipose MSC differentiation relative to bone marrow."),
  param("msc_source.umbilical_cord.hgf", 0.9, [0, 10], "×", UNITLESS, "msc-source", "direction only: BM-MSCs reduced rat CCl4 fibrosis more than Wharton's-jelly (UC) MSCs at the same IV dose (Stem Cell Res Ther 2017, doi:10.1186/s13287-017-0595-1)", "UC MSC HGF relative to bone marrow."),
  param("msc_source.umbilical_cord.vegf", 0.7, [0, 10], "×", UNITLESS, "msc-source", "direction only: Du 2016; Stem Cells Int 2018", "UC MSC VEGF relative to bone marrow."),
  param("msc_source.umbilical_cord.il10", 1.1, [0, 10], "×", UNITLESS, "msc-source", "direction only", "UC MSC immunomodulation relative to bone marrow."),
  param("msc_source.umbilical_cord.proliferation", 1.5, [0, 10], "×", UNITLESS, "msc-source", "direction only: Chen 2015 (UC proliferates fastest)", "UC MSC proliferation relative to bone marrow."),
  param("msc_source.umbilical_cord.differentiation", 1.0, [0, 10], "×", UNITLESS, "msc-source", "direction only", "UC MSC differentiation relative to bone marrow."),
];

/**
 * Species clocks: how many times slower than the rodent (rat) reference of the other parameters a
 * human liver runs each process (species-clock.ts lists the parameters of each). Mouse = rat.
 */
// biome-ignore format: one parameter a line, read as a table
const speciesParams = [
  param("species.human.remodelling_clock", 4.09, [0.1, 50], "×", UNITLESS, "species", "allometric default: physiological time ∝ body mass^0.25 (Lindstedt & Calder 1981), (70 kg / 0.25 kg)^0.25 = 4.09; no human/rodent ratio of stellate or collagen kinetics found", "Human time multiplier of fibrogenesis and matrix turnover: stellate activation, proliferation, reversion and apoptosis, collagen deposition, MMP degradation and cross-linking, sinusoid remodelling."),
  param("species.human.hepatocyte_turnover_clock", 3.65, [0.1, 50], "×", UNITLESS, "species", "Heinke 2022 (human hepatocytes' average age < 3 years, taken as 3 years = 1096 days) ÷ the 300-day rodent lifespan (Malato 2011)", "Human time multiplier of the healthy hepatocyte lifespan (turnover)."),
  param("species.human.regeneration_clock", 4.09, [0.1, 50], "×", UNITLESS, "species", "allometric default: (70 kg / 0.25 kg)^0.25 = 4.09 (Lindstedt & Calder 1981)", "Human time multiplier of hepatocyte regeneration: cycle entry and cycle duration."),
  param("species.human.msc_clock", 3.3, [0.1, 50], "×", UNITLESS, "species", "calibrated on gholamrezanezhad-2011-in111-msc-lung by hand (human lung label falls from 27.0–33.5 % to 2.0–5.4 % of the dose in 10 days: half-time 3.3 days, 2.5–4.3 over the ranges) against the ≤ 1 day of mouse lungs (Eggenhofer 2012)", "Human time multiplier of MSC survival: half-lives in the liver and in the lungs (systemic pool).", { calibratedOn: ["gholamrezanezhad-2011-in111-msc-lung"] }),
  param("species.human.scar_age", 3.76, [0, 50], "years", YEARS, "species", "Poynard 1997 (0.133 METAVIR stages a year, median: one stage in 7.5 years; the last stage's scar is on average half that old, older stages' scar older)", "Age of a human stage's stained scar at hand-off: the generated scar cross-links as it would over this time on the human clock (a human stage forms over decades, the generator's path over weeks).", { calibratedOn: ["poynard-1997-hcv-fibrosis-progression-rate"] }),
];

// biome-ignore format: one parameter a line, read as a table
const simulationParams = [
  param("simulation.dt", 1, [0.25, 6], "h", HOURS, "simulation", "design choice", "Tissue time per simulation step."),
  param("simulation.field_substeps", 1, [1, 100], "count", UNITLESS, "simulation", "design choice (fixed point independent of it: test/numerics)", "Field steps per cell step (the fixed point does not depend on it; more sub-steps follow the cells faster).", { integer: true }),
  param("simulation.field_rate_cap", 0.5, [0.05, 100], "dimensionless", UNITLESS, "simulation", "design choice (docs/model.md, 'Quasi-steady fields')", "Largest (decay + uptake) × field step, the longest step of the cycle; it sets how fast a field approaches its steady state, not where it ends."),
  param("simulation.field_step_cycle", 6, [1, 16], "count", UNITLESS, "simulation", "design choice (docs/model.md, 'Quasi-steady fields')", "Field steps in one cycle of pseudo-time steps, from the longest (rate cap) to 1/(fastest rate of the discrete operator); each damps its own band of spatial scales.", { integer: true }),
  param("simulation.site_size", 20, [10, 40], "µm", 1, "simulation", "assumed: one site ≈ one hepatocyte (20–30 µm across: Marongiu 2017)", "Edge length of a lattice site."),
  param("tissue.kupffer_fraction", 0.15, [0, 0.3], "fraction of sites", UNITLESS, "simulation", "Bouwens 1986; PMC9040585 (Kupffer ≈ 15 % of liver cells)", "Kupffer cells placed on sinusoid sites at generation."),
  param("tissue.stellate_fraction", 0.06, [0, 0.15], "fraction of sites", UNITLESS, "simulation", "Geerts 2001 (5–8 % of liver cells)", "Stellate cells placed beside sinusoids at generation."),
  param("simulation.lobule_radius", 20, [6, 60], "sites", 1, "simulation", "assumed (≈ 0.4 mm at 20 µm a site)", "Centre-to-corner radius of a hexagonal lobule.", { integer: true }),
];

/**
 * Clinical read-outs (metrics/clinical.ts): constants of the documented proxies that map the tissue to
 * laboratory values, portal pressure and stiffness. They never act on the simulation.
 */
// biome-ignore format: one parameter a line, read as a table
const clinicalParams = [
  param("clinical.alt_healthy", 20, [5, 100], "U/L", UNITLESS, "readout", "assumed: of the order of the healthy upper limits of serum ALT, 30 U/L (men) and 19 U/L (women), in 6,835 screened blood donors (Prati 2002); no healthy median adopted", "Serum ALT the proxy reads at the healthy hepatocyte turnover."),
  param("clinical.albumin_healthy", 42, [25, 55], "g/L", UNITLESS, "readout", "assumed: inside the usual adult reference interval (about 35–50 g/L); no single reference population adopted", "Serum albumin the proxy reads at the healthy functional hepatocyte mass."),
  param("clinical.bilirubin_healthy", 0.6, [0.1, 2], "mg/dL", UNITLESS, "readout", "assumed: inside the usual adult reference interval of total bilirubin (about 0.3–1.2 mg/dL); no single reference population adopted", "Serum total bilirubin the proxy reads at the healthy functional hepatocyte mass."),
  param("clinical.inr_healthy", 1, [0.8, 1.3], "ratio", UNITLESS, "readout", "definition: the INR of normal pooled plasma is 1", "INR the proxy reads at the healthy functional hepatocyte mass."),
  param("clinical.albumin_mass_exponent", 0.534, [0, 3], "exponent", UNITLESS, "readout", "calibrated on correa-2016-stable-cirrhosis-labs by hand: ln(34.4 / 42) / ln(0.688), the cohort's mean albumin at the model's day-0 functional mass of early-cirrhosis-untreated (seeds 1–3, 96²)", "Power of the functional mass in the albumin proxy (below 1: functional reserve).", { calibratedOn: ["correa-2016-stable-cirrhosis-labs"] }),
  param("clinical.bilirubin_mass_exponent", 1.368, [0, 5], "exponent", UNITLESS, "readout", "calibrated on correa-2016-stable-cirrhosis-labs by hand: ln(1.00 / 0.6) / −ln(0.688), the cohort's median bilirubin at the model's day-0 functional mass of early-cirrhosis-untreated", "Power of 1 / functional mass in the bilirubin proxy.", { calibratedOn: ["correa-2016-stable-cirrhosis-labs"] }),
  param("clinical.inr_mass_exponent", 0.488, [0, 3], "exponent", UNITLESS, "readout", "calibrated on correa-2016-stable-cirrhosis-labs by hand: ln(1.20 / 1.0) / −ln(0.688), the cohort's median INR at the model's day-0 functional mass of early-cirrhosis-untreated", "Power of 1 / functional mass in the INR proxy.", { calibratedOn: ["correa-2016-stable-cirrhosis-labs"] }),
  param("clinical.hvpg_at_zero_cpa", 3, [0, 10], "mmHg", UNITLESS, "readout", "calibrated on calvaruso-2009-cpa-hvpg by hand: 38 patients with repeated biopsies, CPA +3.6 points (50 %) with HVPG +1 mmHg (20 %), so 7.2 % CPA at 5 mmHg and a slope of 1/3.6; the line meets CPA 0 at 5 − 7.2/3.6 = 3.0 mmHg", "HVPG proxy at zero collagen proportionate area.", { calibratedOn: ["calvaruso-2009-cpa-hvpg"] }),
  param("clinical.hvpg_per_cpa", 0.278, [0, 2], "mmHg per CPA %", UNITLESS, "readout", "calibrated on calvaruso-2009-cpa-hvpg by hand: +1 mmHg HVPG per +3.6 CPA points in 38 patients with repeated biopsies (1/3.6 = 0.278)", "Rise of the HVPG proxy per percentage point of CPA.", { calibratedOn: ["calvaruso-2009-cpa-hvpg"] }),
  param("clinical.stiffness_intercept", 2.48, [0, 10], "kPa", UNITLESS, "readout", "Lunova 2021 (LS = 2.48 + 1.29 × HVPG + 0.26 × CPA; 81 transplant candidates, 2-D shear-wave elastography)", "Intercept of the liver-stiffness regression.", { calibratedOn: ["lunova-2021-stiffness-hvpg-cpa"] }),
  param("clinical.stiffness_per_hvpg", 1.29, [0, 5], "kPa/mmHg", UNITLESS, "readout", "Lunova 2021 (regression coefficient of HVPG)", "Liver stiffness per mmHg of HVPG.", { calibratedOn: ["lunova-2021-stiffness-hvpg-cpa"] }),
  param("clinical.stiffness_per_cpa", 0.26, [0, 5], "kPa per CPA %", UNITLESS, "readout", "Lunova 2021 (regression coefficient of CPA)", "Liver stiffness per percentage point of CPA.", { calibratedOn: ["lunova-2021-stiffness-hvpg-cpa"] }),
  param("clinical.creatinine", 1, [0.1, 10], "mg/dL", UNITLESS, "readout", "assumed: kidney function is not modelled; 1.0 mg/dL is MELD's floor, so it adds nothing", "Serum creatinine held constant in the MELD proxy."),
  param("clinical.ascites_points", 1, [1, 3], "Child-Pugh points", UNITLESS, "readout", "assumed: ascites is not modelled; held at 'none' (ascites arises with HVPG ≥ 10 mmHg, Baveno VII, but not in every patient who has it)", "Child-Pugh points for ascites (1 none, 2 slight, 3 moderate).", { integer: true }),
  param("clinical.encephalopathy_points", 1, [1, 3], "Child-Pugh points", UNITLESS, "readout", "assumed: encephalopathy is not modelled; held at 'none'", "Child-Pugh points for hepatic encephalopathy (1 none, 2 grade 1–2, 3 grade 3–4).", { integer: true }),
];

const ALL_PARAMETERS = [
  ...fieldParams,
  ...secretionParams,
  ...hepatocyteParams,
  ...stellateParams,
  ...kupfferParams,
  ...collagenParams,
  ...vesselParams,
  ...injuryParams,
  ...mscParams,
  ...bloodParams,
  ...sourceParams,
  ...speciesParams,
  ...simulationParams,
  ...clinicalParams,
];

/** Every parameter's key: code reads parameters through this type, so a misspelt key is a type error. */
export type ParamKey = (typeof ALL_PARAMETERS)[number]["key"];

export const PARAMETERS: readonly ParamSpec<ParamKey>[] = ALL_PARAMETERS;

export const PARAM_BY_KEY: ReadonlyMap<string, ParamSpec> = new Map(PARAMETERS.map((p) => [p.key, p]));

export type ParamValues = Record<string, number>;

/** A parameter's default in its declared unit. */
export function paramDefault(key: ParamKey): number {
  return PARAM_BY_KEY.get(key)!.default;
}

/** Defaults in declared units. */
export function defaultParameterValues(): ParamValues {
  const out: ParamValues = {};
  for (const p of PARAMETERS) out[p.key] = p.default;
  return out;
}
