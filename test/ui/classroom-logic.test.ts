/**
 * The classroom features' pure logic, in Node (no browser): share links (round trip and hostile
 * input), the split view's documents, lessons, reference data, exports, slider keys, and the
 * colour-vision check of the tissue palette.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELDS } from "../../src/model/fields/registry";
import { STAGE_CPA_BANDS } from "../../src/model/metrics/septa";
import { PRESET_NAMES, presetLookup } from "../../src/model/params/presets";
import { deepMerge, resolveScenario } from "../../src/model/params/scenario";
import type { Scenario } from "../../src/model/params/scenario-schema";
import { DICHROMACIES, type Dichromacy, deltaE2000, deltaE2000Lab, simulate } from "../../src/render/colour-vision";
import { COLOURS, LEGEND } from "../../src/render/palette";
import { PAGE_TRIAL } from "../../src/ui/experiment-trial";
import { exportFileName, scenarioFile, seriesCsv } from "../../src/ui/export-files";
import { shareUrl } from "../../src/ui/export-panel";
import { sliderKeyTarget } from "../../src/ui/keyboard";
import { LESSONS, LessonProgress, stepReached } from "../../src/ui/lessons";
import { REFERENCES, referencesFor } from "../../src/ui/reference-data";
import { decodeShare, encodeShare, MAX_SHARE_CHARS, shareDocument } from "../../src/ui/share-link";
import { laneDocuments, standardInfusion, treatedDocument } from "../../src/ui/split-docs";
import { parseUrlOptions } from "../../src/ui/url-options";

const resolve = (doc: unknown) => resolveScenario(doc, presetLookup);
const withoutText = (s: Scenario) => ({ ...s, title: "", description: "" });
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("share links", () => {
  it("reproduce every preset with a changed seed, size, therapy and parameters", () => {
    for (const preset of PRESET_NAMES) {
      const s = resolve({
        preset,
        seed: 4242,
        lattice: { width: 96, height: 96 },
        mechanisms: { mmp: false },
        parameters: { "stellate.activation_rate": 0.03, "msc.secretion_hgf": 0.7 },
      });
      const text = encodeShare(shareDocument(s));
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(text.length, preset).toBeLessThan(600);
      const back = decodeShare(text);
      expect(back.ok, preset).toBe(true);
      if (!back.ok) continue;
      expect(back.warnings).toEqual([]);
      expect(withoutText(resolve(back.doc))).toEqual(withoutText(s));
      // The page reads the same document from the address.
      expect(parseUrlOptions(`?s=${text}`).doc).toEqual(back.doc);
    }
  });

  it("carry a custom scenario with no preset", () => {
    const s = resolve({ seed: 9, days: 30, disease: { stage: "F2" }, therapy: { infusions: [standardInfusion()] } });
    const back = decodeShare(encodeShare(shareDocument(s)));
    expect(back.ok && withoutText(resolve(back.doc))).toEqual(withoutText(s));
  });

  it("refuse garbage, non-JSON, out-of-range values and unknown presets with a message", () => {
    const cases: [string, RegExp][] = [
      ["%%%not-base64%%%", /base64url/],
      ["abc$def", /base64url/],
      ["a", /base64url/],
      [b64("hello world"), /JSON/],
      [b64("[1, 2, 3]"), /JSON/],
      [b64("null"), /JSON/],
      [b64(JSON.stringify({ preset: "healthy", seed: -1 })), /seed.*-1.*0 … 4294967295/],
      [b64(JSON.stringify({ preset: "healthy", lattice: { width: 5000 } })), /lattice\.width.*5000/],
      [
        b64(JSON.stringify({ preset: "healthy", parameters: { "fields.tnf.decay": 99 } })),
        /fields\.tnf\.decay.*99.*0 … 10/,
      ],
      [b64(JSON.stringify({ preset: "<script>alert(1)</script>" })), /preset.*<script>/],
      [b64(JSON.stringify({ preset: "healthy", onload: "alert(1)" })), /refused/],
      ["A".repeat(MAX_SHARE_CHARS + 4), /too long/],
    ];
    for (const [text, message] of cases) {
      const r = decodeShare(text);
      expect(r.ok, text.slice(0, 40)).toBe(false);
      if (!r.ok) {
        expect(r.message, text.slice(0, 40)).toMatch(message);
        expect(r.message.length).toBeLessThan(400);
      }
    }
  });

  it("drop markup in free text with a warning, and keep the rest of the scenario", () => {
    const r = decodeShare(
      b64(
        JSON.stringify({
          preset: "healthy",
          seed: 7,
          title: "<img src=x onerror=alert(1)>",
          description: "plain words",
        }),
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc).toEqual({ preset: "healthy", seed: 7, description: "plain words" });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain("title");
  });

  it("never throw, whatever the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map(b64), fc.json().map(b64)), (text) => {
        const r = decodeShare(text);
        if (r.ok) expect(() => resolve(r.doc)).not.toThrow();
        else expect(r.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 300 },
    );
  });

  it("fall back to the default scenario with a warning in the page options", () => {
    const o = parseUrlOptions("?s=%%%&view=split&preset=healthy");
    expect(o.doc.preset).toBe("early-cirrhosis-bm-msc-iv");
    expect(o.view).toBe("split");
    expect(o.warnings.some((w) => w.includes("base64url"))).toBe(true);
    expect(o.warnings.some((w) => w.includes('"preset"'))).toBe(true);
  });

  it("build page addresses with the scenario, the view options and the day", () => {
    const s = resolve({ preset: "healthy", seed: 3 });
    const url = new URL(
      shareUrl("http://example.org/app/index.html?preset=x#top", s, { view: "split", overlay: "hgf" }, 12),
    );
    expect(url.pathname).toBe("/app/index.html");
    expect(url.hash).toBe("");
    expect([...url.searchParams.keys()]).toEqual(["s", "view", "overlay", "day"]);
    const o = parseUrlOptions(url.search);
    expect([o.view, o.overlay, o.day, o.warnings]).toEqual(["split", "hgf", 12, []]);
    expect(withoutText(resolve(o.doc))).toEqual(withoutText(s));
    expect(parseUrlOptions("?preset=healthy&day=99999").warnings[0]).toContain("day=99999");
  });
});

describe("the split view's documents", () => {
  it("pair each scenario with an untreated twin that differs only in its infusions", () => {
    for (const preset of PRESET_NAMES) {
      const doc = treatedDocument({ preset, seed: 5 }, resolve({ preset, seed: 5 }));
      const [untreated, treated] = laneDocuments("split", doc).map(resolve);
      expect(treated!.therapy.infusions.length, preset).toBeGreaterThan(0);
      expect(untreated!.therapy.infusions, preset).toEqual([]);
      expect({ ...untreated!, therapy: { ...untreated!.therapy, infusions: [] } }).toEqual({
        ...treated!,
        therapy: { ...treated!.therapy, infusions: [] },
      });
    }
    expect(laneDocuments("single", { preset: "healthy" })).toEqual([{ preset: "healthy" }]);
  });

  it("give an untreated preset the default therapy: bone-marrow MSCs, intravenous, 10⁶/kg at day 0", () => {
    const treated = resolve(treatedDocument({ preset: "chronic-injury-f4" }, resolve({ preset: "chronic-injury-f4" })));
    expect(treated.therapy.infusions).toEqual([
      { day: 0, source: "bone-marrow", route: "intravenous", dose_cells_per_kg: 1e6 },
    ]);
    const kept = deepMerge({ preset: "fibrosis-f3-bm-msc-iv" }, {});
    expect(treatedDocument(kept, resolve(kept))).toBe(kept);
  });
});

describe("lessons", () => {
  it("exist for the main presets, point at legend colours and fields that exist, and cite a source for every step", () => {
    const main = [
      "healthy",
      "partial-hepatectomy",
      "chronic-injury-f2",
      "chronic-injury-f4",
      "injury-withdrawal-f2",
      "early-cirrhosis-bm-msc-iv",
      "advanced-cirrhosis-bm-msc-hepatic-artery",
      "advanced-cirrhosis-untreated",
    ];
    expect(LESSONS.map((l) => l.preset).sort()).toEqual([...main].sort());
    expect(LESSONS.find((l) => l.preset === "early-cirrhosis-bm-msc-iv")!.view).toBe("split");
    const legendKeys = LEGEND.map((e) => e.key as string);
    for (const l of LESSONS) {
      const days = resolve({ preset: l.preset }).days;
      expect(l.steps.length, l.preset).toBeGreaterThanOrEqual(3);
      let last = 0;
      for (const s of l.steps) {
        expect(s.text.length, s.text).toBeLessThan(330);
        expect(s.source.length, s.text).toBeGreaterThan(10);
        expect(s.day).toBeGreaterThanOrEqual(last);
        expect(s.day).toBeLessThanOrEqual(days);
        last = s.day;
        for (const k of s.highlight ?? []) expect(legendKeys, `${l.preset}: ${k}`).toContain(k);
        if (s.overlay) expect(FIELDS.map((f) => f.key)).toContain(s.overlay);
      }
    }
  });

  it("follow the run: a step is reached when its day comes", () => {
    const l = LESSONS.find((x) => x.preset === "partial-hepatectomy")!;
    expect(stepReached(l, 0, 0.5)).toBe(-1);
    expect(stepReached(l, 0.5, 1)).toBe(1);
    expect(stepReached(l, 0, 10)).toBe(l.steps.length - 1);
    expect(stepReached(l, 10, 12)).toBe(-1);
  });

  it("start at step 1 when opened in the middle of a run, say how far the run has gone, and follow it while open", () => {
    const l = LESSONS.find((x) => x.preset === "partial-hepatectomy")!;
    const n = l.steps.length;
    const p = new LessonProgress(l);
    // Closed while the run goes to day 21: the lesson does not move.
    for (let day = 0; day <= 21; day++) expect(p.follow(day, false)).toBe(false);
    expect(p.index).toBe(0);
    expect(p.stepLine()).toBe(`Step 1 of ${n} · from the start; the run is at day 21`);
    // Opened now: step 1 stays until the reader moves on; Next and Back move freely.
    expect(p.follow(21.5, true)).toBe(false);
    expect(p.index).toBe(0);
    p.go(1);
    expect(p.index).toBe(1);
    expect(p.stepLine()).toBe(`Step 2 of ${n} · from day ${l.steps[1]!.day}; the run is at day 21`);
    p.go(-5);
    expect(p.index).toBe(0);
    p.go(99);
    expect(p.index).toBe(n - 1);
    // The last step is never "behind": nothing comes after it.
    expect(p.stepLine()).toBe(`Step ${n} of ${n} · from day ${l.steps[n - 1]!.day}`);
    // A restart goes back to step 1, and an open lesson follows the new run to each step's day.
    expect(p.follow(0, true)).toBe(true);
    expect(p.index).toBe(0);
    expect(p.stepLine()).toBe(`Step 1 of ${n}`);
    expect(p.follow(1, true)).toBe(true);
    expect(p.index).toBe(1);
    expect(p.stepLine()).toBe(`Step 2 of ${n} · from day 1`);
  });

  it("do not call a step 'behind' while the run stands at its day (the Clinical-trial lesson's steps are all day 0)", () => {
    const l = LESSONS.find((x) => x.trial)!;
    const p = new LessonProgress(l);
    p.follow(0, true);
    p.go(3);
    expect(p.stepLine()).toBe(`Step 4 of ${l.steps.length}`);
    p.follow(0.5, true);
    expect(p.stepLine()).toBe(`Step 4 of ${l.steps.length} · from the start; the run is at day 0`);
  });

  it("run a published replica of the page's trial list, with patient choices the page allows", () => {
    const trial = LESSONS.find((x) => x.trial)!.trial!;
    const index = JSON.parse(readFileSync("public/trials/index.json", "utf8")) as { trials: { file: string }[] };
    expect(index.trials.map((t) => t.file)).toContain(trial.file);
    for (const n of trial.patients) expect(n).toBeLessThanOrEqual(PAGE_TRIAL.maxPatients);
    expect(trial.patients[0]).toBe(PAGE_TRIAL.maxPatients);
  });
});

describe("reference data", () => {
  it("has a source for every set, and the CPA stage bands are the model's", () => {
    for (const r of REFERENCES) expect(r.source.length, r.id).toBeGreaterThan(30);
    const bands = REFERENCES.find((r) => r.id === "cpa-stage-bands")!.items;
    expect(bands.map((b) => (b.kind === "band" ? b.to : 0)).slice(0, 4)).toEqual([...STAGE_CPA_BANDS]);
  });

  it("shows the hepatectomy data only where it applies", () => {
    const ph = resolve({ preset: "partial-hepatectomy" });
    const healthy = resolve({ preset: "healthy" });
    expect(referencesFor(ph, "hepatocyte_mass_percent").map((r) => r.set.id)).toEqual(["hepatectomy-mass"]);
    expect(referencesFor(ph, "proliferation_index").map((r) => r.set.id)).toEqual(["hepatectomy-wave"]);
    expect(referencesFor(healthy, "hepatocyte_mass_percent")).toEqual([]);
    expect(referencesFor(resolve({ preset: "chronic-injury-f4" }), "cpa_percent").map((r) => r.set.id)).toEqual([
      "cpa-stage-bands",
      "cpa-cirrhosis",
    ]);
    expect(referencesFor(healthy, "cpa_percent").map((r) => r.set.id)).toEqual(["cpa-stage-bands"]);
  });
});

describe("exports", () => {
  it("write the charted series as CSV with the read-out columns", () => {
    const csv = seriesCsv({ day: [0, 1], cpa_percent: [1.5, 0.1 + 0.2], mean_hgf: [1e-7, 2] }, [
      "day",
      "cpa_percent",
      "mean_hgf",
    ]);
    const [header, ...rows] = csv.trim().split("\n");
    expect(header).toBe("day,cpa_percent,mean_hgf");
    expect(rows.map((r) => r.split(",").map(Number))).toEqual([
      [0, 1.5, 1e-7],
      [1, 0.1 + 0.2, 2],
    ]);
  });

  it("write a scenario file that resolves to the same scenario without the presets", () => {
    for (const preset of PRESET_NAMES) {
      const s = resolve({ preset, seed: 11, parameters: { "msc.iv_liver_fraction": 0.05 } });
      const file = JSON.parse(JSON.stringify(scenarioFile(s)));
      expect(file.preset).toBeUndefined();
      expect(resolveScenario(file, () => undefined)).toEqual({ ...s, preset: null });
    }
    expect(exportFileName(resolve({ preset: "healthy" }), "split", 14.7, "png")).toBe(
      "hepatosim-healthy-split-day14.png",
    );
  });
});

describe("slider keys", () => {
  const t = { min: 0, max: 1000, step: 1, value: 500 };
  it("move 1 % with arrows, one step with Shift, 10 % with Page Up/Down, and to the ends with Home/End", () => {
    expect(sliderKeyTarget("ArrowRight", false, t)).toBe(510);
    expect(sliderKeyTarget("ArrowUp", false, t)).toBe(510);
    expect(sliderKeyTarget("ArrowLeft", false, t)).toBe(490);
    expect(sliderKeyTarget("ArrowRight", true, t)).toBe(501);
    expect(sliderKeyTarget("ArrowDown", true, t)).toBe(499);
    expect(sliderKeyTarget("PageUp", false, t)).toBe(600);
    expect(sliderKeyTarget("PageDown", false, t)).toBe(400);
    expect(sliderKeyTarget("Home", false, t)).toBe(0);
    expect(sliderKeyTarget("End", false, t)).toBe(1000);
    expect(sliderKeyTarget("PageUp", false, { ...t, value: 950 })).toBe(1000);
    expect(sliderKeyTarget("a", false, t)).toBeNull();
    // Coarse tracks move at least one step.
    expect(sliderKeyTarget("ArrowRight", false, { min: 0, max: 100, step: 5, value: 50 })).toBe(55);
  });
});

describe("colour vision", () => {
  it("computes CIEDE2000 as published (Sharma, Wu & Dalal 2005, pairs 1, 7 and 17)", () => {
    expect(deltaE2000Lab([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 3);
    expect(deltaE2000Lab([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 3);
    expect(deltaE2000Lab([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 3);
    expect(simulate([255, 255, 255], "deuteranopia").map(Math.round)).toEqual([255, 255, 255]);
    // Red and green collapse for a deuteranope.
    expect(deltaE2000(simulate([200, 40, 40], "deuteranopia"), simulate([90, 140, 40], "deuteranopia"))).toBeLessThan(
      0.5 * deltaE2000([200, 40, 40], [90, 140, 40]),
    );
  });

  it("keeps every pair of tissue colours apart for normal vision, deuteranopia and protanopia", () => {
    const worst: Record<string, { pair: string; dE: number }> = {};
    for (const kind of ["normal", ...Object.keys(DICHROMACIES)] as ("normal" | Dichromacy)[]) {
      worst[kind] = { pair: "", dE: Number.POSITIVE_INFINITY };
      for (let i = 0; i < LEGEND.length; i++)
        for (let j = i + 1; j < LEGEND.length; j++) {
          const a = COLOURS[LEGEND[i]!.key];
          const b = COLOURS[LEGEND[j]!.key];
          const dE = kind === "normal" ? deltaE2000(a, b) : deltaE2000(simulate(a, kind), simulate(b, kind));
          if (dE < worst[kind]!.dE) worst[kind] = { pair: `${LEGEND[i]!.key} / ${LEGEND[j]!.key}`, dE };
        }
    }
    console.log(
      `[palette] closest pairs (CIEDE2000): ${Object.entries(worst)
        .map(([k, w]) => `${k} ${w.dE.toFixed(1)} (${w.pair})`)
        .join("; ")}`,
    );
    for (const kind of ["normal", "deuteranopia", "protanopia"])
      expect(worst[kind]!.dE, kind).toBeGreaterThanOrEqual(10);
    // Tritanopia (about 1 in 10,000) keeps white sinusoids and cream free space closest; documented, not hidden.
    expect(worst.tritanopia!.dE).toBeGreaterThanOrEqual(5);
  });
});
