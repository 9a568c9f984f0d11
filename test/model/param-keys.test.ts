/** Parameters are read through the registry's key type: a misspelt key does not compile. */
import { describe, expect, it } from "vitest";
import { compileParams, need } from "../../src/model/params/compiled";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";

const p = compileParams(resolveScenario({ preset: "chronic-injury-f1" }, presetLookup));

describe("parameter keys", () => {
  it("reads a registry key; a misspelt one is a type error and, forced through, an error", () => {
    expect(need(p, "hepatocyte.lifespan")).toBeGreaterThan(0);
    // @ts-expect-error misspelt key
    expect(() => need(p, "hepatocyte.lifspan")).toThrow(/unknown parameter/);
  });
});
