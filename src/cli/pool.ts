/**
 * Simulation workers on Node worker_threads, each running workers/sim.node-worker.ts (the same
 * createSimApi() the browser worker exposes) through comlink. A worker that dies fails only the run
 * it was doing and is replaced; aborting terminates every worker at once.
 */
import { Worker } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type { SimApi } from "../sim/api";

export type RemoteSim = Comlink.Remote<SimApi>;

interface Thread {
  worker: Worker;
  api: RemoteSim;
  /** Rejects when the thread exits or throws outside a call. */
  died: Promise<never>;
  dead: boolean;
}

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);

function startThread(): Thread {
  const worker = new Worker(ENTRY);
  const thread = { worker, api: Comlink.wrap<SimApi>(nodeEndpoint(worker)), dead: false } as Thread;
  thread.died = new Promise<never>((_, reject) => {
    worker.once("error", (e) => {
      thread.dead = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      thread.dead = true;
      reject(new Error(`simulation worker stopped (exit code ${code})`));
    });
  });
  thread.died.catch(() => undefined);
  return thread;
}

/** One worker slot: started lazily, restarted after a crash. */
export class SimWorker {
  private thread: Thread | null = null;
  private stopped = false;

  /** Calls into the worker; rejects if the worker dies meanwhile. */
  async use<T>(fn: (api: RemoteSim) => Promise<T>): Promise<T> {
    if (this.stopped) throw new Error("simulation worker was stopped");
    if (!this.thread || this.thread.dead) this.thread = startThread();
    const thread = this.thread;
    return Promise.race([fn(thread.api), thread.died]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const t = this.thread;
    this.thread = null;
    if (t && !t.dead) await t.worker.terminate();
  }
}

/**
 * Runs `execute` over the groups with at most `k` workers; each group runs on one worker, in order.
 * Groups are taken in order; on abort no new group starts and running workers are terminated.
 */
export async function runOnWorkers<G>(
  groups: readonly G[],
  k: number,
  execute: (worker: SimWorker, group: G) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const workers = Array.from({ length: Math.max(1, Math.min(k, groups.length)) }, () => new SimWorker());
  const stopAll = () => Promise.all(workers.map((w) => w.stop()));
  const onAbort = () => void stopAll();
  signal.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  try {
    await Promise.all(
      workers.map(async (w) => {
        while (!signal.aborted && next < groups.length) await execute(w, groups[next++]!);
      }),
    );
  } finally {
    signal.removeEventListener("abort", onAbort);
    await stopAll();
  }
}
