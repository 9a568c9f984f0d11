/**
 * `npm run bench`: solver voxel-updates/s, whole-engine steps/s and bytes per site, with ratios to the
 * BioFVM anchors (bench/anchors.ts) and to the plain JS solver timed in the same run. One table, or JSON
 * with --json. Progress goes to stderr so stdout holds only the result. Not a test: no assertions.
 */
import { cpus, loadavg } from "node:os";
import { Command } from "commander";
import { fieldPitch } from "../src/model/fields/layout";
import { ownFieldSet, type SolverKernels, useSolverKernels } from "../src/model/fields/solver";
import { ANCHOR_SOURCE, biofvmManyFields, PLAIN_JS_ROWWISE, TARGETS } from "./anchors";
import { cpuShare } from "./cpu-share";
import { benchEngine, benchParallel, ENGINE_ROUNDS, type EngineResult, prebuild, tiled } from "./engine-bench";
import { type BatchThroughput, batchThroughput, type DayCost, dayCost } from "./extra-bench";
import { referenceDiffuse } from "./reference-lod";
import { benchSolvers, type SolverResult, type SolverVariant } from "./solver-bench";
import { benchSolverThreads } from "./solver-strip";
import { formatTable, mega, ratio } from "./table";

const SOLVER_GRIDS = [256, 512, 1024];
const SOLVER_FIELDS = 8;
const SOLVER_RUNS = 9;
/** Healthy baseline and the issue-7 target case (F3 tissue with MSCs). */
const HEALTHY = "healthy";
const FIBROTIC = "fibrosis-f3-bm-msc-iv";
/** Issue 3's day-cost target is about the disease model: F3 tissue under its chronic injury, no MSCs. */
const DISEASE_F3 = "chronic-injury-f3";
const BATCH_PRESET = "early-cirrhosis-bm-msc-iv";
const BATCH_DAYS = 84;
/** Runs per calibration-sized row, and the issue-18 target: a 2,000-run calibration in ≤ 1 hour on 2 workers. */
const CALIBRATION_RUNS = 6;
const CALIBRATION_TARGET_RUNS = 2000;
/** One simulated day first (JIT warm-up; intravenous MSCs start to arrive), then the timed steps. */
const ENGINE_WARMUP_STEPS = 24;
const ENGINE_STEPS: Record<number, number> = { 256: 48, 512: 24, 1024: 8 };
/** At 1024² the code is warm from the smaller lattices: fewer untimed steps. */
const ENGINE_WARMUP_1024 = 8;
/** Below this share of CPU time over wall time the process was time-sliced with others: timings are low. */
const BUSY_CPU_SHARE = 0.95;

const program = new Command()
  .name("bench")
  .description("Hepatosim performance: solver throughput, engine steps/s, memory per site")
  .option("--json", "print JSON instead of the table")
  .option("--solver-only", "skip the whole-engine rows (they generate disease tissue, ≈1 min)")
  .parse();
const opts = program.opts<{ json?: boolean; solverOnly?: boolean }>();

const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const loadBefore = loadavg()[0]!;

/** The solver's float32 paths: the default first, then its fallbacks (same bits, see solver.ts). */
const KERNELS: SolverKernels[] = ["simd", "scalar", "js"];
const KERNEL_LABEL: Record<SolverKernels, string> = {
  simd: "wasm SIMD",
  scalar: "wasm, no SIMD",
  js: "JS line groups",
};
const defaultKernels = useSolverKernels("simd");
const available = KERNELS.filter((k) => useSolverKernels(k) === k);
useSolverKernels(defaultKernels);

type KernelResult = SolverResult & { kernels: SolverKernels };
const solver: KernelResult[] = [];
const fallbacks: KernelResult[] = [];
const reference: SolverResult[] = [];
const PITCH_GRID = 1024;
/** The 1024² solver with unpadded (4 KiB) rows, beside the padded rows runs use. */
let unpadded: SolverResult | undefined;
for (const grid of SOLVER_GRIDS) {
  progress(`solver ${grid}² × ${SOLVER_FIELDS} fields`);
  const variants: SolverVariant[] = [
    { label: "plain", step: referenceDiffuse },
    // Fields as a one-thread run holds them: rows padded as runs pad them, in the kernels' own memory when they are wasm (swept in place).
    ...available.map((k) => ({
      label: k,
      select: () => useSolverKernels(k),
      adopt: ownFieldSet,
      pitch: fieldPitch(grid),
    })),
  ];
  // At 1024² also the same fields with unpadded 4 KiB rows: what the padding buys.
  if (grid === PITCH_GRID)
    variants.push({
      label: "unpadded",
      select: () => useSolverKernels(defaultKernels),
      adopt: ownFieldSet,
      pitch: grid,
    });
  const [plain, ...results] = benchSolvers(grid, SOLVER_FIELDS, SOLVER_RUNS, variants);
  reference.push(plain!);
  const timed = results.slice(0, available.length);
  if (grid === PITCH_GRID) unpadded = results[available.length]!;
  for (const [i, result] of timed.entries())
    (available[i] === defaultKernels ? solver : fallbacks).push({ ...result, kernels: available[i]! });
  useSolverKernels(defaultKernels);
}

/**
 * The solver alone on 1 and 2 threads over shared memory, scheduled as in the engine
 * (bench/solver-strip.ts), and the same threads only copying the fields out and back: how far the
 * memory system itself scales from 1 to 2 threads. Runs interleaved, fastest of 5 each.
 */
interface ThreadedSolver {
  grid: number;
  fields: number;
  workers: number;
  voxel_updates_per_s: number;
  /** Bytes read and written per second by the copy on the same threads. */
  copy_bytes_per_s: number;
  /** The same threads doing as many multiply-adds in registers as voxel-updates: how far the cores scale without memory. */
  multiply_adds_per_s: number;
  /** Each thread sweeping a lattice of its own, sharing nothing: the best any split of one lattice could do. */
  independent_voxel_updates_per_s: number;
}
const STRIP_ROUNDS = 9;
const threadedSolver: ThreadedSolver[] = [];
for (const grid of [512, 1024]) {
  progress(`solver ${grid}² × ${SOLVER_FIELDS} fields on 1 and 2 threads (strips; apart; copies; arithmetic)`);
  const steps = Math.max(8, Math.round((128 * 1024 * 1024) / (grid * grid * SOLVER_FIELDS)));
  const runs: Record<number, number[]> = { 1: [], 2: [] };
  const copies: Record<number, number[]> = { 1: [], 2: [] };
  const sums: Record<number, number[]> = { 1: [], 2: [] };
  const apart: Record<number, number[]> = { 1: [], 2: [] };
  for (let r = 0; r < STRIP_ROUNDS; r++)
    for (const k of [1, 2]) {
      runs[k]!.push(await benchSolverThreads(grid, SOLVER_FIELDS, k, steps));
      copies[k]!.push(await benchSolverThreads(grid, SOLVER_FIELDS, k, steps, "copy"));
      sums[k]!.push(await benchSolverThreads(grid, SOLVER_FIELDS, k, steps, "arithmetic"));
      apart[k]!.push(await benchSolverThreads(grid, SOLVER_FIELDS, k, steps, "independent"));
    }
  for (const k of [1, 2]) {
    threadedSolver.push({
      grid,
      fields: SOLVER_FIELDS,
      workers: k,
      voxel_updates_per_s: Math.max(...runs[k]!),
      copy_bytes_per_s: Math.max(...copies[k]!),
      multiply_adds_per_s: Math.max(...sums[k]!),
      independent_voxel_updates_per_s: Math.max(...apart[k]!),
    });
  }
}

const engine: EngineResult[] = [];
const dayCosts: DayCost[] = [];
const batches: BatchThroughput[] = [];
const calibrationBatches: BatchThroughput[] = [];
if (!opts.solverOnly) {
  for (const grid of [256, 512]) {
    progress(`engine ${grid}² ${HEALTHY}`);
    const h = prebuild(HEALTHY, grid);
    engine.push(
      await benchParallel(h.sim, HEALTHY, "generated", h.seconds, ENGINE_WARMUP_STEPS, ENGINE_STEPS[grid]!, 2),
    );
    engine.push(benchEngine(h.sim, HEALTHY, "generated", h.seconds, ENGINE_WARMUP_STEPS, ENGINE_STEPS[grid]!));
  }
  progress(`one day of 256² ${DISEASE_F3} (generating the F3 stage): whole engine vs field phase alone`);
  dayCosts.push(dayCost(prebuild(DISEASE_F3, 256).sim, DISEASE_F3));
  progress(`engine 256² ${FIBROTIC} (generating the F3 stage)`);
  const f = prebuild(FIBROTIC, 256);
  const f512 = tiled(f.sim, 2);
  const f1024 = tiled(f.sim, 4);
  progress(`one day of 256² ${FIBROTIC}: whole engine vs field phase alone`);
  dayCosts.push(dayCost(f.sim, FIBROTIC));
  engine.push(await benchParallel(f.sim, FIBROTIC, "generated", f.seconds, ENGINE_WARMUP_STEPS, ENGINE_STEPS[256]!, 2));
  engine.push(benchEngine(f.sim, FIBROTIC, "generated", f.seconds, ENGINE_WARMUP_STEPS, ENGINE_STEPS[256]!));
  progress(`engine 512² ${FIBROTIC} (the 256² stage tiled 2×2)`);
  engine.push(
    await benchParallel(f512, FIBROTIC, "256² stage tiled 2×2", f.seconds, ENGINE_WARMUP_STEPS, ENGINE_STEPS[512]!, 2),
  );
  engine.push(benchEngine(f512, FIBROTIC, "256² stage tiled 2×2", f.seconds, ENGINE_WARMUP_STEPS, ENGINE_STEPS[512]!));
  progress(`engine 1024² ${FIBROTIC} (the 256² stage tiled 4×4)`);
  engine.push(
    await benchParallel(f1024, FIBROTIC, "256² stage tiled 4×4", f.seconds, ENGINE_WARMUP_1024, ENGINE_STEPS[1024]!, 2),
  );
  engine.push(benchEngine(f1024, FIBROTIC, "256² stage tiled 4×4", f.seconds, ENGINE_WARMUP_1024, ENGINE_STEPS[1024]!));
  engine.sort((a, b) => a.grid - b.grid || a.workers - b.workers);
  for (const workers of [1, 2]) {
    progress(`batch: 4 runs of ${BATCH_PRESET} 128² × ${BATCH_DAYS} days on ${workers} worker(s)`);
    batches.push(batchThroughput(BATCH_PRESET, 128, BATCH_DAYS, 4, workers));
  }
  // Calibration-sized work (issue 18): many short runs at 96², each generating its own stage.
  for (const workers of [1, 2]) {
    progress(
      `calibration-sized: ${CALIBRATION_RUNS} runs of ${BATCH_PRESET} 96² × ${BATCH_DAYS} days on ${workers} worker(s)`,
    );
    calibrationBatches.push(batchThroughput(BATCH_PRESET, 96, BATCH_DAYS, CALIBRATION_RUNS, workers));
  }
}
const loadAfter = loadavg()[0]!;

const solverTarget = (grid: number) =>
  grid === 512 ? TARGETS.solver512 : grid === 1024 ? TARGETS.solver1024 : undefined;
const engineTarget = (r: EngineResult) =>
  r.grid === 512 && r.workers === 2 && r.preset.startsWith("fibrosis-f3") ? TARGETS.engine512StepsPerS : undefined;

const meta = {
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  cpus: cpus().length,
  date: new Date().toISOString(),
  load_average_1min: [loadBefore, loadAfter],
  cpu_share: cpuShare(),
  anchors: ANCHOR_SOURCE,
};
const busy = meta.cpu_share < BUSY_CPU_SHARE;

if (opts.json) {
  const withRatios = solver.map((s, i) => ({
    ...s,
    vs_biofvm_1_thread: s.voxel_updates_per_s / biofvmManyFields(s.grid)!.oneThread,
    vs_plain_js_same_run: s.voxel_updates_per_s / reference[i]!.voxel_updates_per_s,
  }));
  process.stdout.write(
    `${JSON.stringify({ solver: withRatios, solver_unpadded_rows: unpadded ?? null, solver_threads: threadedSolver, engine, day_cost: dayCosts, batch: batches, calibration_sized: calibrationBatches, solver_fallbacks: fallbacks, reference_plain_js: reference, meta }, null, 2)}\n`,
  );
} else {
  const header = [
    "what",
    "grid",
    "case",
    "workers",
    "result",
    "vs BioFVM 1 thread",
    "vs plain JS (same run)",
    "target",
    "vs target",
  ];
  const rows: string[][] = [];
  const sameRun = (grid: number) => reference.find((r) => r.grid === grid)!.voxel_updates_per_s;
  [...solver, ...fallbacks].forEach((s) => {
    const b = biofvmManyFields(s.grid)!;
    const target = s.kernels === defaultKernels ? solverTarget(s.grid) : undefined;
    rows.push([
      s.kernels === defaultKernels ? "solver" : "(fallback)",
      `${s.grid}²`,
      `${s.fields} fields, ${KERNEL_LABEL[s.kernels]}`,
      String(s.workers),
      `${mega(s.voxel_updates_per_s)} vox/s`,
      `${ratio(s.voxel_updates_per_s, b.oneThread)} (${mega(b.oneThread)}, ${b.fields} fields)`,
      `${ratio(s.voxel_updates_per_s, sameRun(s.grid))} (${mega(sameRun(s.grid))})`,
      target ? `≥ ${mega(target)} vox/s` : "",
      ratio(s.voxel_updates_per_s, target),
    ]);
  });
  if (unpadded) {
    const padded = solver.find((s) => s.grid === PITCH_GRID)!.voxel_updates_per_s;
    rows.push([
      "solver (unpadded)",
      `${unpadded.grid}²`,
      `8 fields, ${KERNEL_LABEL[defaultKernels]}, 4 KiB rows without padding`,
      "1",
      `${mega(unpadded.voxel_updates_per_s)} vox/s`,
      "",
      "",
      "",
      `padded rows ${ratio(padded, unpadded.voxel_updates_per_s)} this`,
    ]);
  }
  // The same threads on the same data, and what they do with no split, no sweeps or no memory: one row per thread count, 2 vs 1.
  const threadRows = (
    what: string,
    label: string,
    value: (t: ThreadedSolver) => number,
    show: (v: number) => string,
    target = "",
  ) => {
    for (const t of threadedSolver) {
      const one = value(threadedSolver.find((x) => x.grid === t.grid && x.workers === 1)!);
      const two = t.workers === 2;
      rows.push([
        what,
        `${t.grid}²`,
        label,
        String(t.workers),
        show(value(t)),
        "",
        "",
        two && t.grid === 1024 ? target : "",
        two ? `${(value(t) / one).toFixed(2)}× 1 thread` : "",
      ]);
    }
  };
  threadRows(
    "solver (strips)",
    `${SOLVER_FIELDS} fields, rows | columns per thread`,
    (t) => t.voxel_updates_per_s,
    (v) => `${mega(v)} vox/s`,
    "≥ 1.7× 1 thread",
  );
  threadRows(
    "solver (apart)",
    `${SOLVER_FIELDS} fields, each thread a lattice of its own`,
    (t) => t.independent_voxel_updates_per_s,
    (v) => `${mega(v)} vox/s`,
  );
  threadRows(
    "copy (strips)",
    `${SOLVER_FIELDS} fields out and back, same threads`,
    (t) => t.copy_bytes_per_s,
    (v) => `${(v / 1e9).toFixed(1)} GB/s`,
  );
  threadRows(
    "arithmetic (strips)",
    "a multiply-add per voxel, in registers, same threads",
    (t) => t.multiply_adds_per_s,
    (v) => `${mega(v)} /s`,
  );
  for (const e of engine) {
    const target = engineTarget(e);
    rows.push([
      "engine",
      `${e.grid}²`,
      e.tissue === "generated" ? e.preset : `${e.preset} (${e.tissue})`,
      String(e.workers),
      `${e.steps_per_s.toFixed(2)} steps/s`,
      "",
      "",
      target ? `≥ ${target} steps/s (2 workers)` : "",
      ratio(e.steps_per_s, target),
    ]);
  }
  for (const d of dayCosts)
    rows.push([
      "day cost",
      `${d.grid}²`,
      `${d.preset}: whole day ÷ field-phase day`,
      "1",
      `${d.ratio.toFixed(2)}× (${(1000 * d.whole_day_s).toFixed(0)} / ${(1000 * d.field_phase_day_s).toFixed(0)} ms)`,
      "",
      "",
      d.preset === DISEASE_F3 ? "≤ 2×" : "",
      d.preset === DISEASE_F3 ? ratio(2, d.ratio) : "",
    ]);
  for (const b of batches) {
    const one = batches.find((x) => x.workers === 1)!;
    rows.push([
      "batch",
      `${b.grid}²`,
      `${b.runs} runs of ${b.preset}, ${b.days} days`,
      String(b.workers),
      `${b.runs_per_min.toFixed(2)} runs/min`,
      "",
      "",
      b.workers === 2 ? "≈ 2× 1 worker" : "",
      b.workers === 2 ? `${(b.runs_per_min / one.runs_per_min).toFixed(2)}× 1 worker` : "",
    ]);
  }
  for (const b of calibrationBatches) {
    const hours = CALIBRATION_TARGET_RUNS / b.runs_per_min / 60;
    rows.push([
      "calibration-sized batch",
      `${b.grid}²`,
      `${b.runs} runs of ${b.preset}, ${b.days} days, stage generated per run`,
      String(b.workers),
      `${b.runs_per_min.toFixed(2)} runs/min (${CALIBRATION_TARGET_RUNS} runs: ${hours.toFixed(2)} h)`,
      "",
      "",
      b.workers === 2 ? `${CALIBRATION_TARGET_RUNS} runs ≤ 1 h` : "",
      b.workers === 2 ? ratio(1, hours) : "",
    ]);
  }
  for (const e of engine.filter((x) => x.workers === 1)) {
    rows.push([
      "memory",
      `${e.grid}²`,
      e.tissue === "generated" ? e.preset : `${e.preset} (${e.tissue})`,
      "",
      `${e.bytes_per_site.toFixed(1)} B/site`,
      "",
      "",
      `≤ ${TARGETS.bytesPerSite} B/site`,
      ratio(e.bytes_per_site, TARGETS.bytesPerSite),
    ]);
  }
  const out = [
    `Hepatosim bench — Node ${meta.node}, ${meta.cpu} × ${meta.cpus}, ${meta.date}`,
    formatTable(header, rows),
    `Solver: D = 1000 µm²/min, decay 0.1/min, dx 20 µm, dt 0.01 min (the anchors' case); median of ${SOLVER_RUNS} runs. Plain JS = bench/reference-lod.ts, the in-place step the solver started from (≈ ${mega(PLAIN_JS_ROWWISE)}/s on the anchors' machine). Fallbacks give the same bits, for engines without SIMD or WebAssembly. Strips: the solver scheduled as in the engine (a field's columns, then the next field's rows, between barriers), fastest of ${STRIP_ROUNDS}; apart: each thread sweeping a lattice of its own, sharing nothing (the most any split of one lattice could give); copy: the same threads only copying the fields out and back, how far the memory system scales; arithmetic: the same threads only computing in registers, how far the cores scale.`,
    `Engine: ${ENGINE_WARMUP_STEPS} warm-up steps on a prebuilt tissue, then the fastest of ${ENGINE_ROUNDS} rounds of ${ENGINE_STEPS[256]} (256²), ${ENGINE_STEPS[512]} (512²) or ${ENGINE_STEPS[1024]} (1024², after ${ENGINE_WARMUP_1024} warm-up steps) timed steps; build times ${
      engine
        .filter((e) => e.tissue === "generated" && e.workers === 1)
        .map((e) => `${e.grid}² ${e.preset} ${e.setup_s.toFixed(1)} s`)
        .join(", ") || "skipped"
    }. Memory = state arrays + engine scratch + solver working memory.`,
    `Anchors: ${ANCHOR_SOURCE}.`,
    `CPU share while timing ${(100 * meta.cpu_share).toFixed(0)} %; load average (1 min) before/after ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)} on ${meta.cpus} CPUs.${busy ? " WARNING: other processes took CPU time from the timed code; these timings are low and noisy." : ""}`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
}
