/**
 * The combined tidy tables of a batch — runs.csv (one row per run and day) and summary.csv (one row
 * per run: status and end point) — built from each run's rows in plan order, and the analyses derived
 * from them. Pure (no node:): the CLI reads run folders into it, the page feeds it from memory.
 */
import { READOUTS, type Readouts } from "../model/metrics/readouts";
import { type Cell, csvNumber, csvText } from "./csv";

export const READOUT_KEYS: readonly string[] = READOUTS.map((r) => r.key);

/** A run's timeseries.csv: one row per day, the read-outs in READOUT_KEYS order. */
export function timeseriesCsv(history: readonly Readouts[]): string {
  const rows = history.map((h) => READOUT_KEYS.map((k) => (h as Record<string, number>)[k]));
  return csvText(READOUT_KEYS, rows);
}

/** What the combined tables need to know about a run (a batch manifest keeps exactly this). */
export interface RunRef {
  runId: string;
  seed: number;
  labels: Record<string, Cell>;
  key: string;
}

/** A run's daily rows as written (strings, so numbers keep their exact digits), or why there are none. */
export type RunStatus =
  | { status: "ok"; rows: string[][] }
  | { status: "error"; message: string }
  | { status: "missing" };

export interface CombinedTables {
  header: string[];
  rows: Cell[][];
  summaryHeader: string[];
  summary: Cell[][];
  missing: string[];
  failed: string[];
}

export function buildTables(
  runs: readonly RunRef[],
  labelKeys: readonly string[],
  statusOf: (run: RunRef) => RunStatus,
): CombinedTables {
  const lead = ["run_id", "seed", ...labelKeys];
  const out: CombinedTables = {
    header: [...lead, ...READOUT_KEYS],
    rows: [],
    summaryHeader: [...lead, "status", "error", ...READOUT_KEYS],
    summary: [],
    missing: [],
    failed: [],
  };
  for (const run of runs) {
    const id: Cell[] = [run.runId, run.seed, ...labelKeys.map((k) => run.labels[k])];
    const r = statusOf(run);
    if (r.status === "ok") {
      for (const row of r.rows) out.rows.push([...id, ...row]);
      out.summary.push([...id, "ok", "", ...(r.rows[r.rows.length - 1] ?? [])]);
    } else if (r.status === "error") {
      out.failed.push(run.runId);
      out.summary.push([...id, "error", r.message, ...READOUT_KEYS.map(() => "")]);
    } else out.missing.push(run.runId);
  }
  return out;
}

/** A file an analysis derives from the tables (points.csv, prcc.svg, effects.csv…). */
export interface AnalysisFile {
  name: string;
  text: string;
}

/** Derives files from the combined tables and the study document (sweep or trial file). */
export type Analysis = (tables: CombinedTables, spec: unknown) => AnalysisFile[];

export interface SummaryView {
  /** Rows of runs that completed. */
  rows: string[][];
  col(name: string): number;
  num(row: readonly string[], name: string): number;
  text(row: readonly string[], name: string): string;
}

/** Column access on summary.csv by name. */
export function summaryView(t: CombinedTables): SummaryView {
  const index = new Map(t.summaryHeader.map((h, i) => [h, i]));
  const col = (name: string) => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`internal: no column ${name} in summary.csv`);
    return i;
  };
  const status = col("status");
  const rows = t.summary
    .map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))))
    .filter((r) => r[status] === "ok");
  return { rows, col, num: (row, name) => csvNumber(row[col(name)] ?? ""), text: (row, name) => row[col(name)] ?? "" };
}
