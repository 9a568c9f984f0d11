/**
 * Solver on K threads over shared memory, scheduled as the partitioned engine schedules it (without
 * the rest of the step): the threads sweep the rows of field 0, meet at a barrier, then sweep the
 * columns of field f and the rows of field f + 1 before the next barrier, so a field is still in
 * cache when its columns are swept (n + 1 barriers per step for n fields); each thread takes its
 * own strip's and block's chunks first, then what is left of the others' (src/sim/parallel/chunks.ts).
 * Party 0 is the calling thread; this file is also the body of the helper threads
 * (bench/solver-strip-entry.mjs).
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { fieldPitch } from "../src/model/fields/layout";
import { fieldViews } from "../src/model/fields/memory-layout";
import { INCREMENT_SLOTS } from "../src/model/fields/field-set";
import {
  createFieldMemory,
  type DiffusionOperator,
  type FieldMemory,
  makeDiffusionOperator,
  ownFieldSet,
  plainFieldSet,
  sharedFieldSet,
} from "../src/model/fields/solver";
import { barrier, CTRL, ranges } from "../src/sim/parallel/barrier";
import { type ChunkPlan, shareInterval } from "../src/sim/parallel/chunks";
import { ANCHOR_SOLVER_PARAMS } from "./anchors";
import { fillField } from "./solver-bench";

interface StripJob {
  /**
   * Sweep the fields; or only copy them (the memory system's own scaling); or only do arithmetic in
   * registers, as much per thread as its share of the sweeps (how far the cores themselves scale);
   * or each thread sweeps all the fields of a lattice of its own, sharing nothing (what any split
   * of one lattice could reach at best).
   */
  kind: "solver" | "copy" | "arithmetic" | "independent";
  grid: number;
  fields: number;
  parties: number;
  me: number;
  steps: number;
  /** The fields in one shared WebAssembly memory (swept in place), as the engine holds them; else one buffer. */
  memory: FieldMemory | null;
  data: SharedArrayBuffer | null;
  /** Copy target (kind "copy"). */
  scratch: SharedArrayBuffer | null;
  ctrl: SharedArrayBuffer;
}

/** Untimed steps first, on every thread. */
const WARMUP_STEPS = 4;

/** Returns the seconds from the barrier after the warm-up steps (every thread started and warm) to the end. */
function sweep(job: StripJob): number {
  const { grid, fields, parties, me, steps } = job;
  const { diffusion, decay, dx, dt } = ANCHOR_SOLVER_PARAMS;
  const op = makeDiffusionOperator(grid, grid, diffusion, decay, dx, dt);
  const pitch = fieldPitch(grid);
  const set = job.memory
    ? sharedFieldSet(job.memory, grid, grid, pitch, fields, me)
    : plainFieldSet(
        Array.from({ length: fields }, (_, f) => new Float32Array(job.data!, f * pitch * grid * 4, pitch * grid)),
        grid,
        grid,
      );
  const arrays = set.arrays;
  const ctrl = new Int32Array(job.ctrl);
  const plan: ChunkPlan = { me, parties, ctrl, rowRanges: ranges(grid, parties), colRanges: ranges(grid, parties) };
  if (job.kind === "copy") return copyRows(arrays, job.scratch!, pitch, plan.rowRanges[me]!, steps, ctrl, parties);
  if (job.kind === "arithmetic") return arithmetic((grid * grid * fields) / parties, steps, ctrl, parties);
  if (job.kind === "independent") return independent(grid, fields, op, steps, ctrl, parties);
  const step = () => {
    let columns: ((x0: number, x1: number) => void) | null = null;
    for (let f = 0; f < fields; f++) {
      shareInterval(plan, columns, (y0, y1) => set.diffuseRows(f, op, y0, y1));
      barrier(ctrl, parties);
      columns = (x0, x1) => set.diffuseColumns(f, op, x0, x1);
    }
    shareInterval(plan, columns, null);
    barrier(ctrl, parties);
  };
  // A fresh helper thread compiles and optimises this code on its first steps: leave them untimed.
  for (let s = 0; s < WARMUP_STEPS; s++) step();
  barrier(ctrl, parties);
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) step();
  return (performance.now() - t0) / 1000;
}

/** Copies this thread's rows (`pitch` values each) of every field to a scratch buffer and back, `steps` times (one barrier per step, as a solver step ends). */
function copyRows(
  arrays: Float32Array[],
  scratch: SharedArrayBuffer,
  pitch: number,
  [y0, y1]: readonly [number, number],
  steps: number,
  ctrl: Int32Array,
  parties: number,
): number {
  const spare = arrays.map((a, f) => new Float32Array(scratch, f * a.byteLength, a.length));
  const step = () => {
    arrays.forEach((a, f) => {
      spare[f]!.set(a.subarray(y0 * pitch, y1 * pitch), y0 * pitch);
      a.set(spare[f]!.subarray(y0 * pitch, y1 * pitch), y0 * pitch);
    });
    barrier(ctrl, parties);
  };
  for (let s = 0; s < WARMUP_STEPS; s++) step();
  barrier(ctrl, parties);
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) step();
  return (performance.now() - t0) / 1000;
}

/** `perStep` multiply-adds on two registers per step (one barrier per step): no memory traffic at all. */
function arithmetic(perStep: number, steps: number, ctrl: Int32Array, parties: number): number {
  let carry = 0;
  const step = () => {
    let b = carry;
    for (let i = 0; i < perStep; i++) b = b * 0.999999 + 1.000001;
    carry = b * 1e-30; // keeps the loop's result live
    barrier(ctrl, parties);
  };
  for (let s = 0; s < WARMUP_STEPS; s++) step();
  barrier(ctrl, parties);
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) step();
  return (performance.now() - t0) / 1000;
}

/** Steps of every field of a lattice of this thread's own (in its own WebAssembly memory, as a one-thread run holds them); one barrier per step keeps the threads side by side. */
function independent(
  grid: number,
  fields: number,
  op: DiffusionOperator,
  steps: number,
  ctrl: Int32Array,
  parties: number,
): number {
  const pitch = fieldPitch(grid);
  const own = ownFieldSet(
    Array.from({ length: fields }, (_, f) => {
      const a = new Float32Array(pitch * grid);
      fillField(a, f + 1);
      return a;
    }),
    grid,
    grid,
  );
  const step = () => {
    for (let f = 0; f < fields; f++) own.diffuse(f, op);
    barrier(ctrl, parties);
  };
  for (let s = 0; s < WARMUP_STEPS; s++) step();
  barrier(ctrl, parties);
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) step();
  return (performance.now() - t0) / 1000;
}

if (!isMainThread && (workerData as { solverStrip?: StripJob })?.solverStrip) {
  sweep((workerData as { solverStrip: StripJob }).solverStrip);
  parentPort!.postMessage("done");
}

const ENTRY = new URL("./solver-strip-entry.mjs", import.meta.url);

/**
 * Voxel-updates per second of `steps` steps of `fields` fields of grid² on `parties` threads; with
 * kind "copy", bytes per second read and written by copying the fields out and back instead.
 */
export async function benchSolverThreads(
  grid: number,
  fields: number,
  parties: number,
  steps: number,
  kind: StripJob["kind"] = "solver",
): Promise<number> {
  const pitch = fieldPitch(grid); // rows padded as runs pad them
  // The field set keeps its increment arrays after the fields (fields/field-set.ts).
  const memory = createFieldMemory(grid, grid, pitch, fields + INCREMENT_SLOTS, parties);
  const data = memory ? null : new SharedArrayBuffer(fields * pitch * grid * 4);
  const views = memory ? fieldViews(memory, pitch, grid, fields) : [new Float32Array(data!)];
  for (const view of views) fillField(view, 0);
  const ctrl = new SharedArrayBuffer(CTRL.length * 4);
  const scratch = kind === "copy" ? new SharedArrayBuffer(fields * pitch * grid * 4) : null;
  const job = (me: number): StripJob => ({ kind, grid, fields, parties, me, steps, memory, data, scratch, ctrl });
  const helpers = Array.from(
    { length: parties - 1 },
    (_, i) => new Worker(ENTRY, { workerData: { solverStrip: job(i + 1) } }),
  );
  const finished = helpers.map(
    (w) =>
      new Promise<void>((ok, fail) => {
        w.once("message", () => ok());
        w.once("error", fail);
      }),
  );
  // Party 0 blocks in Atomics.wait: the helpers' "done" messages are read after it returns.
  const seconds = sweep(job(0));
  await Promise.all(finished);
  for (const w of helpers) await w.terminate();
  return (
    ((kind === "copy" ? 16 * pitch * grid : kind === "independent" ? parties * grid * grid : grid * grid) *
      fields *
      steps) /
    seconds
  );
}
