/** The bundled model (test/bundled-model.ts) gives the source's numbers, bit for bit. */
import { describe, expect, it } from "vitest";
import { presetLookup } from "../src/model/params/presets";
import { resolveScenario } from "../src/model/params/scenario";
import { createSimulation } from "../src/model/simulation";
import { bundled } from "./bundled-model";

describe("the bundled model", () => {
  it("runs a diseased stage with an infusion to the same bytes as the source", () => {
    const s = resolveScenario(
      { preset: "early-cirrhosis-bm-msc-hepatic-artery", seed: 4, days: 3, lattice: { width: 32, height: 32 } },
      presetLookup,
    );
    const a = createSimulation(s);
    const b = bundled.createSimulation(s);
    a.step(a.totalSteps);
    b.step(b.totalSteps);
    expect(b.history()).toEqual(a.history());
    expect(Buffer.from(b.state.tissue.collagen.buffer).equals(Buffer.from(a.state.tissue.collagen.buffer))).toBe(true);
  }, 300_000);
});
