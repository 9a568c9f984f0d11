/** The presets shipped in public/scenarios are the ones the model knows, with stable kebab-case names. */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_PRESET, PRESET_NAMES, presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";

const REQUIRED = [
  "healthy",
  "partial-hepatectomy",
  "chronic-injury-f1",
  "chronic-injury-f2",
  "chronic-injury-f3",
  "chronic-injury-f4",
  "injury-withdrawal-f2",
  "injury-withdrawal-f4",
  "early-cirrhosis-untreated",
  "advanced-cirrhosis-untreated",
  "early-cirrhosis-bm-msc-iv",
  "early-cirrhosis-bm-msc-hepatic-artery",
  "early-cirrhosis-bm-msc-portal-vein",
  "early-cirrhosis-adipose-msc-iv",
  "early-cirrhosis-uc-msc-iv",
  "early-cirrhosis-hgf-msc-iv",
  "advanced-cirrhosis-bm-msc-hepatic-artery",
  "fibrosis-f3-bm-msc-iv",
];

describe("presets", () => {
  it("lists every JSON file in public/scenarios and nothing else", () => {
    const files = readdirSync("public/scenarios")
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -5))
      .sort();
    expect([...PRESET_NAMES].sort()).toEqual(files);
  });

  it("has every preset the issues name, in kebab-case", () => {
    for (const name of REQUIRED) expect(PRESET_NAMES).toContain(name);
    for (const name of PRESET_NAMES) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(PRESET_NAMES).toContain(DEFAULT_PRESET);
  });

  it("gives each treated preset an untreated twin that differs only in therapy", () => {
    for (const name of PRESET_NAMES.filter((n) => n.includes("-msc-"))) {
      const treated = resolveScenario({ preset: name }, presetLookup);
      const twin = resolveScenario({ preset: name, therapy: { infusions: [] } }, presetLookup);
      expect(treated.therapy.infusions.length).toBeGreaterThan(0);
      expect({ ...twin, therapy: null }).toEqual({ ...treated, therapy: null });
      // Default doses follow the human trials: about 10⁶ cells/kg.
      for (const inf of treated.therapy.infusions) expect(inf.dose_cells_per_kg).toBeGreaterThanOrEqual(1e5);
    }
  });

  it("declares each preset's species: rodent experiments are rats, the clinical scenarios human", () => {
    for (const name of PRESET_NAMES) {
      const doc = presetLookup(name)!;
      // A base preset says its species; a treated twin inherits its untreated base's.
      if (doc.preset === undefined) expect(doc.species, name).toBeDefined();
      const { species } = resolveScenario({ preset: name }, presetLookup);
      const rodent = /^(chronic-injury|injury-withdrawal|partial-hepatectomy)/.test(name);
      expect(species, name).toBe(rodent ? "rat" : "human");
    }
  });
});
