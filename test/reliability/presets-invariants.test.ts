/**
 * Every shipped science scenario (each preset, its stage generated first) keeps every invariant when
 * checked once a simulated day, on a 32² lattice over the first 3 days.
 */
import { describe, expect, it } from "vitest";
import { PRESET_NAMES, presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { bundled } from "../bundled-model";

// The model bundled (test/bundled-model.ts): these tests spend most of their time inside it.
const { createCachedSimulation: createSimulation, withInvariantChecks } = bundled;

const DAYS = 3;

describe("shipped presets under invariant checks", () => {
  it.each(PRESET_NAMES.map((name) => [name]))(
    `%s: stage generation and ${DAYS} days on 32², checked every 24 steps`,
    (name) => {
      const preset = resolveScenario({ preset: name }, presetLookup);
      // Keep the preset's injury window and infusions inside the shortened run.
      const doc = {
        preset: name,
        days: DAYS,
        lattice: { width: 32, height: 32 },
        therapy: { infusions: preset.therapy.infusions.map((inf) => ({ ...inf, day: Math.min(inf.day, DAYS) })) },
      };
      const sim = withInvariantChecks(createSimulation(resolveScenario(doc, presetLookup)), 24);
      expect(sim.step(sim.totalSteps)).toBe(DAYS * sim.state.derived.stepsPerDay);
      expect(sim.history()).toHaveLength(DAYS + 1);
    },
  );
});
