/**
 * Batches (issue 9): identical results for 1 and 2 workers, resume after an interruption without
 * redoing finished runs, shards merged equal to one machine, rerun from a manifest, a failing run
 * recorded while the batch goes on, and Ctrl-C on the real process.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBatch } from "../../src/cli/batch";
import { type Plan, type RunSpec, resolvedDoc } from "../../src/study/plan";
import { cleanup, cli, listFiles, read, smallScenario, tempDir } from "./helpers";

const dir = tempDir();
afterAll(() => cleanup(dir));
const scenario = smallScenario(dir, 3);
const SEEDS = "1..8";

/** The reference: 8 seeds on one worker. */
let reference: { runs: string; summary: string } | null = null;
async function referenceBatch() {
  if (reference) return reference;
  const out = join(dir, "w1");
  const r = await cli(["run", scenario, "--seeds", SEEDS, "--workers", "1", "--out", out]);
  expect(r.code).toBe(0);
  reference = { runs: read(join(out, "runs.csv")), summary: read(join(out, "summary.csv")) };
  return reference;
}

const completeRuns = (out: string) => readdirSync(out).filter((d) => existsSync(join(out, d, "manifest.json")));

describe("seeded batches", () => {
  it("write one folder per seed plus tidy runs.csv and summary.csv", async () => {
    const ref = await referenceBatch();
    const out = join(dir, "w1");
    expect(readdirSync(out).filter((d) => d.startsWith("seed-"))).toHaveLength(8);
    const lines = ref.runs.trim().split("\n");
    expect(lines[0]!.startsWith("run_id,seed,day,cpa_percent,")).toBe(true);
    expect(lines).toHaveLength(1 + 8 * 4);
    const summary = ref.summary.trim().split("\n");
    expect(summary[0]!.startsWith("run_id,seed,status,error,day,")).toBe(true);
    expect(summary.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((s) => `seed-${s},${s},ok`),
    );
    const manifest = JSON.parse(read(join(out, "manifest.json")));
    expect(manifest).toMatchObject({ kind: "seeds", complete: true, counts: { runs: 8, ok: 8, failed: 0 } });
    // Different seeds give different tissue.
    expect(new Set(summary.slice(1).map((l) => l.split(",").slice(4).join(","))).size).toBeGreaterThan(1);
  });

  it("8 seeds on 1 and on 2 workers give identical CSVs", async () => {
    const ref = await referenceBatch();
    const out = join(dir, "w2");
    expect((await cli(["run", scenario, "--seeds", SEEDS, "--workers", "2", "--out", out])).code).toBe(0);
    expect(read(join(out, "runs.csv"))).toBe(ref.runs);
    expect(read(join(out, "summary.csv"))).toBe(ref.summary);
  });

  it("each run's lattice on 2 threads (--threads 2) gives the same CSVs, and the manifest says so", async () => {
    const ref = await referenceBatch();
    const out = join(dir, "t2");
    expect(
      (await cli(["run", scenario, "--seeds", SEEDS, "--workers", "2", "--threads", "2", "--out", out])).code,
    ).toBe(0);
    expect(read(join(out, "runs.csv"))).toBe(ref.runs);
    expect(read(join(out, "summary.csv"))).toBe(ref.summary);
    expect(JSON.parse(read(join(out, "manifest.json")))).toMatchObject({ workers: 2, threads: 2 });
    const bad = await cli(["run", scenario, "--threads", "0", "--out", join(dir, "t0")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--threads: .*0.*1 … 8|--threads.*allowed/);
    expect(existsSync(join(dir, "t0"))).toBe(false);
  });

  it("resume after an interruption skips finished runs (counted) and ends identical", async () => {
    const ref = await referenceBatch();
    const out = join(dir, "resumed");
    const stop = new AbortController();
    // The live progress line reports each finished run: stop after the third, as Ctrl-C would.
    const onStderr = (text: string) => {
      if (/\] 3\/8 runs/.test(text)) stop.abort();
    };
    const first = await cli(["run", scenario, "--seeds", SEEDS, "--workers", "2", "--out", out], {
      signal: stop.signal,
      onStderr,
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/interrupted: \d+ of 8 runs complete/);
    expect(existsSync(join(out, "runs.csv"))).toBe(false);
    const finished = completeRuns(out);
    expect(finished.length).toBeGreaterThanOrEqual(3);
    expect(finished.length).toBeLessThan(8);
    // Only whole results: every run folder present is complete.
    expect(
      readdirSync(out)
        .filter((d) => d.startsWith("seed-"))
        .sort(),
    ).toEqual([...finished].sort());
    const manifestsBefore = finished.map((d) => read(join(out, d, "manifest.json")));

    const second = await cli(["run", scenario, "--seeds", SEEDS, "--workers", "2", "--out", out, "--resume"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`done: ${8 - finished.length} runs (+${finished.length} already complete)`);
    // Finished runs were not redone: their manifests (with timestamps and wall times) are untouched.
    expect(finished.map((d) => read(join(out, d, "manifest.json")))).toEqual(manifestsBefore);
    expect(read(join(out, "runs.csv"))).toBe(ref.runs);
    expect(read(join(out, "summary.csv"))).toBe(ref.summary);
  });

  it("shards 1/3, 2/3, 3/3 merged equal the unsharded output (separate directories and one shared one)", async () => {
    const ref = await referenceBatch();
    const shared = join(dir, "shared");
    for (const i of [1, 2, 3]) {
      const own = join(dir, `shard-${i}`);
      expect(
        (await cli(["run", scenario, "--seeds", SEEDS, "--workers", "1", "--shard", `${i}/3`, "--out", own, "--quiet"]))
          .code,
      ).toBe(0);
      expect(
        (
          await cli(["run", scenario, "--seeds", SEEDS, "--workers", "1", "--out", shared, "--quiet"], {
            env: { SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "1" },
          })
        ).code,
      ).toBe(0);
    }
    expect(listFiles(join(dir, "shard-2")).filter((f) => f.endsWith("manifest.json"))).toEqual([
      "seed-2/manifest.json",
      "seed-5/manifest.json",
      "seed-8/manifest.json",
    ]);

    const merged = join(dir, "merged");
    const m = await cli(["merge", join(dir, "shard-1"), join(dir, "shard-2"), join(dir, "shard-3"), "--out", merged]);
    expect(m.code).toBe(0);
    expect(read(join(merged, "runs.csv"))).toBe(ref.runs);
    expect(read(join(merged, "summary.csv"))).toBe(ref.summary);

    expect((await cli(["merge", shared])).code).toBe(0);
    expect(read(join(shared, "runs.csv"))).toBe(ref.runs);
    expect(read(join(shared, "summary.csv"))).toBe(ref.summary);
  });

  it("merge refuses when a shard is missing", async () => {
    const partial = join(dir, "partial");
    expect(
      (await cli(["run", scenario, "--seeds", SEEDS, "--workers", "1", "--shard", "1/3", "--out", partial, "--quiet"]))
        .code,
    ).toBe(0);
    const m = await cli(["merge", partial, "--out", join(dir, "partial-merged")]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/5 of 8 runs are not in these directories/);
  });

  it("rerun from a manifest reproduces identical numbers, for one run and for a batch", async () => {
    await referenceBatch();
    const one = await cli(["rerun", join(dir, "w1", "seed-3", "manifest.json"), "--out", join(dir, "rerun-one")]);
    expect(one.code).toBe(0);
    expect(one.stderr).toMatch(/reproduced/);
    expect(read(join(dir, "rerun-one", "timeseries.csv"))).toBe(read(join(dir, "w1", "seed-3", "timeseries.csv")));
    const all = await cli([
      "rerun",
      join(dir, "w1", "manifest.json"),
      "--out",
      join(dir, "rerun-all"),
      "--workers",
      "2",
    ]);
    expect(all.code).toBe(0);
    expect(read(join(dir, "rerun-all", "runs.csv"))).toBe(reference!.runs);
  });

  it("a run that throws is recorded with its error and the batch goes on", async () => {
    const good = resolvedDoc({ preset: "partial-hepatectomy", days: 2, lattice: { width: 32, height: 32 } }).doc;
    // Bypasses the up-front validation the commands do, so the failure happens inside the worker.
    const broken = { ...good, lattice: { width: 5, height: 5 } };
    const runs: RunSpec[] = [good, broken, good].map((doc, index) => ({
      index,
      runId: `r${index}`,
      seed: index + 1,
      group: `r${index}`,
      doc: { ...doc, seed: index + 1 },
      labels: {},
    }));
    const plan: Plan = { kind: "seeds", single: false, runs, labelKeys: [] };
    const out = join(dir, "with-failure");
    let stderr = "";
    const result = await runBatch(plan, {
      outDir: out,
      workers: 1,
      threads: 1,
      quiet: true,
      resume: false,
      shard: null,
      argv: [],
      stderr: { write: (s) => void (stderr += s) },
      signal: new AbortController().signal,
    });
    expect(result.exitCode).toBe(1);
    expect(result.failed).toEqual(["r1"]);
    expect(stderr).toMatch(/1 failed/);
    expect(stderr).toMatch(/failed r1: .*lattice/);
    expect(existsSync(join(out, "r0", "manifest.json"))).toBe(true);
    expect(existsSync(join(out, "r2", "manifest.json"))).toBe(true);
    expect(JSON.parse(read(join(out, "r1", "error.json"))).error).toMatch(/lattice/);
    const summary = read(join(out, "summary.csv")).trim().split("\n");
    expect(summary[2]).toMatch(/^r1,2,error,/);
    expect(summary[1]).toMatch(/^r0,1,ok,/);
  });
});

describe("Ctrl-C on the real command", () => {
  it("stops cleanly with exit 130, leaving only whole run folders", async () => {
    const out = join(dir, "sigint");
    const long = smallScenario(dir, 30, "long.json");
    const child = spawn(
      process.execPath,
      ["src/cli/bin.mjs", "run", long, "--seeds", "1..6", "--workers", "2", "--out", out],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const watcher = setInterval(() => {
      if (existsSync(out) && completeRuns(out).length >= 1) {
        clearInterval(watcher);
        child.kill("SIGINT");
      }
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    clearInterval(watcher);
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    const folders = readdirSync(out).filter((d) => d.startsWith("seed-"));
    expect(folders.length).toBeLessThan(6);
    for (const f of folders)
      expect(listFiles(join(out, f))).toEqual(["manifest.json", "summary.json", "timeseries.csv"]);
    expect(listFiles(out).some((f) => f.includes(".tmp-"))).toBe(false);
  });
});
