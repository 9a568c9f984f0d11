/**
 * `hepatosim calibrate`: fits named parameters to reference datasets by ABC-SMC
 * (src/study/calibration/abc-smc.ts; docs/calibration.md). Each round of candidates is run on the
 * worker threads (one group per candidate: its datasets × seeds), the model values are compared
 * with the data points, and the sampler's state is saved after every round; after every finished
 * generation the posterior files are rewritten. Ctrl-C keeps what is saved; --resume continues.
 * Results are keyed by candidate index, never by finish order, so the worker count changes nothing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Readouts } from "../../model/metrics/readouts";
import { type AbcState, acceptGeneration, type Batch, initialState, proposals } from "../../study/calibration/abc-smc";
import { calibrationFiles, calibrationManifest } from "../../study/calibration/outputs";
import { parsePriorFile } from "../../study/calibration/priors";
import { reopenState } from "../../study/calibration/problem";
import { candidateResult, keptCandidates, roundGroups } from "../../study/calibration/rounds";
import { type CalibrationSetup, calibrationSetup } from "../../study/calibration/setup";
import { parseState } from "../../study/calibration/state-file";
import { summarisePosterior } from "../../study/calibration/summary";
import { flagError } from "../../study/flag-values";
import type { Shard } from "../../study/plan";
import { writeFileAtomic, writeJsonAtomic } from "../atomic";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { parseShard, parseWorkers } from "../flags";
import { SimWorker } from "../pool";
import { formatDuration, type ProgressSink } from "../progress";
import { provenance } from "../provenance";
import { executeRun, Interrupted } from "../run-one";
import { readJsonFile } from "../scenario-source";
import { defaultOutDir, defaultWorkers } from "./run";
import { loadLibrary, REFERENCE_DIR } from "./validation";

export interface CalibrateFlags {
  data?: string;
  params?: string;
  particles?: string;
  generations?: string;
  budget?: string;
  seedsPerParticle?: string;
  workers?: string;
  seed?: string;
  out?: string;
  resume?: boolean;
  library?: string;
  prior?: string;
  assumeSpread?: string;
  quiet?: boolean;
  shard?: string;
  mergeOnly?: boolean;
  lattice?: string;
}

export const STATE_FILE = "state.json";
/** What the distance is computed from (datasets, points, seeds per candidate): a resume must not change it. */
const PROBLEM_FILE = "problem.json";
/** Model values of the particles accepted so far in the generation being built (fit.csv after a resume). */
const ACCEPTED_VALUES_FILE = "accepted-values.json";
const MANIFEST_FILE = "manifest.json";

interface Setup extends CalibrationSetup {
  workers: number;
  outDir: string;
}

/** Every flag checked before anything is written or run. */
function setup(flags: CalibrateFlags): Setup {
  const library = loadLibrary(flags.library ?? REFERENCE_DIR);
  const priorFile = flags.prior !== undefined ? parsePriorFile(readJsonFile(flags.prior, "prior file")) : {};
  const s = calibrationSetup(library, flags, priorFile);
  const workers = flags.workers !== undefined ? parseWorkers(flags.workers) : defaultWorkers(s.options.particles);
  const outDir = flags.out ?? defaultOutDir(`calibrate-${s.datasets.map((d) => d.id).join("+")}`);
  return { ...s, workers, outDir };
}

function problemText(s: Setup): string {
  const problem = {
    datasets: s.datasets.map((d) => d.id),
    points: s.points.map((p) => ({ dataset: p.dataset, day: p.day, value: p.observed.value, sd: p.observed.sd })),
    seeds_per_particle: s.seedsPerParticle,
    assume_spread: s.assumeSpread,
    // Only when given, so problem.json of calibrations made before --lattice existed still resumes.
    ...(s.lattice !== null ? { lattice: s.lattice } : {}),
  };
  return `${JSON.stringify(problem, null, 2)}\n`;
}

/** The saved state to continue (--resume), or a new one; refuses to overwrite another calibration. */
function startingState(s: Setup, resume: boolean): AbcState {
  const path = join(s.outDir, STATE_FILE);
  const fresh = (): AbcState => initialState(s.options);
  if (!resume) {
    if (existsSync(s.outDir) && readdirSync(s.outDir).length > 0)
      throw flagError("--out", s.outDir, "a new or empty directory, or --resume to continue the calibration in it");
    return fresh();
  }
  if (!existsSync(path)) return fresh();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw flagError("--resume", path, `a readable ${STATE_FILE} (${e instanceof Error ? e.message : String(e)})`);
  }
  const saved = parseState(raw);
  const problemPath = join(s.outDir, PROBLEM_FILE);
  if (existsSync(problemPath)) {
    const before = readFileSync(problemPath, "utf8");
    if (before !== problemText(s))
      throw flagError(
        "--resume",
        s.outDir,
        `the datasets, data points, --seeds-per-particle and --assume-spread of the saved calibration (${PROBLEM_FILE} differs)`,
      );
  }
  const r = reopenState(saved, s.config);
  if ("differences" in r)
    throw flagError(
      "--resume",
      s.outDir,
      `the settings of the saved calibration (these differ: ${r.differences.join(", ")}; only --generations and --budget may be raised)`,
    );
  return r.state;
}

/** One live line on a terminal: generation, runs, tolerance, time left. */
class CalibrationProgress {
  private readonly t0 = performance.now();
  private readonly live: boolean;
  private lastDraw = 0;
  constructor(
    private readonly sink: ProgressSink,
    quiet: boolean,
  ) {
    this.live = !quiet && sink.isTTY === true;
  }
  /**
   * `runs`: simulator runs spent in all (this round's finished ones included); `sessionRuns`: those
   * made since this command started; `generationElapsed`: seconds into the generation being built.
   */
  draw(
    state: AbcState,
    p: {
      runs: number;
      sessionRuns: number;
      budgetRuns: number | null;
      batchDone: number;
      batchSize: number;
      genSeconds: readonly number[];
      generationElapsed: number;
    },
    force = false,
  ): void {
    if (!this.live) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const { config } = state;
    const elapsed = (now - this.t0) / 1000;
    let left = Number.NaN;
    if (p.budgetRuns !== null && p.sessionRuns > 0)
      left = (elapsed / p.sessionRuns) * Math.max(0, p.budgetRuns - p.runs);
    if (config.generations !== null && p.genSeconds.length > 0) {
      const perGen = p.genSeconds.reduce((a, b) => a + b, 0) / p.genSeconds.length;
      const byGen = Math.max(
        0,
        perGen * (config.generations - state.history.length) - Math.min(perGen, p.generationElapsed),
      );
      left = Number.isNaN(left) ? byGen : Math.min(left, byGen);
    }
    const eps = state.tolerance === null ? "∞" : state.tolerance.toPrecision(3);
    const gens = config.generations === null ? "" : `/${config.generations}`;
    this.sink.write(
      `\rgeneration ${state.generation + 1}${gens} · ε ${eps} · accepted ${state.accepted.length}/${config.particles} · round ${p.batchDone}/${p.batchSize} runs · ${p.runs} runs · ${formatDuration(left)} left   `,
    );
  }
  finish(line: string): void {
    if (this.live) this.sink.write("\r\x1b[2K");
    this.sink.write(`${line}\n`);
  }
}

/** Runs the groups on a fixed set of workers, each group on one worker; results go by group index. */
async function runGroups<G>(
  workers: readonly SimWorker[],
  groups: readonly G[],
  execute: (worker: SimWorker, group: G, index: number) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let next = 0;
  await Promise.all(
    workers.slice(0, Math.max(1, Math.min(workers.length, groups.length))).map(async (w) => {
      while (!signal.aborted && next < groups.length) {
        const i = next++;
        await execute(w, groups[i]!, i);
      }
    }),
  );
}

function writeOutputs(
  s: Setup,
  state: AbcState,
  wallSeconds: number[],
  fitValues: number[][] | null,
  argv: readonly string[],
  started: string,
): string[] {
  const { files, summary } = calibrationFiles(s, state, wallSeconds, fitValues);
  for (const f of files) writeFileAtomic(join(s.outDir, f.name), f.text);
  const names = files.map((f) => f.name);
  if (summary) {
    const manifest = {
      ...provenance(argv),
      started,
      ...calibrationManifest(s, state, wallSeconds, summary),
      workers: s.workers,
      outputs: [...names, STATE_FILE, ACCEPTED_VALUES_FILE, PROBLEM_FILE],
    };
    writeJsonAtomic(join(s.outDir, MANIFEST_FILE), manifest);
  }
  return names;
}

/** Results of one shard for one round: candidate index → model values and distance (null = not finite). */
interface ShardFile {
  generation: number;
  round: number;
  /** Candidates simulated before this round (ties the file to one state). */
  runs: number;
  shard: { index: number; count: number };
  results: Record<string, { distance: number | null; values: (number | null)[] }>;
}

const SHARD_DIR = "shards";
const shardName = (g: number, r: number, sh: Shard) => `g${g}-r${r}-shard-${sh.index}-of-${sh.count}.json`;

/** Shard results for the current round of `state`, by candidate index (from every matching file in --out/shards). */
function shardResults(outDir: string, state: AbcState): Map<number, { distance: number; values: number[] }> {
  const out = new Map<number, { distance: number; values: number[] }>();
  const dir = join(outDir, SHARD_DIR);
  if (!existsSync(dir)) return out;
  const prefix = `g${state.generation}-r${state.round}-shard-`;
  for (const name of readdirSync(dir).sort()) {
    if (!name.startsWith(prefix) || !name.endsWith(".json")) continue;
    let f: ShardFile;
    try {
      f = JSON.parse(readFileSync(join(dir, name), "utf8")) as ShardFile;
    } catch {
      continue;
    }
    if (f.generation !== state.generation || f.round !== state.round || f.runs !== state.runs) continue;
    for (const [k, r] of Object.entries(f.results))
      out.set(Number(k), {
        distance: r.distance === null ? Number.POSITIVE_INFINITY : r.distance,
        values: r.values.map((v) => (v === null ? Number.NaN : v)),
      });
  }
  return out;
}

export async function calibrateCommand(flags: CalibrateFlags, ctx: CliContext): Promise<number> {
  const s = setup(flags);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : null;
  if (shard && flags.mergeOnly) throw flagError("--merge-only", "true", "the coordinator's flag, not with --shard");
  // A shard or a merge always continues what is in --out (array tasks share it).
  const resuming = flags.resume === true || shard !== null || flags.mergeOnly === true;
  let state = startingState(s, resuming);
  const t0 = performance.now();
  // Wall times of finished generations, kept across --resume in the manifest.
  const wallSeconds: number[] = [];
  let started = new Date().toISOString();
  const manifestPath = join(s.outDir, MANIFEST_FILE);
  if (resuming && existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, "utf8")) as { generation_wall_s?: unknown; started?: unknown };
      if (Array.isArray(m.generation_wall_s))
        wallSeconds.push(...m.generation_wall_s.slice(0, state.history.length).map(Number));
      if (typeof m.started === "string") started = m.started;
    } catch {
      // A damaged manifest only loses the earlier wall times; the state is what resumes.
    }
  }
  writeFileAtomic(join(s.outDir, PROBLEM_FILE), problemText(s));
  const progress = new CalibrationProgress(ctx.stderr, flags.quiet === true);
  const workers = Array.from({ length: s.workers }, () => new SimWorker());
  const stopAll = () => Promise.all(workers.map((w) => w.stop()));
  const onAbort = () => void stopAll();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  let generationStart = performance.now();
  // Model values of the accepted particles of the generation being built, and of the last finished one (fit.csv).
  let acceptedValues: number[][] = [];
  let populationValues: number[][] | null = null;
  let failedRuns = 0;
  let sessionRuns = 0;
  const savedValues = join(s.outDir, ACCEPTED_VALUES_FILE);
  if (resuming && state.accepted.length > 0 && existsSync(savedValues)) {
    try {
      const v = JSON.parse(readFileSync(savedValues, "utf8")) as {
        generation?: unknown;
        round?: unknown;
        values?: unknown;
      };
      if (
        v.generation === state.generation &&
        v.round === state.round &&
        Array.isArray(v.values) &&
        v.values.length === state.accepted.length
      )
        acceptedValues = v.values as number[][];
    } catch {
      // Without them only fit.csv of this generation is left out; the posterior does not depend on them.
    }
  }
  try {
    if (state.done && state.population.length > 0 && !shard) {
      writeOutputs(s, state, wallSeconds, null, ctx.argv, started);
    }
    while (!state.done) {
      if (ctx.signal.aborted) break;
      const batch: Batch = proposals(state);
      const groups = roundGroups(s, batch);
      // Candidates already simulated by shards (their results are used as they are), and the ones this process runs.
      const fromShards = shardResults(s.outDir, state);
      const mine = batch.candidates
        .map((c) => c.index)
        .filter((i) => !fromShards.has(i) && (shard === null || i % shard.count === shard.index - 1));
      if (flags.mergeOnly && fromShards.size < batch.candidates.length) {
        const missing = batch.candidates.map((c) => c.index).filter((i) => !fromShards.has(i));
        throw flagError(
          "--merge-only",
          "true",
          `shard results for every candidate of generation ${batch.generation} round ${batch.round} in ${join(s.outDir, SHARD_DIR)} (${missing.length} missing, e.g. candidate ${missing[0]})`,
        );
      }
      const todo = new Set(mine);
      const totalRuns = mine.length * s.runsPerCandidate;
      const histories: (Readouts[] | null)[][] = groups.map((g) => g.specs.map(() => null));
      let finished = 0;
      const info = () => ({
        runs: state.runs * s.runsPerCandidate + finished,
        sessionRuns,
        budgetRuns: state.config.budget === null ? null : state.config.budget * s.runsPerCandidate,
        batchDone: finished,
        batchSize: totalRuns,
        genSeconds: wallSeconds,
        generationElapsed: (performance.now() - generationStart) / 1000,
      });
      await runGroups(
        workers,
        mine.map((i) => ({ group: groups[i]!, gi: i })),
        async (worker, { group, gi }) => {
          for (const [j, spec] of group.specs.entries()) {
            if (ctx.signal.aborted) return;
            try {
              const outcome = await executeRun(worker, spec, 1, () => progress.draw(state, info()), ctx.signal);
              histories[gi]![j] = outcome.history;
            } catch (e) {
              if (ctx.signal.aborted || e instanceof Interrupted) return;
              failedRuns++;
            }
            finished++;
            sessionRuns++;
            progress.draw(state, info(), true);
          }
        },
        ctx.signal,
      );
      if (ctx.signal.aborted) break;
      const results = groups.map((g, gi) =>
        todo.has(gi)
          ? candidateResult(s, g, histories[gi]!)
          : { values: fromShards.get(gi)?.values ?? [], distance: fromShards.get(gi)?.distance ?? Number.NaN },
      );
      const values = results.map((r) => r.values);
      const distances = results.map((r) => r.distance);
      if (shard) {
        // A shard writes its candidates' results for the coordinator and leaves the state alone.
        const results: ShardFile["results"] = {};
        for (const i of mine)
          results[String(i)] = {
            distance: Number.isFinite(distances[i]!) ? distances[i]! : null,
            values: values[i]!.map((v) => (Number.isFinite(v) ? v : null)),
          };
        const file: ShardFile = {
          generation: batch.generation,
          round: batch.round,
          runs: state.runs,
          shard: { index: shard.index, count: shard.count },
          results,
        };
        writeJsonAtomic(join(s.outDir, SHARD_DIR, shardName(batch.generation, batch.round, shard)), file);
        progress.finish(
          `shard ${shard.index}/${shard.count} done: generation ${batch.generation} round ${batch.round}, ${mine.length} candidates × ${s.runsPerCandidate} runs → ${join(s.outDir, SHARD_DIR)} (then run the same command with --merge-only)`,
        );
        return failedRuns ? EXIT.internal : EXIT.ok;
      }
      const before = state;
      state = acceptGeneration(state, batch, distances);
      acceptedValues.push(...keptCandidates(before, batch, distances).map((i) => values[i]!));
      if (state.history.length > before.history.length) {
        const now = performance.now();
        wallSeconds.push((now - generationStart) / 1000);
        generationStart = now;
        populationValues = acceptedValues;
        acceptedValues = [];
        writeOutputs(s, state, wallSeconds, populationValues, ctx.argv, started);
      }
      // The state last: what it records is already in the files above.
      writeJsonAtomic(join(s.outDir, ACCEPTED_VALUES_FILE), {
        generation: state.generation,
        round: state.round,
        values: acceptedValues,
      });
      writeJsonAtomic(join(s.outDir, STATE_FILE), state);
      if (flags.mergeOnly) break;
    }
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    await stopAll();
  }
  const wall = formatDuration((performance.now() - t0) / 1000);
  const fails = failedRuns ? `, ${failedRuns} runs failed (never accepted)` : "";
  if (ctx.signal.aborted) {
    progress.finish(
      `interrupted: ${state.history.length} generation${state.history.length === 1 ? "" : "s"} finished, ${state.runs} runs saved in ${s.outDir}; run the same command with --resume to continue`,
    );
    return EXIT.interrupted;
  }
  if (flags.mergeOnly && !state.done) {
    progress.finish(
      `merged: now at generation ${state.generation} round ${state.round}, ${state.accepted.length}/${state.config.particles} accepted, ${state.runs} candidates simulated → ${s.outDir} (next: the shards of this round, then --merge-only)`,
    );
    return EXIT.ok;
  }
  if (state.population.length === 0) {
    progress.finish(
      `stopped (${state.stopReason}) before generation 0 had ${state.config.particles} particles: nothing to report${fails}`,
    );
    return EXIT.internal;
  }
  const summary = summarisePosterior(state);
  for (const p of summary.parameters)
    ctx.stdout.write(
      `${p.name}: median ${p.median.toPrecision(4)}, 90 % interval [${p.lower.toPrecision(4)}, ${p.upper.toPrecision(4)}] (prior [${p.priorLower.toPrecision(4)}, ${p.priorUpper.toPrecision(4)}], ${p.narrowing.toFixed(1)}× narrower)\n`,
    );
  const last = state.history[state.history.length - 1]!;
  progress.finish(
    `done (${state.stopReason}): ${state.history.length} generations, ${state.runs} candidates × ${s.runsPerCandidate} runs, tolerance ${last.tolerance === null ? "∞" : last.tolerance.toPrecision(3)}, in ${wall}${fails} → ${s.outDir} (posterior.csv, generations.csv, calibrated.json, fit.csv, pairs.svg, fit.svg, manifest.json)`,
  );
  return EXIT.ok;
}
