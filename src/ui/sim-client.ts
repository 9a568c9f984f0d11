/**
 * The page's handle on the simulation worker: one serial queue of calls, a snapshot kept every few
 * simulated days, and recovery — when the worker dies or a call fails, a new worker is started from
 * the last good snapshot (or from the scenario if there is none yet).
 */
import * as Comlink from "comlink";
import type { GenerationProgress } from "../model/disease/stage-generator";
import type { CellRecord } from "../model/metrics/cell-record";
import type { CellQuery, FrameView, LoadResult, SimApi, StepResult, ThreadInfo } from "../sim/api";
import { startSimWorker, takeEarlyWorker } from "./early-workers";

/** Simulated days between recovery snapshots (a snapshot of a 256² run is ≈ 4 MB; only the last is kept). */
const SNAPSHOT_EVERY_DAYS = 5;

export type Recovery = { kind: "snapshot"; day: number } | { kind: "fresh" } | { kind: "failed"; message: string };

/** A failed call whose worker has already been restarted and reported through `onFailure`. */
export class WorkerFailure extends Error {
  override name = "WorkerFailure";
}

export interface FailureReport {
  message: string;
  recovery: Recovery;
}

function messageOf(e: unknown): string {
  if (e instanceof ErrorEvent) return e.message || "worker error";
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

export class SimClient {
  private worker!: Worker;
  private remote!: Comlink.Remote<SimApi>;
  /** Rejects every call in flight when the worker itself dies (comlink would wait forever). */
  private died!: Promise<never>;
  private queue: Promise<unknown> = Promise.resolve();
  private snapshot: { bytes: Uint8Array; day: number } | null = null;
  private lastSnapshotDay = Number.NEGATIVE_INFINITY;
  private lastDoc: unknown = null;
  private recovering = false;
  /** Failures since the last call that succeeded: a second one in a row means restarting does not help. */
  private failuresInARow = 0;
  /** Threads asked for; a restarted worker is asked again before it restores. */
  private threads = 1;

  constructor(private readonly onFailure: (report: FailureReport) => void) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = takeEarlyWorker() ?? startSimWorker();
    this.remote = Comlink.wrap<SimApi>(this.worker);
    // The site's prebuilt stages (the worker's own address is not the page's: assets/ in a build).
    this.remote.setStageBase(new URL("stages/", document.baseURI).href).catch(() => undefined);
    this.died = new Promise<never>((_, reject) => {
      this.worker.addEventListener("error", (e) => {
        e.preventDefault();
        reject(new Error(messageOf(e)));
      });
      this.worker.addEventListener("messageerror", () =>
        reject(new Error("a message from the worker could not be read")),
      );
    });
    this.died.catch(() => undefined);
  }

  /** Runs calls one after another; a failure triggers recovery and is rethrown to the caller. */
  private call<T>(fn: (api: Comlink.Remote<SimApi>) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      try {
        const result = await Promise.race([fn(this.remote), this.died]);
        this.failuresInARow = 0;
        return result;
      } catch (e) {
        await this.recover(messageOf(e));
        throw new WorkerFailure(messageOf(e));
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async recover(message: string): Promise<void> {
    if (this.recovering) return;
    this.recovering = true;
    try {
      this.worker.terminate();
      this.spawn();
      let recovery: Recovery;
      this.failuresInARow++;
      try {
        if (this.threads > 1) await Promise.race([this.remote.setThreads(this.threads), this.died]);
        if (this.failuresInARow > 1) recovery = { kind: "failed", message: "it failed again right after a restart" };
        else if (this.snapshot) {
          await Promise.race([this.remote.restore(this.snapshot.bytes), this.died]);
          recovery = { kind: "snapshot", day: this.snapshot.day };
        } else if (this.lastDoc !== null) {
          await Promise.race([this.remote.load(this.lastDoc), this.died]);
          recovery = { kind: "fresh" };
        } else recovery = { kind: "failed", message: "nothing to restart from" };
      } catch (e) {
        recovery = { kind: "failed", message: messageOf(e) };
      }
      this.onFailure({ message, recovery });
    } finally {
      this.recovering = false;
    }
  }

  /**
   * `daySnapshot`: take the day-0 snapshot of a new tissue now (the split view copies it to its
   * other pane); otherwise the caller takes it with `keepDayZeroSnapshot` once the tissue is shown.
   */
  async load(
    doc: unknown,
    keepTissue: boolean,
    onProgress?: (p: GenerationProgress) => void,
    daySnapshot = true,
  ): Promise<LoadResult> {
    const r = await this.call((api) =>
      api.load(doc, { keepTissue }, onProgress ? Comlink.proxy(onProgress) : undefined),
    );
    this.lastDoc = doc;
    if (r.regenerated) {
      this.snapshot = null;
      this.lastSnapshotDay = Number.NEGATIVE_INFINITY;
      if (daySnapshot) await this.keepSnapshot(0);
    }
    return r;
  }

  /** A new run of `doc` from its prebuilt (or already generated) stage, or null if it has none; nothing is generated. */
  async loadPrebuilt(doc: unknown): Promise<LoadResult | null> {
    const r = await this.call((api) => api.loadPrebuilt(doc));
    if (r) {
      this.lastDoc = doc;
      this.snapshot = null;
      this.lastSnapshotDay = Number.NEGATIVE_INFINITY;
    }
    return r;
  }

  /** The day-0 snapshot of a tissue loaded without one (call before any step). */
  async keepDayZeroSnapshot(): Promise<void> {
    if (!this.snapshot) await this.keepSnapshot(0);
  }

  /** Starts this worker from another run's snapshot (the split view's second pane); kept for recovery too. */
  async restore(bytes: Uint8Array): Promise<LoadResult> {
    const r = await this.call((api) => api.restore(bytes));
    this.snapshot = { bytes, day: r.metrics.day };
    this.lastSnapshotDay = r.metrics.day;
    return r;
  }

  /** Threads for this pane's run (strips over shared memory; same numbers, other speed). */
  async setThreads(n: number): Promise<ThreadInfo> {
    const info = await this.call((api) => api.setThreads(n));
    this.threads = n;
    return info;
  }

  hash(): Promise<string> {
    return this.call((api) => api.hash());
  }

  /** The snapshot kept for recovery (taken at day 0 of every new tissue), if any. */
  lastSnapshot(): Uint8Array | null {
    return this.snapshot?.bytes ?? null;
  }

  async step(n: number): Promise<StepResult> {
    const r = await this.call((api) => api.step(n));
    if (r.day - this.lastSnapshotDay >= SNAPSHOT_EVERY_DAYS) await this.keepSnapshot(r.day);
    return r;
  }

  frame(fieldIndices: number[]): Promise<FrameView> {
    return this.call((api) => api.frame(fieldIndices));
  }

  /** One cell's record (Follow a cell), or null when there is none. */
  inspect(query: CellQuery): Promise<CellRecord | null> {
    return this.call((api) => api.inspect(query));
  }

  history() {
    return this.call((api) => api.history());
  }

  private async keepSnapshot(day: number): Promise<void> {
    const bytes = await this.call((api) => api.snapshot());
    this.snapshot = { bytes, day };
    this.lastSnapshotDay = day;
  }

  /** For tests and the fuzz mode: a genuine rejected call inside the worker (an out-of-range step count). */
  failForTest(): Promise<unknown> {
    return this.call((api) => api.step(-1)).catch(() => undefined);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
