/** A run started on another scenario's stage (`hepatosim run --stage-set`) reports that stage's weeks of injury in its own Δt. */
import { describe, expect, it } from "vitest";
import { createSimApi } from "../../src/sim/api";

const base = { preset: "chronic-injury-f1", seed: 3, lattice: { width: 32, height: 32 }, days: 1 };
const coarse = { ...base, parameters: { "simulation.dt": 1 } };
const fine = { ...base, parameters: { "simulation.dt": 0.5 } };

describe("a run on another scenario's stage", () => {
  it("counts the stage's generation in the stage's own steps per day", async () => {
    const api = createSimApi();
    const own = await api.load(coarse);
    const other = await api.load(fine, { stageFrom: coarse });
    expect(other.stepsPerDay).toBe(2 * own.stepsPerDay);
    expect(other.generation.steps).toBe(own.generation.steps);
    expect(own.generation.weeks).toBeGreaterThan(0);
    expect(other.generation.weeks).toBe(own.generation.weeks);
    // A plain load afterwards counts in its own steps again.
    const plain = await api.load(fine);
    expect(plain.generation.weeks).toBeCloseTo(plain.generation.steps / plain.stepsPerDay / 7, 12);
  }, 120_000);
});
