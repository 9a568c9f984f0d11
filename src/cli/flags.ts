/**
 * Command-line flags, each checked by the same zod schema as scenario files so a bad flag gets the
 * same message (field, value, allowed range) as a bad file. The check itself and seed lists ("1..20") are
 * in src/study/flag-values.ts, shared with study files.
 */
import { boundedNumber, scenarioInputSchema } from "../model/params/scenario-schema";
import { MAX_THREADS } from "../sim/api";
import { checkedFlag, flagError, seedSchema } from "../study/flag-values";
import type { Shard } from "../study/plan";

const daysSchema = scenarioInputSchema.shape.days.unwrap();

export const parseSeed = (raw: string): number => checkedFlag(seedSchema, raw, "--seed", "seed");
export const parseDays = (raw: string): number => checkedFlag(daysSchema, raw, "--days", "days");

export const MAX_WORKERS = 256;
export const parseThreads = (raw: string): number =>
  checkedFlag(boundedNumber(1, MAX_THREADS, "", true), raw, "--threads", "threads");
export const parseWorkers = (raw: string): number =>
  checkedFlag(boundedNumber(1, MAX_WORKERS, "", true), raw, "--workers", "workers");

/** "--shard i/n" with 1 ≤ i ≤ n. */
export function parseShard(raw: string): Shard {
  const m = raw.trim().match(/^(\d+)\s*\/\s*(\d+)$/);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 100_000)
    throw flagError("--shard", raw, "i/n with 1 ≤ i ≤ n ≤ 100000, e.g. 2/8");
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
  if (eq <= 0)
    throw flagError("--set", raw, "path=value, e.g. lattice.width=64 or hepatocyte.regenerative_capacity=0.5");
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
