/**
 * Builds the presets' prebuilt day-0 stages (`npm run stages`; also run by `npm run build` and in
 * the background by the dev server, vite.config.ts): one gzip file per distinct stage
 * (src/sim/prebuilt-stages.ts), named by the model build, in `--out` (default .cache/stages).
 * Files already there are kept; files of other model builds are removed. Each stage is generated in
 * its own process (`--jobs` at a time), the default preset's first.
 *
 *   npx tsx src/cli/stages-build.ts [--out DIR] [--jobs N] [--nice] [--only default]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, setPriority } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import { createSimulation, type GeneratedStage } from "../model/simulation";
import { cloneTissue } from "../model/lattice/state";
import type { Scenario } from "../model/params/scenario-schema";
import { prebuiltKey, presetStages, stageFileName } from "../sim/prebuilt-stages";
import { encodeStage } from "../sim/stage-file";
import { writeFileAtomic } from "./atomic";
import { modelVersionOf } from "./model-version";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DEFAULT_STAGE_DIR = join(ROOT, ".cache", "stages");

/** The generated stage of `scenario` (what the generator hands a stage cache). */
export function generateStageOf(scenario: Scenario): GeneratedStage {
  let kept: GeneratedStage | undefined;
  createSimulation(scenario, {
    stages: { get: () => undefined, put: (_, stage) => (kept = { ...stage, tissue: cloneTissue(stage.tissue) }) },
  });
  if (!kept) throw new Error("the stage generator handed over no stage");
  return kept;
}

/** The compressed file of the stage of `scenario` for `modelVersion`. */
export function stageFileBytes(
  modelVersion: string,
  scenario: Scenario,
  stage = generateStageOf(scenario),
): Uint8Array {
  return gzipSync(encodeStage(prebuiltKey(modelVersion, scenario), stage), { level: 9 });
}

function runChild(args: string[], nice: boolean): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), ...args], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (nice && child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // Not allowed here: it runs at normal priority.
      }
    }
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0 ? ok() : fail(new Error(`stage build ${args.join(" ")} exited with ${code}`)),
    );
  });
}

export interface StageBuildOptions {
  out?: string;
  jobs?: number;
  /** Lower the children's priority (the dev server's background build). */
  nice?: boolean;
  /** Only the default preset's stage. */
  onlyDefault?: boolean;
  log?: (line: string) => void;
}

/** Makes sure every preset's stage of this model build is in `out`; resolves to the files built and kept. */
export async function buildStages(options: StageBuildOptions = {}): Promise<{ built: string[]; kept: string[] }> {
  const out = options.out ?? DEFAULT_STAGE_DIR;
  const log = options.log ?? ((line) => console.log(line));
  const version = modelVersionOf(ROOT);
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out))
    if (f.endsWith(".hstage") && !f.startsWith(`${version}-`)) rmSync(join(out, f), { force: true });
  const all = presetStages();
  const wanted = options.onlyDefault ? all.slice(0, 1) : all;
  const missing = wanted.filter((w) => !existsSync(join(out, stageFileName(version, w.scenario))));
  const kept = wanted.filter((w) => !missing.includes(w)).map((w) => stageFileName(version, w.scenario));
  if (missing.length)
    log(`[stages] building ${missing.length} of ${wanted.length} prebuilt stages (model ${version}) in ${out}`);
  const t0 = performance.now();
  const queue = [...missing];
  const jobs = Math.max(1, options.jobs ?? Math.min(2, availableParallelism()));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      await runChild(["--one", next.presets[0]!, "--out", out, "--version", version], options.nice ?? false);
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  if (missing.length) log(`[stages] built ${missing.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { built: missing.map((w) => stageFileName(version, w.scenario)), kept };
}

/** One stage, in this process: the `--one PRESET` child. */
function buildOne(preset: string, out: string, version: string): void {
  const scenario = resolveScenario({ preset }, presetLookup);
  const t0 = performance.now();
  const bytes = stageFileBytes(version, scenario);
  const name = stageFileName(version, scenario);
  writeFileAtomic(join(out, name), bytes);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`[stages] ${preset}: ${s} s, ${(bytes.length / 1e6).toFixed(2)} MB → ${name}`);
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const out = resolve(flag(args, "--out") ?? DEFAULT_STAGE_DIR);
  const one = flag(args, "--one");
  try {
    if (one) buildOne(one, out, flag(args, "--version") ?? modelVersionOf(ROOT));
    else {
      const jobs = flag(args, "--jobs");
      await buildStages({
        out,
        jobs: jobs ? Number(jobs) : undefined,
        nice: args.includes("--nice"),
        onlyDefault: flag(args, "--only") === "default",
      });
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
