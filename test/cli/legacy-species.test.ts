/**
 * The old `therapy.species` (before the species set the kinetic clock) is still read — in a scenario
 * file, a `--set` flag, a sweep axis and a shared link — as the top-level `species`, with a notice.
 */
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { upgradeLegacy } from "../../src/model/params/legacy";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { InputError } from "../../src/model/params/validation";
import { pathSegments } from "../../src/study/scenario-paths";
import { decodeShare, encodeShare } from "../../src/ui/share-link";
import { cleanup, cli, read, tempDir } from "./helpers";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) cleanup(d);
});

describe("legacy therapy.species", () => {
  it("is read as the top-level species, with a notice; a disagreeing pair is refused", () => {
    const old = { preset: "early-cirrhosis-untreated", therapy: { species: "rat", infusions: [] } };
    expect(resolveScenario(old, presetLookup).species).toBe("rat");
    const { doc, notices } = upgradeLegacy(old);
    expect(doc).toEqual({ preset: "early-cirrhosis-untreated", species: "rat", therapy: { infusions: [] } });
    expect(notices).toEqual([expect.stringContaining('read as species: "rat"')]);
    expect(upgradeLegacy({ species: "rat" }).notices).toEqual([]);
    expect(() => resolveScenario({ species: "human", therapy: { species: "rat" } }, presetLookup)).toThrow(InputError);
    expect(pathSegments("therapy.species")).toEqual(["species"]);
  });

  it("in a file and in --set: the run uses it, and stderr says so", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, "old.json");
    writeFileSync(
      file,
      JSON.stringify({
        preset: "partial-hepatectomy",
        days: 1,
        lattice: { width: 32, height: 32 },
        therapy: { species: "human" },
      }),
    );
    const checked = await cli(["validate", file]);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toContain("note: ");
    expect(checked.stderr).toContain("therapy.species");

    const out = join(dir, "flag");
    const r = await cli(["run", file, "--set", "therapy.species=mouse", "--quiet", "--workers", "1", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('read as species: "human"');
    expect(r.stderr).toContain("note: --set therapy.species is now written species");
    expect(JSON.parse(read(join(out, "manifest.json"))).scenario.species).toBe("mouse");
  });

  it("in a shared link: the page reads it and warns", () => {
    const r = decodeShare(encodeShare({ preset: "partial-hepatectomy", therapy: { species: "human" } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc).toEqual({ preset: "partial-hepatectomy", species: "human", therapy: {} });
    expect(r.warnings).toEqual([expect.stringContaining("therapy.species")]);
  });
});
