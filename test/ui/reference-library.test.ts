/** The page's view of the reference library: which datasets become chart points, and for which scenarios. */
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/cli/commands/validation";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { librarySets } from "../../src/ui/reference-library";
import { referencesFor } from "../../src/ui/reference-data";

describe("reference library on the charts", () => {
  const sets = librarySets(loadLibrary());
  const scenario = (preset: string) => resolveScenario({ preset }, presetLookup);

  it("draws the Dias 2008 withdrawal CPA on the F4 withdrawal preset only, without the uninjured rats", () => {
    const onF4 = referencesFor(scenario("injury-withdrawal-f4"), "cpa_percent", sets).find(
      (r) => r.set.id === "dias-2008-rat-etoh-ccl4-withdrawal-fibrosis",
    );
    expect(onF4?.items.map((i) => (i.kind === "point" ? [i.day, i.value] : null))).toEqual([
      [0, 12.6],
      [56, 10.4],
    ]);
    expect(
      referencesFor(scenario("injury-withdrawal-f2"), "cpa_percent", sets).some((r) =>
        r.set.id.startsWith("dias-2008"),
      ),
    ).toBe(false);
  });

  it("draws a treated arm beside treated runs and the untreated arm beside untreated runs (Jang 2014)", () => {
    const jang = (doc: Record<string, unknown>) =>
      referencesFor(
        resolveScenario({ preset: "chronic-injury-f1", days: 84, ...doc }, presetLookup),
        "cpa_percent",
        sets,
      )
        .filter((r) => r.set.id.startsWith("jang-2014"))
        .flatMap((r) => r.items.map((i) => (i.kind === "point" ? i.value : null)));
    expect(jang({})).toEqual([16.72]);
    const infusion = { day: 42, source: "bone-marrow", route: "intraparenchymal", dose_cells_per_kg: 4e6 };
    expect(jang({ therapy: { infusions: [infusion] } })).toEqual([5.06]);
  });

  it("leaves out relative data and read-outs the model does not have", () => {
    const ids = sets.map((s) => s.id);
    expect(ids).not.toContain("iredale-1998-ccl4-recovery-activated-hsc");
    expect(ids).not.toContain("pan-2014-bm-msc-meta-meld");
  });

  it("draws only the same species' data, and only the points inside the run's days", () => {
    const hepatectomy = scenario("partial-hepatectomy");
    const ids = referencesFor(hepatectomy, "hepatocyte_mass_percent", sets).map((r) => r.set.id);
    expect(ids).toContain("marongiu-2017-rat-ph-liver-dna");
    expect(ids.some((id) => id.startsWith("aoki-2011") || id.startsWith("nadalin-2004"))).toBe(false);
    const lastDay = Math.max(
      ...referencesFor(hepatectomy, "hepatocyte_mass_percent", sets).flatMap((r) =>
        r.items.map((i) => (i.kind === "band" ? 0 : typeof i.day === "number" ? i.day : i.day[1])),
      ),
    );
    expect(lastDay).toBeLessThanOrEqual(hepatectomy.days);
  });
});
