/** Trial replicas: eligibility screens on day-0 read-outs; published endpoints are measured as the trial measured them. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioInjury } from "../../src/model/disease/injury";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { cohortAnalysis } from "../../src/study/cohort-analysis";
import { csvNumber } from "../../src/study/csv";
import { validateStudyFile } from "../../src/study/study-files";
import { buildTables, READOUT_KEYS } from "../../src/study/tables";
import { parseTrial, trialPlan } from "../../src/study/trial-file";
import { publishedInterval } from "../../src/study/trial-replica";

const trial = {
  kind: "trial",
  scenario: "healthy",
  patients: 4,
  weeks: 1,
  arms: [{ name: "control" }, { name: "MSC" }],
  outcomes: ["cpa_percent"],
  eligibility: { cpa_percent: { max: 35 } },
  published: {
    citation: "A worked example (not a real trial)",
    endpoints: [
      { outcome: "cpa_percent", week: 1, measure: "difference", arm: "MSC", estimate: -3.5, sd: 2, n: 10 },
      { outcome: "cpa_percent", week: 1, measure: "change", arm: "MSC", estimate: -2, ci95: [-9, -8] },
      { outcome: "cpa_percent", week: 1, measure: "value", arm: "control", estimate: 100 },
    ],
  },
};

// CPA on day 0 is 10, 20, 30, 40; the fourth patient fails `max: 35`. By day 7 the control twin gains 1
// point and the MSC twin loses 1, 2, 3 (and 4) points.
const day0 = [10, 20, 30, 40];
const week1: Record<string, number[]> = { control: [11, 21, 31, 41], MSC: [9, 18, 27, 36] };
function tables() {
  const runs = [1, 2, 3, 4].flatMap((p) =>
    ["control", "MSC"].map((arm) => ({ runId: `pt${p}-${arm}`, seed: p, labels: { patient: p, arm }, key: "" })),
  );
  const row = (day: number, cpa: number) =>
    READOUT_KEYS.map((k) => (k === "day" ? String(day) : k === "cpa_percent" ? String(cpa) : "0"));
  return buildTables(runs, ["patient", "arm"], (r) => {
    const p = Number(r.labels.patient) - 1;
    return { status: "ok", rows: [row(0, day0[p]!), row(7, week1[String(r.labels.arm)]![p]!)] };
  });
}

function csv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split("\n");
  const keys = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i]!, v])));
}

describe("trial replicas", () => {
  const files = new Map(cohortAnalysis(tables(), parseTrial(trial)).map((f) => [f.name, f.text]));
  const replica = csv(files.get("replica.csv")!);

  it("screens out the patient whose day-0 CPA is above the inclusion range", () => {
    expect(csv(files.get("screening.csv")!)[0]).toMatchObject({
      patients_sampled: "4",
      eligible: "3",
      screened_out: "1",
    });
    expect(replica.every((r) => r.model_n === "3")).toBe(true);
  });

  it("measures a difference on the twins, a change from day 0 and an arm's mean, and compares 95 % intervals", () => {
    const [diff, change, value] = replica;
    // Paired differences −2, −3, −4: mean −3, SD 1, t(0.975, 2) = 4.3027 → ±2.4841.
    expect(csvNumber(diff!.model_estimate!)).toBeCloseTo(-3, 12);
    expect(csvNumber(diff!.model_ci_low!)).toBeCloseTo(-5.4841, 3);
    // Published SD 2 with n 10: ±2.2622 · 2 / √10 = ±1.4307.
    expect(csvNumber(diff!.published_ci_low!)).toBeCloseTo(-4.9307, 3);
    expect(diff).toMatchObject({ published_interval_from: "sd", verdict: "consistent" });
    // Changes −1, −2, −3: mean −2 [−4.48, 0.48], apart from the published [−9, −8].
    expect(csvNumber(change!.model_estimate!)).toBeCloseTo(-2, 12);
    expect(change).toMatchObject({ published_interval_from: "ci95", verdict: "miss" });
    // Control mean 21 cannot hold a published 100 without an interval.
    expect(csvNumber(value!.model_estimate!)).toBeCloseTo(21, 12);
    expect(value).toMatchObject({ published_interval_from: "none", verdict: "miss" });
    expect(files.get("replica.svg")).toContain("1 of 3 endpoints consistent");
  });

  it("checks a published direction: the model's interval must lie on that side of zero (or hold zero)", () => {
    const doc = {
      ...trial,
      published: {
        citation: "x",
        endpoints: [
          { outcome: "cpa_percent", week: 1, measure: "difference", arm: "MSC", direction: "lower" },
          { outcome: "cpa_percent", week: 1, measure: "difference", arm: "MSC", direction: "no difference" },
          { outcome: "cpa_percent", week: 1, measure: "change", arm: "control", direction: "higher" },
        ],
      },
    };
    const r = csv(new Map(cohortAnalysis(tables(), parseTrial(doc)).map((f) => [f.name, f.text])).get("replica.csv")!);
    // Differences −2, −3, −4: [−5.48, −0.52] is below zero; the control gains exactly 1 in every patient (no spread).
    expect(r.map((x) => [x.published_direction, x.verdict])).toEqual([
      ["lower", "consistent"],
      ["no difference", "miss"],
      ["higher", "consistent"],
    ]);
    const bad = (e: object) => () => parseTrial({ ...doc, published: { citation: "x", endpoints: [e] } });
    expect(bad({ outcome: "cpa_percent", week: 1, measure: "value", arm: "MSC", direction: "lower" })).toThrow(
      /a direction only for a change or difference/,
    );
    expect(bad({ outcome: "cpa_percent", week: 1, measure: "change", arm: "MSC" })).toThrow(
      /exactly one of estimate \| direction/,
    );
  });

  it("gives no interval for one patient and calls the endpoint untestable", () => {
    expect(
      publishedInterval({ outcome: "cpa_percent", week: 1, measure: "value", arm: "MSC", estimate: 1, sd: 1, n: 1 })
        .from,
    ).toBe("none");
    const one = { ...trial, eligibility: { cpa_percent: { max: 15 } } };
    const r = csv(new Map(cohortAnalysis(tables(), parseTrial(one)).map((f) => [f.name, f.text])).get("replica.csv")!);
    expect(r.map((x) => x.verdict)).toEqual(["untestable", "untestable", "untestable"]);
  });

  it("with enrolment_week, screens and measures changes from the enrolment week, not from day 0", () => {
    // Days 0 and 7 as before; a week-2 row adds 1 point to every run. Enrolment is week 1.
    const later = buildTables(
      [1, 2, 3, 4].flatMap((p) =>
        ["control", "MSC"].map((arm) => ({ runId: `pt${p}-${arm}`, seed: p, labels: { patient: p, arm }, key: "" })),
      ),
      ["patient", "arm"],
      (r) => {
        const p = Number(r.labels.patient) - 1;
        const w1 = week1[String(r.labels.arm)]![p]!;
        const row = (day: number, cpa: number) =>
          READOUT_KEYS.map((k) => (k === "day" ? String(day) : k === "cpa_percent" ? String(cpa) : "0"));
        return { status: "ok", rows: [row(0, day0[p]!), row(7, w1), row(14, w1 + 1)] };
      },
    );
    const doc = {
      ...trial,
      weeks: 2,
      enrolment_week: 1,
      // Week-1 CPA 11, 21, 31, 41 (control): the fourth patient is out again, now on its enrolment value.
      eligibility: { cpa_percent: { max: 40 } },
      published: {
        citation: "x",
        endpoints: [{ outcome: "cpa_percent", week: 2, measure: "change", arm: "MSC", estimate: 1 }],
      },
    };
    const r = csv(new Map(cohortAnalysis(later, parseTrial(doc)).map((f) => [f.name, f.text])).get("replica.csv")!);
    expect(r[0]).toMatchObject({ model_n: "3", model_estimate: "1" });
    expect(() =>
      parseTrial({ ...doc, published: { citation: "x", endpoints: [{ ...doc.published.endpoints[0], week: 0 }] } }),
    ).toThrow(/≥ enrolment_week \(1\)/);
    expect(() => parseTrial({ ...doc, enrolment_week: 2 })).toThrow(/< weeks \(2\)/);
  });

  it("rejects endpoints on unknown arms, the control's own difference, and weeks after the trial ends", () => {
    const bad = (endpoint: object) => () =>
      parseTrial({
        ...trial,
        published: { citation: "x", endpoints: [{ ...trial.published.endpoints[0], ...endpoint }] },
      });
    expect(bad({ arm: "placebo" })).toThrow(/allowed: control \| MSC/);
    expect(bad({ arm: "control" })).toThrow(/an arm other than "control"/);
    expect(bad({ versus: "MSC" })).toThrow(/an arm other than "MSC"/);
    expect(bad({ measure: "value", versus: "control" })).toThrow(/only with measure difference/);
    expect(bad({ week: 2 })).toThrow(/≤ the trial's weeks \(1\)/);
    expect(bad({ sd: 1, n: undefined })).toThrow(/n with sd/);
  });
});

describe("the published trial replicas (public/trials)", () => {
  const dir = join(import.meta.dirname, "../../public/trials");
  // index.json is the page's list of them (npm run docs), not a trial.
  const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "index.json");

  it.each(files)("%s: every run it would make is a valid scenario, and it compares published endpoints", (name) => {
    const doc = JSON.parse(readFileSync(join(dir, name), "utf8"));
    expect(validateStudyFile(doc, "trial", name, (ref) => ref)).toMatch(/^trial, \d+ patients/);
    expect(parseTrial(doc).published?.endpoints.length).toBeGreaterThan(0);
  });

  // A patient's disease goes on through follow-up: an injury acting on day 0 still acts on the last
  // day (the clinical presets once stopped it at day 84, so 48-week arms were cured at week 12).
  it.each(files)("%s: a continuing injury lasts until the end of follow-up", (name) => {
    const t = parseTrial(JSON.parse(readFileSync(join(dir, name), "utf8")));
    const plan = trialPlan(t, name, t.scenario);
    for (const run of plan.runs) {
      const s = resolveScenario(run.doc, presetLookup);
      const acts = (day: number) => scenarioInjury(s, day).intensity > 0;
      if (acts(0))
        expect(acts(s.days - 1), `${run.runId}: injury ends on day ${s.disease.injury.end_day} of ${s.days}`).toBe(
          true,
        );
    }
  });
});
