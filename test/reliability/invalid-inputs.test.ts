/**
 * Properties: invalid scenario input is always refused with an InputError that names the field —
 * never another exception, never a hang — and any value at all is either a valid scenario or refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { scenarioSchema } from "../../src/model/params/scenario-schema";
import { InputError, parseJsonText } from "../../src/model/params/validation";
import { CASES, PROPERTY_SEED } from "./arbitraries";
import { badInputArb } from "./bad-inputs";

/** Far above a resolve's cost (≈ 1 ms) even on a loaded machine; a loop that never ends fails the test instead. */
const MAX_MS = 2000;
const CHEAP_CASES = 5 * CASES;

type Outcome = { accepted: true } | { accepted: false; error: InputError };

/** Resolves `input` (JSON text when asked), timing it; any exception but InputError escapes and fails the property. */
function attempt(input: unknown, asText = false): Outcome {
  const t0 = performance.now();
  try {
    const resolved = resolveScenario(asText ? parseJsonText(input as string) : input, presetLookup);
    expect(scenarioSchema.safeParse(resolved).success, "an accepted input resolves to a valid scenario").toBe(true);
    return { accepted: true };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { accepted: false, error: e };
  } finally {
    expect(performance.now() - t0).toBeLessThan(MAX_MS);
  }
}

/**
 * Every issue (the first hundred: a document may have 10⁵) names a path, the value given and what is
 * allowed, and the message leads with the first. Text that is not JSON names the whole document.
 */
function expectWellFormed(e: InputError): void {
  expect(e.issues.length).toBeGreaterThan(0);
  for (const issue of e.issues.slice(0, 100)) {
    expect(issue.path.length).toBeGreaterThan(0);
    expect(issue.value.length).toBeGreaterThan(0);
    expect(issue.allowed.length).toBeGreaterThan(0);
    if (issue.allowed === "valid JSON") expect(issue.message).toMatch(/^malformed JSON/);
    else expect(issue.message).toContain(issue.path);
  }
  expect(e.message).toContain(e.issues[0]!.message);
}

describe("invalid scenario input", () => {
  it(`a valid document with one thing made wrong is refused, naming that field (${CHEAP_CASES} cases)`, () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(badInputArb, (bad) => {
        const kind = bad.what.split(" ")[0]!;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
        const outcome = attempt(bad.doc);
        if (outcome.accepted) throw new Error(`accepted: ${bad.what}`);
        expectWellFormed(outcome.error);
        expect(
          outcome.error.issues.map((i) => i.path),
          bad.what,
        ).toContain(bad.path);
        expect(outcome.error.message, bad.what).toContain(bad.path);
      }),
      { seed: PROPERTY_SEED, numRuns: CHEAP_CASES },
    );
    console.log(`bad inputs by kind: ${[...seen].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    // Every kind of mistake was tried.
    expect(seen.size).toBeGreaterThanOrEqual(9);
  });

  it(`any value at all is a valid scenario or an InputError, never another exception (${CHEAP_CASES} cases)`, () => {
    const topLevel = fc.record(
      Object.fromEntries(
        ["preset", "seed", "days", "lattice", "disease", "therapy", "mechanisms", "parameters", "title"].map((k) => [
          k,
          fc.anything(),
        ]),
      ),
      { requiredKeys: [] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), topLevel), (value) => {
        const outcome = attempt(value);
        if (outcome.accepted) accepted++;
        else expectWellFormed(outcome.error);
      }),
      { seed: PROPERTY_SEED, numRuns: CHEAP_CASES },
    );
    console.log(`random values: ${accepted} of ${CHEAP_CASES} happened to be valid documents`);
  });

  it(`any text is a valid scenario or an InputError, never another exception (${CHEAP_CASES} cases)`, () => {
    const valid = JSON.stringify({
      preset: "healthy",
      days: 5,
      lattice: { width: 64, height: 64 },
      parameters: { "hepatocyte.lifespan": 200 },
    });
    const edited = fc
      .tuple(fc.nat({ max: valid.length }), fc.nat({ max: 8 }), fc.string({ maxLength: 6 }))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(Math.min(valid.length, at + cut)));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), edited), (text) => {
        const outcome = attempt(text, true);
        if (!outcome.accepted) expectWellFormed(outcome.error);
      }),
      { seed: PROPERTY_SEED, numRuns: CHEAP_CASES },
    );
  });
});

describe("hostile documents", () => {
  const refusedAt = (input: unknown, path: string) => {
    const outcome = attempt(input);
    if (outcome.accepted) throw new Error("accepted");
    expectWellFormed(outcome.error);
    expect(outcome.error.issues.map((i) => i.path)).toContain(path);
  };

  it("refuses own __proto__ and constructor keys as unknown fields, and pollutes no prototype", () => {
    refusedAt(JSON.parse('{"__proto__": {"days": 5}}'), "__proto__");
    refusedAt(JSON.parse('{"parameters": {"__proto__": {"polluted": 1}}}'), "parameters.__proto__");
    refusedAt(JSON.parse('{"lattice": {"constructor": {"prototype": {"polluted": 1}}}}'), "lattice.constructor");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).days).toBeUndefined();
  });

  it("refuses a 10⁷-character title, 10⁵ infusions and 10⁵ unknown keys quickly", () => {
    refusedAt({ title: "x".repeat(1e7) }, "title");
    const infusion = { day: 0, source: "adipose", route: "intravenous", dose_cells_per_kg: 1 };
    refusedAt({ therapy: { infusions: Array.from({ length: 1e5 }, () => infusion) } }, "therapy.infusions");
    refusedAt(Object.fromEntries(Array.from({ length: 1e5 }, (_, i) => [`k${i}`, i])), "k0");
  });

  it("refuses deep garbage (1,000 levels) in a field, naming the field", () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    refusedAt(parseJsonText(`{"title": ${deep(1000)}}`), "title");
    refusedAt(parseJsonText(`{"lattice": {"width": ${'{"a":'.repeat(1000)}1${"}".repeat(1000)}}}`), "lattice.width");
  });

  // Found by fuzzing (docs/reliability.md, known problem 1, fixed): JSON.stringify of the offending
  // value overflowed the stack at 10,000 levels; showValue now describes unprintable values.
  it("refuses deep garbage (10,000 levels) with an InputError naming the field", () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    refusedAt(parseJsonText(`{"title": ${deep}}`), "title");
  });
});
