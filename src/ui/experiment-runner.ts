/**
 * Runs the runs of a plan on a few Web Workers — each the page's own simulation worker
 * (workers/sim.worker.ts, the same createSimApi() the CLI's Node threads run) — stepping a day at a
 * time as the CLI does, with progress, cancel, and a failed run recorded without stopping the rest.
 * Each run's rows are read back exactly as the CLI reads its timeseries.csv, so the combined tables
 * come out byte for byte the same.
 */
import * as Comlink from "comlink";
import type { GenerationProgress } from "../model/disease/stage-generator";
import type { Readouts } from "../model/metrics/readouts";
import type { SimApi } from "../sim/api";
import { parseCsv } from "../study/csv";
import { groupRuns, type Plan, type RunSpec } from "../study/plan";
import { type RunStatus, timeseriesCsv } from "../study/tables";

/** Most workers the panel starts: each holds a whole simulation, and the page's own run needs a core too. */
export const MAX_EXPERIMENT_WORKERS = 4;

/** One core left for the page: hardwareConcurrency − 1, at least 2 (1 when there is one run) and at most 4. */
export function defaultWorkerCount(hardwareConcurrency: number | undefined): number {
  const cores = hardwareConcurrency && hardwareConcurrency > 0 ? hardwareConcurrency : 2;
  return Math.min(MAX_EXPERIMENT_WORKERS, Math.max(2, cores - 1));
}

export interface RunProgress {
  runId: string;
  /** 1-based worker number. */
  worker: number;
  phase: "generating" | "running";
  /** Day reached (running) or weeks of chronic injury (generating). */
  at: number;
  /** Run length in days (running) or the generator's rough fraction done (generating). */
  of: number;
  /** Rough fraction of this run done, 0–1. */
  fraction: number;
}

export interface BatchProgress {
  done: number;
  failed: number;
  total: number;
  /** Rough fraction of the whole batch done, 0–1. */
  fraction: number;
  running: RunProgress[];
}

export interface BatchOutcome {
  cancelled: boolean;
  /** Every finished run (ok or error) by run id. */
  statuses: Map<string, RunStatus>;
  workers: number;
  wallTimeS: number;
}

/** A run's rows as the CLI has them: written as timeseries.csv, then read back as text. */
export function rowsAsWritten(history: readonly Readouts[]): string[][] {
  return parseCsv(timeseriesCsv(history)).rows;
}

function messageOf(e: unknown): string {
  if (e instanceof ErrorEvent) return e.message || "simulation worker failed";
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

class Cancelled extends Error {}

/** One worker, started on first use and started again after it dies. */
class WorkerSlot {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<SimApi> | null = null;
  private died!: Promise<never>;

  constructor(private readonly stopped: Promise<never>) {}

  private spawn(): void {
    const worker = new Worker(new URL("../../workers/sim.worker.ts", import.meta.url), {
      type: "module",
      name: "hepatosim-experiment",
    });
    this.worker = worker;
    this.remote = Comlink.wrap<SimApi>(worker);
    this.died = new Promise<never>((_, reject) => {
      worker.addEventListener("error", (e) => {
        e.preventDefault();
        worker.terminate();
        if (this.worker === worker) this.worker = null;
        reject(new Error(messageOf(e)));
      });
    });
    this.died.catch(() => undefined);
  }

  use<T>(fn: (api: Comlink.Remote<SimApi>) => Promise<T>): Promise<T> {
    if (!this.worker) this.spawn();
    return Promise.race([fn(this.remote!), this.died, this.stopped]);
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

/**
 * Runs every run of the plan on `workerCount` workers (each finished run's history to `onHistory`) (runs of one group on one worker, in order;
 * groups taken in plan order). Cancelling terminates the workers at once; finished runs are kept
 * in the outcome, but the caller makes tables only from a complete batch, as the CLI does.
 */
export async function runPlan(
  plan: Pick<Plan, "runs">,
  workerCount: number,
  signal: AbortSignal,
  onProgress: (p: BatchProgress) => void,
  onHistory?: (spec: RunSpec, history: Readouts[]) => void,
): Promise<BatchOutcome> {
  const t0 = performance.now();
  const groups = groupRuns(plan.runs);
  const stopped = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new Cancelled());
    signal.addEventListener("abort", () => reject(new Cancelled()), { once: true });
  });
  stopped.catch(() => undefined);
  const slots = Array.from(
    { length: Math.max(1, Math.min(workerCount, groups.length)) },
    () => new WorkerSlot(stopped),
  );
  const statuses = new Map<string, RunStatus>();
  const running = new Map<number, RunProgress>();
  let failed = 0;

  const report = () => {
    const partial = [...running.values()].reduce((sum, r) => sum + r.fraction, 0);
    const total = plan.runs.length;
    onProgress({
      done: statuses.size,
      failed,
      total,
      fraction: total ? Math.min(1, (statuses.size + partial) / total) : 1,
      running: [...running.values()],
    });
  };

  const execute = async (slot: WorkerSlot, worker: number, spec: RunSpec) => {
    const progress = (p: RunProgress) => {
      running.set(worker, p);
      report();
    };
    progress({ runId: spec.runId, worker, phase: "running", at: 0, of: spec.doc.days ?? 0, fraction: 0 });
    try {
      const history = await slot.use(async (api) => {
        // The stage generator's weeks count for the first half of a run that has them.
        let generated = false;
        const onGeneration = Comlink.proxy((g: GenerationProgress) => {
          generated = true;
          progress({
            runId: spec.runId,
            worker,
            phase: "generating",
            at: g.weeks,
            of: g.fraction,
            // The settle after the target reports its own fraction: the generation's half is done by then.
            fraction: 0.5 * Math.min(1, g.settle ? 1 : g.fraction),
          });
        });
        const load = await api.load(spec.doc, { stageFrom: spec.stageDoc }, onGeneration);
        const start = generated ? 0.5 : 0;
        const days = load.totalSteps / load.stepsPerDay;
        let done = load.totalSteps === 0;
        while (!done) {
          const r = await api.step(load.stepsPerDay);
          progress({
            runId: spec.runId,
            worker,
            phase: "running",
            at: r.day,
            of: days,
            fraction: start + (1 - start) * (r.step / load.totalSteps),
          });
          done = r.done;
        }
        return api.history();
      });
      onHistory?.(spec, history);
      statuses.set(spec.runId, { status: "ok", rows: rowsAsWritten(history) });
    } catch (e) {
      if (e instanceof Cancelled || signal.aborted) throw new Cancelled();
      failed++;
      statuses.set(spec.runId, { status: "error", message: messageOf(e) });
    } finally {
      running.delete(worker);
      report();
    }
  };

  let next = 0;
  try {
    await Promise.all(
      slots.map(async (slot, i) => {
        while (!signal.aborted && next < groups.length) {
          const group = groups[next++]!;
          for (const spec of group) await execute(slot, i + 1, spec);
        }
      }),
    );
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
  } finally {
    for (const s of slots) s.stop();
  }
  return { cancelled: signal.aborted, statuses, workers: slots.length, wallTimeS: (performance.now() - t0) / 1000 };
}
