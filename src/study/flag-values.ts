/**
 * Values written as text — a command-line flag, or the `seeds` of a sweep file ("1..20") — checked by
 * the same zod schema as scenario files, so a bad one gets the same message (field, value, allowed
 * range) as a bad file. The command line's flags (src/cli/flags.ts) and the study files share them.
 */
import type { z } from "zod";
import { scenarioInputSchema } from "../model/params/scenario-schema";
import { InputError, parseOrThrow } from "../model/params/validation";

/** An InputError about one command-line flag or argument. */
export function flagError(flag: string, value: unknown, allowed: string): InputError {
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  return new InputError(
    [{ path: flag, value: shown, allowed, message: `${flag}: ${shown} is not allowed; allowed: ${allowed}` }],
    "input",
  );
}

/** Numbers as typed: "" and words stay strings so the schema reports them as written. */
function numeric(raw: string): number | string {
  const t = raw.trim();
  if (t === "") return raw;
  const n = Number(t);
  return Number.isNaN(n) ? raw : n;
}

/** A flag's text checked by a schema; the message names the flag, then the field. */
export function checkedFlag<T>(schema: z.ZodType<T>, raw: string, flag: string, field: string): T {
  try {
    return parseOrThrow(schema, numeric(raw), `${flag} flag`, [field]);
  } catch (e) {
    if (e instanceof InputError)
      throw new InputError(
        e.issues.map((i) => ({ ...i, message: `${flag}: ${i.message}` })),
        "input",
      );
    throw e;
  }
}

export const seedSchema = scenarioInputSchema.shape.seed.unwrap();

/** Longest seed list a batch may have: enough for any study, small enough to catch a typo like 1..1e9. */
export const MAX_SEEDS = 100_000;

/** "1..20", "1,2,5" or a mix ("1..5,10"); each seed checked by the schema, no repeats. */
export function parseSeeds(raw: string): number[] {
  const seeds: number[] = [];
  for (const part of raw.split(",")) {
    const range = part.match(/^\s*([^.]+)\.\.([^.]+)\s*$/);
    if (range) {
      const from = checkedFlag(seedSchema, range[1]!, "--seeds", "seed");
      const to = checkedFlag(seedSchema, range[2]!, "--seeds", "seed");
      if (to < from) throw flagError("--seeds", part, "a range from..to with from ≤ to, e.g. 1..20");
      if (to - from + 1 + seeds.length > MAX_SEEDS) throw flagError("--seeds", raw, `at most ${MAX_SEEDS} seeds`);
      for (let s = from; s <= to; s++) seeds.push(s);
    } else seeds.push(checkedFlag(seedSchema, part, "--seeds", "seed"));
  }
  if (seeds.length > MAX_SEEDS) throw flagError("--seeds", raw, `at most ${MAX_SEEDS} seeds`);
  const seen = new Set<number>();
  for (const s of seeds) {
    if (seen.has(s)) throw flagError("--seeds", raw, `each seed once (${s} repeats)`);
    seen.add(s);
  }
  return seeds;
}
