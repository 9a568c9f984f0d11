/**
 * After a virtual trial: per-arm means with 95 % CIs, paired differences against the control twins,
 * responder rates (Wilson intervals), a forest plot, and response biomarkers — per baseline feature
 * the AUC for responder vs non-responder and a multivariable logistic model — so a researcher can ask
 * "who should get MSCs?".
 */
import { STAGES } from "../model/params/scenario-schema";
import { type Cell, csvNumber, csvText } from "./csv";
import { auc } from "./stats/auc";
import { meanCI, pairedDifference, wilson } from "./stats/intervals";
import { fitLogistic } from "./stats/logistic";
import { barChartSvg } from "./svg/bars";
import { forestPlotSvg } from "./svg/forest";
import { type Analysis, type AnalysisFile, type CombinedTables, summaryView } from "./tables";
import { type TrialFile, trialSettings } from "./trial-file";
import { eligible, type ValuesAt } from "./trial-replica";
import { replicaFiles } from "./trial-replica-report";

/** A sampled covariate as a number: stages F0–F4 as 0–4, true/false as 1/0, other texts by their position in the choice list. */
export function covariateNumber(value: string, choices: readonly unknown[] | undefined): number {
  if (value === "") return Number.NaN;
  const stage = STAGES.indexOf(value as (typeof STAGES)[number]);
  if (stage >= 0) return stage;
  if (value === "true" || value === "false") return value === "true" ? 1 : 0;
  const n = Number(value);
  if (Number.isFinite(n)) return n;
  const i = choices?.findIndex((c) => String(c) === value) ?? -1;
  return i >= 0 ? i : Number.NaN;
}

export interface CohortData {
  arms: string[];
  control: string;
  patients: number[];
  /** value[arm][outcome][patient index] at the end of the run; NaN if that run failed. */
  end: Map<string, Map<string, number[]>>;
  /** Read-outs at enrolment (day 0 unless the trial sets enrolment_week), same layout. */
  day0: Map<string, Map<string, number[]>>;
  /** Sampled covariates per patient, as numbers. */
  covariates: Map<string, number[]>;
  /** Patients who meet the trial's eligibility on day 0; the others are NaN everywhere above. */
  eligible: boolean[];
  /** Per-patient values of a read-out in an arm at a week (the published endpoints' time points). */
  at: ValuesAt;
}

function collect(tables: CombinedTables, t: TrialFile): CohortData {
  const settings = trialSettings(t);
  const v = summaryView(tables);
  const patients = Array.from({ length: t.patients }, (_, i) => i + 1);
  const arms = t.arms.map((a) => a.name);
  const keys = [
    ...new Set([
      ...settings.outcomes,
      settings.responder.outcome,
      ...settings.features,
      ...Object.keys(t.eligibility ?? {}),
    ]),
  ];
  const blank = () => new Map(arms.map((a) => [a, new Map(keys.map((k) => [k, patients.map(() => Number.NaN)]))]));
  const end = blank();
  const day0 = blank();
  const covariates = new Map(settings.covariates.map((c) => [c, patients.map(() => Number.NaN)]));
  const runArm = new Map<string, { arm: string; p: number }>();
  for (const row of v.rows) {
    const arm = v.text(row, "arm");
    const p = v.num(row, "patient") - 1;
    runArm.set(v.text(row, "run_id"), { arm, p });
    for (const k of keys) end.get(arm)!.get(k)![p] = v.num(row, k);
    for (const c of settings.covariates)
      covariates.get(c)![p] = covariateNumber(v.text(row, c), t.baseline?.[c]?.choice);
  }
  const h = new Map(tables.header.map((name, i) => [name, i]));
  for (const row of tables.rows) {
    if (csvNumber(String(row[h.get("day")!])) !== settings.enrolmentDay) continue;
    const where = runArm.get(String(row[h.get("run_id")!]));
    if (!where) continue;
    for (const k of keys) day0.get(where.arm)!.get(k)![where.p] = csvNumber(String(row[h.get(k)!]));
  }
  const ok = eligible(t.eligibility, (k) => day0.get(settings.control)!.get(k)!, patients.length);
  const screen = (v: number[]) => {
    for (let i = 0; i < v.length; i++) if (!ok[i]) v[i] = Number.NaN;
  };
  for (const byArm of [end, day0]) for (const byKey of byArm.values()) for (const v of byKey.values()) screen(v);
  for (const v of covariates.values()) screen(v);
  const at: ValuesAt = (arm, outcome, week) => {
    const out = patients.map(() => Number.NaN);
    for (const row of tables.rows) {
      if (csvNumber(String(row[h.get("day")!])) !== 7 * week) continue;
      const where = runArm.get(String(row[h.get("run_id")!]));
      if (where?.arm === arm && ok[where.p]) out[where.p] = csvNumber(String(row[h.get(outcome)!]));
    }
    return out;
  };
  return { arms, control: settings.control, patients, end, day0, covariates, eligible: ok, at };
}

/** Improvement of each patient on the responder outcome (positive = better), against the control twin or the own baseline. */
export function improvements(d: CohortData, t: TrialFile, arm: string): number[] {
  const r = trialSettings(t).responder;
  const after = d.end.get(arm)!.get(r.outcome)!;
  const before = r.relative_to === "control" ? d.end.get(d.control)!.get(r.outcome)! : d.day0.get(arm)!.get(r.outcome)!;
  const sign = r.direction === "decrease" ? -1 : 1;
  return after.map((v, i) => sign * (v - before[i]!));
}

const f = (v: number): Cell => (Number.isFinite(v) ? v : "");

export const cohortAnalysis: Analysis = (tables, spec) => {
  const t = spec as TrialFile;
  const files: AnalysisFile[] = [];
  const write = (name: string, text: string) => files.push({ name, text });
  const s = trialSettings(t);
  const d = collect(tables, t);
  const treated = d.arms.filter((a) => a !== d.control);
  const responderArms = s.responder.relative_to === "control" ? treated : d.arms;
  const responders = new Map(
    responderArms.map((a) => [
      a,
      improvements(d, t, a).map((v) => (Number.isFinite(v) ? v > s.responder.threshold : null)),
    ]),
  );

  // patients.csv: one row per patient and arm.
  const patientHeader = [
    "patient",
    "arm",
    ...s.covariates,
    ...s.features.map((k) => `day0_${k}`),
    ...s.outcomes,
    ...s.outcomes.map((o) => `change_${o}`),
    ...s.outcomes.map((o) => `vs_control_${o}`),
    "responder",
  ];
  const patientRows: Cell[][] = [];
  for (const p of d.patients) {
    const i = p - 1;
    for (const arm of d.arms) {
      const e = d.end.get(arm)!;
      const z = d.day0.get(arm)!;
      const c = d.end.get(d.control)!;
      const resp = responders.get(arm)?.[i];
      patientRows.push([
        p,
        arm,
        ...s.covariates.map((k) => f(d.covariates.get(k)![i]!)),
        ...s.features.map((k) => f(z.get(k)![i]!)),
        ...s.outcomes.map((o) => f(e.get(o)![i]!)),
        ...s.outcomes.map((o) => f(e.get(o)![i]! - z.get(o)![i]!)),
        ...s.outcomes.map((o) => (arm === d.control ? "" : f(e.get(o)![i]! - c.get(o)![i]!))),
        resp === undefined || resp === null ? "" : resp ? 1 : 0,
      ]);
    }
  }
  write("patients.csv", csvText(patientHeader, patientRows));

  // arms.csv and effects.csv.
  const armRows: Cell[][] = [];
  const effectRows: Cell[][] = [];
  const panels = s.outcomes.map((o) => {
    for (const arm of d.arms) {
      const m = meanCI(d.end.get(arm)!.get(o)!);
      armRows.push([arm, o, m.n, f(m.mean), f(m.sd), f(m.lower), f(m.upper)]);
    }
    return {
      title: `${o} at week ${t.weeks}`,
      rows: treated.map((arm) => {
        const diff = pairedDifference(d.end.get(arm)!.get(o)!, d.end.get(d.control)!.get(o)!);
        effectRows.push([arm, d.control, o, diff.n, f(diff.mean), f(diff.lower), f(diff.upper), f(diff.p)]);
        return { label: `${arm} − ${d.control}`, estimate: diff.mean, lower: diff.lower, upper: diff.upper };
      }),
    };
  });
  write("arms.csv", csvText(["arm", "outcome", "n", "mean", "sd", "ci_low", "ci_high"], armRows));
  write(
    "effects.csv",
    csvText(["arm", "versus", "outcome", "n_pairs", "mean_difference", "ci_low", "ci_high", "p_value"], effectRows),
  );
  const title = t.title ?? "Virtual trial";
  write(
    "forest.svg",
    forestPlotSvg(
      `${title}: treatment effects (paired twins, ${d.patients.length} patients)`,
      panels,
      `Mean difference treated − ${d.control} on the same virtual patients, with 95 % t-intervals. Model proxies, not clinical predictions.`,
    ),
  );

  if (t.eligibility) {
    const n = d.eligible.filter(Boolean).length;
    write(
      "screening.csv",
      csvText(
        ["patients_sampled", "eligible", "screened_out", "rule"],
        [[d.patients.length, n, d.patients.length - n, JSON.stringify(t.eligibility)]],
      ),
    );
  }
  if (t.published) files.push(...replicaFiles(t, d.control, d.at));

  // responders.csv.
  const rule = `${s.responder.outcome} ${s.responder.direction === "decrease" ? "falls" : "rises"} by more than ${s.responder.threshold} vs ${s.responder.relative_to === "control" ? "the control twin" : "day 0"}`;
  const responderRows: Cell[][] = responderArms.map((arm) => {
    const r = responders.get(arm)!.filter((x) => x !== null);
    const w = wilson(r.filter(Boolean).length, r.length);
    return [arm, rule, w.k, w.n, f(w.rate), f(w.lower), f(w.upper)];
  });
  write(
    "responders.csv",
    csvText(["arm", "definition", "responders", "n", "rate", "ci_low", "ci_high"], responderRows),
  );

  // biomarkers.csv and biomarkers.svg: baseline features that predict response, per arm.
  const featureNames = [...s.covariates, ...s.features.map((k) => `day0_${k}`)];
  const featureValues = (arm: string) => [
    ...s.covariates.map((k) => d.covariates.get(k)!),
    ...s.features.map((k) => d.day0.get(arm)!.get(k)!),
  ];
  const bioRows: Cell[][] = [];
  const bioPanels = responderArms.map((arm) => {
    const resp = responders.get(arm)!;
    const idx = d.patients.map((_, i) => i).filter((i) => resp[i] !== null);
    const y = idx.map((i) => resp[i] === true);
    const cols = featureValues(arm).map((c) => idx.map((i) => c[i]!));
    const fit = fitLogistic(
      featureNames,
      idx.map((_, r) => cols.map((c) => c[r]!)),
      y,
    );
    const rows = featureNames.map((name, j) => {
      const a = auc(cols[j]!, y);
      const term = fit.terms[j]!;
      bioRows.push([
        arm,
        name,
        f(a),
        y.filter(Boolean).length,
        y.filter((v) => !v).length,
        f(term.coefficient),
        f(term.se),
        f(term.oddsRatioPerSd),
        f(term.p),
        fit.separated ? 1 : 0,
      ]);
      return {
        label: name,
        value: a,
        note: Number.isFinite(term.oddsRatioPerSd) ? `OR/SD ${term.oddsRatioPerSd.toPrecision(3)}` : "",
      };
    });
    return {
      title: `${arm}: ${y.filter(Boolean).length} of ${y.length} patients respond`,
      rows: rows.sort((a, b) => Math.abs(b.value - 0.5) - Math.abs(a.value - 0.5) || 0),
    };
  });
  write(
    "biomarkers.csv",
    csvText(
      [
        "arm",
        "feature",
        "auc",
        "responders",
        "non_responders",
        "logistic_coefficient_per_sd",
        "logistic_se",
        "odds_ratio_per_sd",
        "logistic_p_value",
        "separated",
      ],
      bioRows,
    ),
  );
  write(
    "biomarkers.svg",
    barChartSvg(
      `${title}: who responds? AUC of baseline features`,
      bioPanels,
      [0, 1],
      0.5,
      `Responder: ${rule}. AUC 0.5 = no information; > 0.5 higher values respond more. OR/SD from the multivariable logistic model.`,
    ),
  );
  return files;
};
