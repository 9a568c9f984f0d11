/** `hepatosim merge DIR…`: joins the shards of one batch into the files an unsharded batch writes. */
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../../model/params/validation";
import { analysisFor } from "../../study/analyses";
import { type BatchManifest, MANIFEST } from "../../study/batch-files";
import { flagError } from "../../study/flag-values";
import { finishBatch } from "../batch";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { isComplete, type RunRef } from "../outputs";
import { provenance } from "../provenance";
import { readJsonFile } from "../scenario-source";

function batchManifests(dir: string): { file: string; m: BatchManifest }[] {
  if (!existsSync(dir)) throw flagError("DIR", dir, "an existing output directory of a batch");
  const out: { file: string; m: BatchManifest }[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name !== MANIFEST && !/^shard-\d+-of-\d+\.json$/.test(name)) continue;
    const m = readJsonFile(join(dir, name), "manifest") as BatchManifest;
    if (
      m &&
      typeof m === "object" &&
      typeof m.plan_id === "string" &&
      Array.isArray(m.runs) &&
      m.kind !== ("run" as string)
    )
      out.push({ file: join(dir, name), m });
  }
  return out;
}

export async function mergeCommand(dirs: string[], opts: { out?: string }, ctx: CliContext): Promise<number> {
  const found = dirs.flatMap(batchManifests);
  if (!found.length)
    throw flagError("DIR", dirs.join(" "), "directories holding shard-i-of-n.json or a batch manifest.json");
  const first = found[0]!.m;
  for (const { file, m } of found)
    if (m.plan_id !== first.plan_id)
      throw new InputError(
        [
          {
            path: file,
            value: m.plan_id,
            allowed: `plan ${first.plan_id}`,
            message: `${file} belongs to another batch (plan ${m.plan_id}, not ${first.plan_id})`,
          },
        ],
        "input",
      );
  const outDir = opts.out ?? dirs[0]!;
  const where = (r: RunRef): string | null => {
    for (const d of dirs) if (isComplete(join(d, r.runId), r)) return join(d, r.runId);
    for (const d of dirs) if (existsSync(join(d, r.runId, "error.json"))) return join(d, r.runId);
    return null;
  };
  const missing = first.runs.filter((r) => where(r) === null).map((r) => r.runId);
  if (missing.length)
    throw new InputError(
      [
        {
          path: "DIR",
          value: dirs.join(" "),
          allowed: "every run of the batch",
          message: `${missing.length} of ${first.runs.length} runs are not in these directories (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? "…" : ""}); finish their shards (rerun with the same --shard) and merge again`,
        },
      ],
      "input",
    );
  for (const r of first.runs) {
    const src = where(r)!;
    const dst = join(outDir, r.runId);
    if (resolve(src) === resolve(dst)) continue;
    const tmp = join(outDir, `.${r.runId}.merge-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    cpSync(src, tmp, { recursive: true });
    rmSync(dst, { recursive: true, force: true });
    renameSync(tmp, dst);
  }
  const shards = found.map((f) => f.m.shard).filter((s) => s !== null);
  const manifest: BatchManifest = {
    ...first,
    ...provenance(ctx.argv),
    shard: null,
    complete: true,
    merged_from: found.map((f) => ({
      file: f.file,
      shard: f.m.shard,
      git_commit: f.m.git_commit,
      wall_time_s: f.m.wall_time_s,
    })),
    counts: { runs: first.runs.length, ok: 0, failed: 0 },
    wall_time_s: found.reduce((a, f) => a + (f.m.wall_time_s ?? 0), 0),
  };
  const extra = finishBatch(outDir, manifest, await analysisFor(first.kind));
  ctx.stderr.write(
    `merged ${first.runs.length} runs from ${shards.length || found.length} part(s) → ${outDir} (runs.csv, summary.csv${extra.length ? `, ${extra.join(", ")}` : ""})\n`,
  );
  return EXIT.ok;
}
