/**
 * The list of published trial replicas (public/trials/index.json): written by `npm run docs` from the
 * files, read by the page's Experiment panel to offer them. Pure (no node:).
 */
import type { TrialFile } from "./trial-file";

export interface TrialEntry {
  /** File name in public/trials. */
  file: string;
  title: string;
  weeks: number;
  patients: number;
  arms: number;
  published: boolean;
}

export function trialEntry(file: string, t: TrialFile): TrialEntry {
  return {
    file,
    title: t.title ?? file,
    weeks: t.weeks,
    patients: t.patients,
    arms: t.arms.length,
    published: t.published !== undefined,
  };
}

/**
 * Reads the index: the well-formed entries (a plain file name, so a fetch stays beside the page),
 * in order of `cost` (the work each takes), cheapest first.
 */
export function parseTrialIndex(doc: unknown, cost: (e: TrialEntry) => number): TrialEntry[] {
  const list = (doc as { trials?: unknown } | null)?.trials;
  if (!Array.isArray(list)) throw new Error("trials/index.json: no list of trials");
  const ok = (e: unknown): e is TrialEntry => {
    const x = e as Partial<TrialEntry> | null;
    return (
      !!x &&
      typeof x.file === "string" &&
      /^[\w.-]+\.json$/.test(x.file) &&
      typeof x.title === "string" &&
      typeof x.weeks === "number" &&
      typeof x.patients === "number" &&
      typeof x.arms === "number"
    );
  };
  return list.filter(ok).sort((a, b) => cost(a) - cost(b) || a.file.localeCompare(b.file));
}
