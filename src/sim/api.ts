/**
 * The worker-facing simulation API: plain async functions over one simulation, testable without a
 * worker. workers/sim.worker.ts exposes exactly this object through comlink; Node batch runs use it
 * through worker_threads. Frames cross to the page as copies of the typed arrays (transferable).
 */
import type { GenerationProgress } from "../model/disease/stage-generator";
import { createSimulation, type Simulation } from "../model/engine";
import { FIELDS } from "../model/fields/registry";
import { stateHash } from "../model/hash";
import type { Readouts } from "../model/metrics/readouts";
import { presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import type { Scenario } from "../model/params/scenario-schema";
import { InputError } from "../model/params/validation";
import { decodeSnapshot, encodeSnapshot, restoreSnapshot, takeSnapshot } from "../model/snapshot";
import { createParallelFromSnapshot, type ParallelSimulation, type SpawnStrip } from "./parallel/coordinator";

export interface LoadResult {
  scenario: Scenario;
  totalSteps: number;
  stepsPerDay: number;
  amplification: number;
  width: number;
  height: number;
  metrics: Readouts;
  /** True if the tissue was (re)generated, false if the change applied to the running tissue. */
  regenerated: boolean;
  /** What the stage generator did before day 0: steps of chronic injury and the CPA reached. */
  generation: { steps: number; weeks: number; cpaPercent: number };
}

export interface StepResult {
  step: number;
  day: number;
  done: boolean;
  metrics: Readouts;
  /** Daily rows added since the last call (for live charts). */
  newRows: Readouts[];
}

export interface FrameView {
  clock: number;
  step: number;
  day: number;
  width: number;
  height: number;
  amplification: number;
  cell: Uint8Array;
  state: Uint8Array;
  vessel: Uint8Array;
  damage: Float32Array;
  collagen: Float32Array;
  crosslink: Float32Array;
  /** Only the requested fields (by index), others omitted to keep frames small. */
  fields: Record<number, Float32Array>;
  metrics: Readouts;
}

/** Errors cross comlink as plain objects; keep what the page needs to show. */
export interface ApiErrorInfo {
  message: string;
  issues?: { path: string; value: string; allowed: string; message: string }[];
}

/** How many threads step the lattice, and why not more. */
export interface ThreadInfo {
  requested: number;
  /** Threads in use by the loaded simulation (1 before any load). */
  active: number;
  /** Why `active` < `requested`, or "" when it is not. */
  limitedBy: "" | "no-shared-memory" | "no-spawner" | "lattice";
}

/** Shared memory for strip threads: SharedArrayBuffer exists and (in a page) it is cross-origin isolated. */
export function sharedMemoryAvailable(): boolean {
  const g = globalThis as { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean; document?: unknown; WorkerGlobalScope?: unknown };
  if (typeof g.SharedArrayBuffer !== "function") return false;
  // Browsers (page or worker) expose crossOriginIsolated; Node has no such gate.
  return g.crossOriginIsolated === undefined ? true : g.crossOriginIsolated === true;
}

export const MAX_THREADS = 8;

export function errorInfo(e: unknown): ApiErrorInfo {
  if (e instanceof InputError) return { message: e.message, issues: e.issues };
  return { message: e instanceof Error ? e.message : String(e) };
}

/**
 * `spawn` starts helper strip threads (Web Workers in a page, worker_threads in Node); without it,
 * or without shared memory, every run uses one thread. Results are bit-identical either way.
 */
export function createSimApi(options: { spawn?: SpawnStrip } = {}) {
  let sim: Simulation | null = null;
  let rowsSent = 0;
  let threads = 1;
  let limitedBy: ThreadInfo["limitedBy"] = "";

  /** Moves a one-thread simulation onto `threads` strips when it can; closes the one it replaces. */
  const install = async (next: Simulation): Promise<void> => {
    let chosen = next;
    limitedBy = "";
    if (threads > 1) {
      if (!options.spawn) limitedBy = "no-spawner";
      else if (!sharedMemoryAvailable()) limitedBy = "no-shared-memory";
      else if (Math.min(next.state.tissue.width, next.state.tissue.height) < threads) limitedBy = "lattice";
      else chosen = await createParallelFromSnapshot(takeSnapshot(next), threads, options.spawn);
    }
    (sim as ParallelSimulation | null)?.close?.();
    sim = chosen;
  };
  const activeThreads = (): number => (sim as ParallelSimulation | null)?.workers ?? 1;
  const threadInfo = (): ThreadInfo => ({ requested: threads, active: activeThreads(), limitedBy });

  const need = (): Simulation => {
    if (!sim) throw new Error("no simulation loaded: call load() first");
    return sim;
  };

  const loadResult = (regenerated: boolean): LoadResult => {
    const s = need();
    return {
      scenario: s.state.scenario,
      totalSteps: s.totalSteps,
      stepsPerDay: s.state.derived.stepsPerDay,
      amplification: s.state.amplification,
      width: s.state.tissue.width,
      height: s.state.tissue.height,
      metrics: s.metrics(),
      regenerated,
      generation: {
        steps: s.state.baseline.generationSteps,
        weeks: s.state.baseline.generationSteps / s.state.derived.stepsPerDay / 7,
        cpaPercent: s.state.baseline.generationCpaPercent,
      },
    };
  };

  return {
    /** Validates and resolves a scenario document; keeps the running tissue when only therapy or rules changed. */
    /**
     * `progress` (through comlink: a Comlink.proxy) hears from the stage generator once per
     * simulated day while a disease stage is generated.
     */
    async load(input: unknown, loadOptions: { keepTissue?: boolean } = {}, progress?: (p: GenerationProgress) => void): Promise<LoadResult> {
      const scenario = resolveScenario(input, presetLookup);
      if (loadOptions.keepTissue && sim) {
        if (activeThreads() === 1 && sim.reconfigure(scenario)) return loadResult(false);
        if (activeThreads() > 1) {
          // Strip threads hold the old rules: continue on one thread, reconfigure, split again.
          const single = restoreSnapshot(takeSnapshot(sim));
          if (single.reconfigure(scenario)) {
            await install(single);
            return loadResult(false);
          }
        }
      }
      await install(createSimulation(scenario, { onProgress: progress }));
      rowsSent = 0;
      return loadResult(true);
    },

    async step(n: number): Promise<StepResult> {
      const s = need();
      if (!Number.isInteger(n) || n < 0 || n > 100000) throw new Error(`step count ${n}: allowed 0 … 100000`);
      s.step(n);
      const history = s.history();
      const newRows = history.slice(rowsSent);
      rowsSent = history.length;
      return { step: s.state.step, day: s.state.step / s.state.derived.stepsPerDay, done: s.done(), metrics: s.metrics(), newRows };
    },

    async history(): Promise<Readouts[]> {
      const h = need().history();
      rowsSent = h.length;
      return h;
    },

    /** Copies of the arrays the renderer needs, plus the requested fields. */
    async frame(fieldIndices: number[] = []): Promise<FrameView> {
      const s = need();
      const t = s.state.tissue;
      const fields: Record<number, Float32Array> = {};
      for (const i of fieldIndices) if (i >= 0 && i < FIELDS.length) fields[i] = t.fields[i]!.slice();
      return {
        clock: s.state.clock,
        step: s.state.step,
        day: s.state.step / s.state.derived.stepsPerDay,
        width: t.width,
        height: t.height,
        amplification: s.state.amplification,
        cell: t.cell.slice(),
        state: t.state.slice(),
        vessel: t.vessel.slice(),
        damage: t.damage.slice(),
        collagen: t.collagen.slice(),
        crosslink: t.crosslink.slice(),
        fields,
        metrics: s.metrics(),
      };
    },

    async hash(): Promise<string> {
      return stateHash(need().state);
    },

    async snapshot(): Promise<Uint8Array> {
      return encodeSnapshot(takeSnapshot(need()));
    },

    async restore(bytes: Uint8Array): Promise<LoadResult> {
      const next = restoreSnapshot(decodeSnapshot(bytes));
      await install(next);
      rowsSent = 0;
      return loadResult(true);
    },

    /**
     * Threads for this and later runs (1 … MAX_THREADS). A loaded simulation moves onto them at
     * once, from its current state; the numbers do not change, only the speed.
     */
    async setThreads(n: number): Promise<ThreadInfo> {
      if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new Error(`threads: ${n} is not allowed; allowed: 1 … ${MAX_THREADS}`);
      threads = n;
      if (sim && activeThreads() !== n) await install(activeThreads() > 1 ? restoreSnapshot(takeSnapshot(sim)) : sim);
      return threadInfo();
    },

    async threads(): Promise<ThreadInfo> {
      return threadInfo();
    },
  };
}

export type SimApi = ReturnType<typeof createSimApi>;
