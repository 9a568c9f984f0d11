/**
 * What the export buttons write, as pure functions (tested in Node): the charted series as CSV,
 * the scenario as a self-contained JSON document, and file names that say what a file holds.
 */
import type { Scenario, ScenarioInput } from "../model/params/scenario-schema";

/** CSV with a header of column names and one row per simulated day (numbers round-trip exactly). */
export function seriesCsv(series: Record<string, number[]>, columns: string[]): string {
  const rows = series.day?.length ?? 0;
  const lines = [columns.join(",")];
  for (let i = 0; i < rows; i++)
    lines.push(columns.map((c) => (series[c]?.[i] === undefined ? "" : String(series[c]![i]))).join(","));
  return `${lines.join("\n")}\n`;
}

/**
 * The whole resolved scenario without its preset name: every value is written out, so the file runs
 * the same with `npx hepatosim run FILE` even if the shipped presets change later.
 */
export function scenarioFile(s: Scenario): ScenarioInput {
  const { preset: _preset, ...rest } = s;
  return rest as ScenarioInput;
}

/** e.g. hepatosim-early-cirrhosis-bm-msc-iv-split-day14.png */
export function exportFileName(s: Scenario, view: string, day: number, extension: string): string {
  const name = (s.preset ?? "custom").replace(/[^a-z0-9-]/gi, "-");
  return `hepatosim-${name}${view === "split" ? "-split" : ""}-day${Math.floor(day)}.${extension}`;
}

/** Starts a download of `blob` under `name` (a link click; the object URL is released afterwards). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
