/** Bad input is refused with one message that names the field, the value and what is allowed. */
import { describe, expect, it } from "vitest";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { InputError, parseJsonText } from "../../src/model/params/validation";

function refusal(input: unknown): InputError {
  try {
    resolveScenario(input, presetLookup);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
}

const base = { preset: "healthy", lattice: { width: 64, height: 64 }, days: 10 };

describe("scenario validation", () => {
  const cases: [string, unknown, string, string][] = [
    ["unknown top-level field", { ...base, colour: "red" }, "colour", "no such field"],
    [
      "unknown parameter",
      { ...base, parameters: { "hepatocyte.lifespn": 3 } },
      'parameters["hepatocyte.lifespn"]',
      "no such field",
    ],
    ["wrong type", { ...base, seed: "one" }, "seed", "0 … 4294967295"],
    ["NaN", { ...base, days: Number.NaN }, "days", "1 … 3650"],
    [
      "Infinity",
      { ...base, parameters: { "fields.tnf.decay": Number.POSITIVE_INFINITY } },
      'parameters["fields.tnf.decay"]',
      "0 … 10 1/min",
    ],
    [
      "out of range",
      { ...base, parameters: { "hepatocyte.lifespan": 5 } },
      'parameters["hepatocyte.lifespan"]',
      "50 … 2000 days",
    ],
    [
      "negative rate",
      { ...base, parameters: { "stellate.activation_rate": -0.1 } },
      'parameters["stellate.activation_rate"]',
      "0 … 10 1/h",
    ],
    ["lattice of 0 sites", { ...base, lattice: { width: 0, height: 64 } }, "lattice.width", "32 … 1024"],
    ["lattice of 10⁹ sites", { ...base, lattice: { width: 31623, height: 31623 } }, "lattice.width", "32 … 1024"],
    ["fractional lattice", { ...base, lattice: { width: 64.5, height: 64 } }, "lattice.width", "whole number"],
    ["stage outside F0–F4", { ...base, disease: { stage: "F5" } }, "disease.stage", "F0 | F1 | F2 | F3 | F4"],
    [
      "removal fraction above 1",
      { ...base, disease: { hepatectomy_fraction: 1.5 } },
      "disease.hepatectomy_fraction",
      "0 … 0.9",
    ],
    [
      "removal fraction below 0",
      { ...base, disease: { hepatectomy_fraction: -0.1 } },
      "disease.hepatectomy_fraction",
      "0 … 0.9",
    ],
    [
      "unknown MSC source",
      { ...base, therapy: { infusions: [{ day: 1, source: "liver", route: "intravenous", dose_cells_per_kg: 1e6 }] } },
      "therapy.infusions[0].source",
      "bone-marrow | adipose | umbilical-cord",
    ],
    [
      "unknown route",
      { ...base, therapy: { infusions: [{ day: 1, source: "adipose", route: "oral", dose_cells_per_kg: 1e6 }] } },
      "therapy.infusions[0].route",
      "intravenous | portal-vein",
    ],
    [
      "negative dose",
      { ...base, therapy: { infusions: [{ day: 1, source: "adipose", route: "intravenous", dose_cells_per_kg: -5 }] } },
      "therapy.infusions[0].dose_cells_per_kg",
      "0 … 1000000000",
    ],
    [
      "infusion after the run ends",
      {
        ...base,
        therapy: { infusions: [{ day: 11, source: "adipose", route: "intravenous", dose_cells_per_kg: 1e6 }] },
      },
      "therapy.infusions[0].day",
      "0 … 10 days",
    ],
    ["unknown preset", { preset: "cirrhosis-cure" }, "preset", "preset name"],
    [
      "dt that does not divide a day",
      { ...base, parameters: { "simulation.dt": 5 } },
      'parameters["simulation.dt"]',
      "divisor of 24",
    ],
    ["mechanism not boolean", { ...base, mechanisms: { hgf: "off" } }, "mechanisms.hgf", "true | false"],
  ];
  for (const [name, input, path, allowed] of cases) {
    it(`refuses ${name}`, () => {
      const e = refusal(input);
      const issue = e.issues.find((i) => i.path === path);
      expect(issue, `${e.message}`).toBeDefined();
      expect(issue!.allowed).toContain(allowed);
      expect(e.message).toContain(path);
    });
  }

  it("refuses malformed JSON with the position", () => {
    expect(() => parseJsonText('{"seed": 1,,}')).toThrow(/malformed JSON/);
  });

  it("names the value given", () => {
    const e = refusal({ ...base, lattice: { width: 2000, height: 64 } });
    expect(e.issues[0]!.value).toBe("2000");
    expect(e.message).toMatch(/lattice\.width: 2000 is not allowed; allowed: whole number 32 … 1024 sites/);
  });

  it("accepts every shipped preset", async () => {
    const { PRESET_NAMES } = await import("../../src/model/params/presets");
    for (const name of PRESET_NAMES) expect(resolveScenario({ preset: name }, presetLookup).preset).toBe(name);
  });
});
