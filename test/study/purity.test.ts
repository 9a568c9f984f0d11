/**
 * The study modules (plans, sweep and trial files, tables, CSV, analyses, statistics, charts) reach no
 * Node module, directly or through what they import, so the page's Experiment panel can reuse them
 * and produce the same files as the command line.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

const STUDY = files("src/study");

function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const stat = [...src.matchAll(/^\s*(?:import|export)[^"';]*from\s*["']([^"']+)["']/gm)].map((m) => m[1]!);
  const dynamic = [...src.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return [...stat, ...dynamic];
}

/** Walks relative imports from `file` (into src/model too); returns every import reached that leaves src/study and src/model or names a Node module. */
function offenders(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const out: string[] = [];
  for (const spec of importsOf(file)) {
    if (!spec.startsWith(".")) {
      if (/^node:/.test(spec)) out.push(`${file} → ${spec}`);
      continue;
    }
    if (spec.endsWith(".json")) continue; // data (the preset files), no code
    const target = normalize(join(dirname(file), `${spec}.ts`));
    if (!/^src\/(study|model)\//.test(target)) out.push(`${file} → ${spec}`);
    else out.push(...offenders(target, seen));
  }
  return out;
}

describe("pure study modules", () => {
  it("src/study holds the study modules", () => {
    expect(STUDY).toEqual(
      expect.arrayContaining([
        "src/study/plan.ts",
        "src/study/sweep-file.ts",
        "src/study/tables.ts",
        "src/study/csv.ts",
        "src/study/stats/prcc.ts",
        "src/study/svg/axis.ts",
      ]),
    );
  });

  it.each(STUDY)("%s reaches no node: import and nothing outside src/study and src/model", (file) => {
    expect(offenders(file)).toEqual([]);
  });
});
