/**
 * The Experiment panel's pure logic, in Node (no browser): the simple form makes valid CLI sweep
 * files for every name it offers, sweep files the page cannot run are refused naming the field, the
 * worker count, and the plot's arms, means and spread.
 */
import { describe, expect, it } from "vitest";
import { READOUTS } from "../../src/model/metrics/readouts";
import { refusal } from "./refusal";
import { parseSweep } from "../../src/study/sweep-file";
import { experimentManifest, experimentTables, plotData, plotOutputs } from "../../src/ui/experiment-results";
import { defaultWorkerCount, rowsAsWritten } from "../../src/ui/experiment-runner";
import {
  defaultForm,
  describeSweep,
  formSweep,
  MAX_PAGE_RUNS,
  pageSweep,
  pageSweepFromText,
  parameterChoices,
  parseValueList,
  suggestedValues,
} from "../../src/ui/experiment-sweep";

describe("the simple form", () => {
  it("reads value lists: numbers (1e5 too), words and true/false, separated by commas, semicolons or spaces", () => {
    expect(parseValueList("1e5, 1e6;1e7")).toEqual([1e5, 1e6, 1e7]);
    expect(parseValueList(" intravenous  portal-vein ")).toEqual(["intravenous", "portal-vein"]);
    expect(parseValueList("true,false,0.5")).toEqual([true, false, 0.5]);
    expect(parseValueList("")).toEqual([]);
  });

  it("makes a valid sweep file for every name it offers, with the values it suggests (at the form's default run length)", () => {
    const form = defaultForm("early-cirrhosis-bm-msc-iv");
    const bad: string[] = [];
    for (const choice of parameterChoices()) {
      const doc = formSweep({
        ...form,
        parameter: choice.name,
        values: suggestedValues(choice.name),
        seeds: "1",
        size: 32,
      });
      try {
        parseSweep(JSON.parse(JSON.stringify(doc)));
        const s = pageSweep(doc);
        if (s.plan.runs.length < 1) bad.push(`${choice.name}: no runs`);
      } catch (e) {
        bad.push(`${choice.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("starts from the page's scenario: its dose when it is treated, regenerative capacity otherwise", () => {
    expect(defaultForm("early-cirrhosis-bm-msc-iv").parameter).toBe("therapy.infusions.0.dose_cells_per_kg");
    expect(defaultForm("partial-hepatectomy").parameter).toBe("hepatocyte.regenerative_capacity");
    expect(defaultForm("no-such-preset").preset).not.toBe("no-such-preset");
  });

  it("adds arms as a second swept name, and describes the plan", () => {
    const doc = formSweep({
      ...defaultForm("early-cirrhosis-bm-msc-iv"),
      values: "1e5, 1e7",
      arms: "therapy.infusions.0.route",
      armValues: "intravenous, portal-vein",
      seeds: "1..2",
      days: "5",
      size: 32,
    });
    const s = pageSweep(doc);
    expect(s.plan.labelKeys).toEqual(["point", "therapy.infusions.0.dose_cells_per_kg", "therapy.infusions.0.route"]);
    expect(s.plan.runs.length).toBe(8);
    expect(describeSweep(s)).toBe("8 runs: 4 points × 2 seeds, 32 × 32 sites, 5 days each.");
  });
});

describe("sweep files the page refuses", () => {
  const base = {
    kind: "sweep",
    scenario: "healthy",
    design: "grid",
    parameters: { "hepatocyte.regenerative_capacity": { values: [1] } },
  };

  it("a scenario in another file (the page has only the sweep file), naming the field", () => {
    expect(refusal(() => pageSweep({ ...base, scenario: "../my.json" }))).toMatch(
      /^scenario: "\.\.\/my\.json" is not allowed; allowed: a preset name/,
    );
    expect(pageSweep({ ...base, scenario: { preset: "healthy", days: 3 } }).plan.runs[0]!.doc.days).toBe(3);
  });

  it("more runs, or more daily rows, than the page should hold", () => {
    const many = { ...base, seeds: `1..${MAX_PAGE_RUNS + 1}` };
    expect(refusal(() => pageSweep(many))).toContain(`at most ${MAX_PAGE_RUNS} runs in the page`);
    const long = { ...base, scenario: { preset: "healthy", days: 3650 }, seeds: "1..20" };
    expect(refusal(() => pageSweep(long))).toContain("daily rows");
  });

  it("malformed JSON and schema errors, as the CLI words them", () => {
    expect(refusal(() => pageSweepFromText("{"))).toContain("malformed JSON");
    expect(refusal(() => pageSweepFromText(JSON.stringify({ ...base, design: "random" })))).toContain("design");
    expect(
      refusal(() => pageSweepFromText(JSON.stringify({ ...base, parameters: { "no.such": { values: [1] } } }))),
    ).toContain('"no.such" is not a known parameter');
  });
});

describe("running and results", () => {
  it("uses hardwareConcurrency − 1 workers, at least 2 and at most 4", () => {
    expect([undefined, 1, 2, 3, 4, 5, 8, 64].map((n) => defaultWorkerCount(n))).toEqual([2, 2, 2, 2, 3, 4, 4, 4]);
  });

  it("keeps a run's rows exactly as the CLI's timeseries.csv has them (shortest round-trip numbers)", () => {
    const row = Object.fromEntries(READOUTS.map((r, i) => [r.key, i === 1 ? 0.1 + 0.2 : i === 2 ? 1e-21 : i]));
    const [written] = rowsAsWritten([row as never]);
    expect(written![1]).toBe("0.30000000000000004");
    expect(written![2]).toBe("1e-21");
    expect(written!.length).toBe(READOUTS.length);
  });

  it("plots one arm per combination of the other names, with the mean and SD over seeds", () => {
    const s = pageSweep({
      kind: "sweep",
      scenario: { preset: "early-cirrhosis-bm-msc-iv", days: 1, lattice: { width: 32, height: 32 } },
      design: "grid",
      seeds: [1, 2, 3],
      parameters: {
        "therapy.infusions.0.dose_cells_per_kg": { values: [1e5, 1e7] },
        "therapy.infusions.0.route": { values: ["intravenous", "portal-vein"] },
      },
    });
    const cpa = READOUTS.findIndex((r) => r.key === "cpa_percent");
    // A made-up end point: dose/1e5 + seed, + 100 for the portal vein.
    const statuses = new Map(
      s.plan.runs.map((r) => {
        const dose = r.labels["therapy.infusions.0.dose_cells_per_kg"] as number;
        const row = READOUTS.map((_, i) =>
          i === cpa
            ? String(dose / 1e5 + r.seed + (r.labels["therapy.infusions.0.route"] === "portal-vein" ? 100 : 0))
            : "0",
        );
        return [
          r.runId,
          r.runId === "p4-s3" ? { status: "error" as const, message: "boom" } : { status: "ok" as const, rows: [row] },
        ];
      }),
    );
    const tables = experimentTables(s.plan, statuses);
    expect(tables.failed).toEqual(["p4-s3"]);
    const d = plotData(tables, s.sweep, "cpa_percent");
    expect(d.log).toBe(true);
    expect(d.categories).toBeNull();
    expect(d.arms.map((a) => a.label)).toEqual([
      "therapy.infusions.0.route = intravenous",
      "therapy.infusions.0.route = portal-vein",
    ]);
    const [iv, portal] = d.arms;
    expect(iv!.points.map((p) => [p.at, p.mean, p.sd, p.ys.length])).toEqual([
      [1e5, 3, 1, 3],
      [1e7, 102, 1, 3],
    ]);
    // The failed run is left out of its point.
    expect(portal!.points.map((p) => [p.at, p.mean, p.ys.length])).toEqual([
      [1e5, 103, 3],
      [1e7, 201.5, 2],
    ]);
    const m = experimentManifest(
      s.plan,
      tables,
      { base: s.base, workers: 2, wallTimeS: 1, userAgent: "test", created: "now" },
      ["runs.csv"],
    );
    expect(m).toMatchObject({
      generator: "browser",
      kind: "sweep",
      counts: { runs: 12, ok: 11, failed: 1 },
      shard: null,
    });
    expect(m.git_commit).toBeUndefined();
  });

  it("plots texts as categories in the order swept, and a Latin hypercube as one arm", () => {
    const grid = pageSweep({
      kind: "sweep",
      scenario: "healthy",
      design: "grid",
      parameters: { "disease.stage": { values: ["F2", "F0"] }, "hepatocyte.regenerative_capacity": { values: [1, 2] } },
    });
    const ok = (s: typeof grid) =>
      new Map(s.plan.runs.map((r) => [r.runId, { status: "ok" as const, rows: [READOUTS.map(() => "1")] }]));
    const d = plotData(experimentTables(grid.plan, ok(grid)), grid.sweep, "cpa_percent");
    expect(d.categories).toEqual(["F2", "F0"]);
    expect(d.arms.length).toBe(2);
    const lhs = pageSweep({
      kind: "sweep",
      scenario: "healthy",
      design: "lhs",
      samples: 5,
      parameters: {
        "hepatocyte.regenerative_capacity": { min: 0, max: 2 },
        "collagen.scar_threshold": { min: 0.2, max: 0.4 },
      },
    });
    const l = plotData(experimentTables(lhs.plan, ok(lhs)), lhs.sweep, "cpa_percent");
    expect(l.arms.length).toBe(1);
    expect(l.arms[0]!.points.length).toBe(5);
    expect(plotOutputs(lhs.sweep)[0]).toBe("cpa_percent");
    expect(plotOutputs({ ...lhs.sweep, outputs: ["msc_count"] })[0]).toBe("msc_count");
    // Tables come out in plan order whatever order the runs finished in.
    const reversed = new Map([...ok(grid).entries()].reverse());
    expect(experimentTables(grid.plan, reversed)).toEqual(experimentTables(grid.plan, ok(grid)));
  });
});
