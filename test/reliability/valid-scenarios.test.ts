/**
 * Property: every valid scenario runs without breaking an invariant — no NaN or Infinity, no negative
 * concentration, collagen, cross-link and damage in [0, 1], at most one agent per site, each agent on
 * a site it may occupy — checked after every step of random small, short runs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { bundled } from "../bundled-model";
import { SIMULATION_CASES as CASES, PROPERTY_SEED, validScenarioArb } from "./arbitraries";

// The model bundled (test/bundled-model.ts): these tests spend most of their time inside it.
const { createCachedSimulation: createSimulation, withInvariantChecks } = bundled;

describe("random valid scenarios", () => {
  it(`keep every invariant after every step (${CASES} cases, 32–48², 1–3 days)`, () => {
    let steps = 0;
    let slowest = 0;
    const started = performance.now();
    fc.assert(
      fc.property(validScenarioArb(), (doc) => {
        const t0 = performance.now();
        const sim = withInvariantChecks(createSimulation(resolveScenario(doc, presetLookup)), 1);
        steps += sim.step(sim.totalSteps);
        expect(sim.done()).toBe(true);
        slowest = Math.max(slowest, performance.now() - t0);
      }),
      { seed: PROPERTY_SEED, numRuns: CASES },
    );
    console.log(
      `${CASES} valid scenarios, ${steps} checked steps in ${((performance.now() - started) / 1000).toFixed(1)} s (slowest case ${slowest.toFixed(0)} ms)`,
    );
  });
});
