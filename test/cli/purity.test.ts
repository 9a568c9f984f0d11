/** The study-design, table and statistics modules import nothing from Node (directly or through each other), so the page's Experiment panel can reuse them and produce the same files. */
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const PURE = [
  "src/cli/csv.ts",
  "src/cli/plan.ts",
  "src/cli/flags.ts",
  "src/cli/scenario-paths.ts",
  "src/cli/sweep-file.ts",
  "src/cli/trial-file.ts",
  "src/cli/tables.ts",
  "src/cli/sweep-analysis.ts",
  "src/cli/cohort-analysis.ts",
];

function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/^\s*(?:import|export)[^"';]*from\s*["']([^"']+)["']/gm)].map((m) => m[1]!);
}

/** Walks relative imports from `file`; returns every bare (package or node:) import reached inside src/cli. */
function reachable(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const out: string[] = [];
  for (const spec of importsOf(file)) {
    if (!spec.startsWith(".")) {
      out.push(`${file} → ${spec}`);
      continue;
    }
    const target = normalize(join(dirname(file), `${spec}.ts`));
    if (target.startsWith("src/cli/")) out.push(...reachable(target, seen));
  }
  return out;
}

describe("pure CLI modules", () => {
  it.each(PURE)("%s reaches no node: import", (file) => {
    const offenders = reachable(file).filter((imp) => /→ node:/.test(imp));
    expect(offenders).toEqual([]);
  });
});
