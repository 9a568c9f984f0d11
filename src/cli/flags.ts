/**
 * Command-line flags, each checked by the same zod schema as scenario files so a bad flag gets the
 * same message (field, value, allowed range) as a bad file. Pure (no node:): seed lists are shared with study files.
 */
import type { z } from "zod";
import { boundedNumber, scenarioInputSchema } from "../model/params/scenario-schema";
import { InputError, parseOrThrow } from "../model/params/validation";
import { MAX_THREADS } from "../sim/api";
import { flagError } from "./exit-codes";

/** Numbers as typed: "" and words stay strings so the schema reports them as written. */
function numeric(raw: string): number | string {
  const t = raw.trim();
  if (t === "") return raw;
  const n = Number(t);
  return Number.isNaN(n) ? raw : n;
}

function checked<T>(schema: z.ZodType<T>, raw: string, flag: string, field: string): T {
  try {
    return parseOrThrow(schema, numeric(raw), `${flag} flag`, [field]);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.issues.map((i) => ({ ...i, message: `${flag}: ${i.message}` })), "input");
    throw e;
  }
}

const seedSchema = scenarioInputSchema.shape.seed.unwrap();
const daysSchema = scenarioInputSchema.shape.days.unwrap();

export const parseSeed = (raw: string): number => checked(seedSchema, raw, "--seed", "seed");
export const parseDays = (raw: string): number => checked(daysSchema, raw, "--days", "days");

export const MAX_WORKERS = 256;
export const parseThreads = (raw: string): number => checked(boundedNumber(1, MAX_THREADS, "", true), raw, "--threads", "threads");
export const parseWorkers = (raw: string): number => checked(boundedNumber(1, MAX_WORKERS, "", true), raw, "--workers", "workers");

/** Longest seed list a batch may have: enough for any study, small enough to catch a typo like 1..1e9. */
export const MAX_SEEDS = 100_000;

/** "1..20", "1,2,5" or a mix ("1..5,10"); each seed checked by the schema, no repeats. */
export function parseSeeds(raw: string): number[] {
  const seeds: number[] = [];
  for (const part of raw.split(",")) {
    const range = part.match(/^\s*([^.]+)\.\.([^.]+)\s*$/);
    if (range) {
      const from = checked(seedSchema, range[1]!, "--seeds", "seed");
      const to = checked(seedSchema, range[2]!, "--seeds", "seed");
      if (to < from) throw flagError("--seeds", part, "a range from..to with from ≤ to, e.g. 1..20");
      if (to - from + 1 + seeds.length > MAX_SEEDS) throw flagError("--seeds", raw, `at most ${MAX_SEEDS} seeds`);
      for (let s = from; s <= to; s++) seeds.push(s);
    } else seeds.push(checked(seedSchema, part, "--seeds", "seed"));
  }
  if (seeds.length > MAX_SEEDS) throw flagError("--seeds", raw, `at most ${MAX_SEEDS} seeds`);
  const seen = new Set<number>();
  for (const s of seeds) {
    if (seen.has(s)) throw flagError("--seeds", raw, `each seed once (${s} repeats)`);
    seen.add(s);
  }
  return seeds;
}

export interface Shard {
  /** 1-based shard number. */
  index: number;
  count: number;
}

/** "--shard i/n" with 1 ≤ i ≤ n. */
export function parseShard(raw: string): Shard {
  const m = raw.trim().match(/^(\d+)\s*\/\s*(\d+)$/);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 100_000) throw flagError("--shard", raw, "i/n with 1 ≤ i ≤ n ≤ 100000, e.g. 2/8");
  return { index, count };
}

/**
 * The shard from Slurm's job-array variables when --shard is not given. The array may start at 0 or 1
 * (`--array=0-7` or `1-8`); SLURM_ARRAY_TASK_MIN tells which, so both give shards 1..n.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv): Shard | null {
  const id = env.SLURM_ARRAY_TASK_ID;
  const count = env.SLURM_ARRAY_TASK_COUNT;
  if (id === undefined || count === undefined) return null;
  const min = env.SLURM_ARRAY_TASK_MIN ?? "0";
  const idN = Number(id);
  const minN = Number(min);
  if (!Number.isInteger(idN) || !Number.isInteger(minN)) throw flagError("SLURM_ARRAY_TASK_ID", id, "a whole number");
  return parseShard(`${idN - minN + 1}/${count}`);
}

/** "--set path=value": the value is read as JSON when it parses (numbers, true, null, objects), else as text. */
export function parseSet(raw: string): { path: string; value: unknown } {
  const eq = raw.indexOf("=");
  if (eq <= 0) throw flagError("--set", raw, "path=value, e.g. lattice.width=64 or hepatocyte.regenerative_capacity=0.5");
  const path = raw.slice(0, eq).trim();
  const text = raw.slice(eq + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  return { path, value };
}
