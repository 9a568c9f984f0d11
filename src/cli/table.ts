/** Column access on the combined tables (strings as written), by column name. */
import { csvNumber } from "./csv";
import type { CombinedTables } from "./outputs";

export interface SummaryView {
  /** Rows of runs that completed. */
  rows: string[][];
  col(name: string): number;
  num(row: readonly string[], name: string): number;
  text(row: readonly string[], name: string): string;
}

export function summaryView(t: CombinedTables): SummaryView {
  const index = new Map(t.summaryHeader.map((h, i) => [h, i]));
  const col = (name: string) => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`internal: no column ${name} in summary.csv`);
    return i;
  };
  const status = col("status");
  const rows = t.summary.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))).filter((r) => r[status] === "ok");
  return { rows, col, num: (row, name) => csvNumber(row[col(name)] ?? ""), text: (row, name) => row[col(name)] ?? "" };
}
