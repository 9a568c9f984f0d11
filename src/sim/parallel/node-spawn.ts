/** Node: helper strip threads on worker_threads (imported only by Node code: CLI, tests, bench). */
import { Worker } from "node:worker_threads";
import type { SpawnStrip } from "./coordinator";

const ENTRY = new URL("../../../workers/strip-entry.mjs", import.meta.url);

export const spawnNodeStrip: SpawnStrip = (init) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(ENTRY, { workerData: init });
    worker.once("message", (m) => {
      if (m === "ready") resolve({ terminate: () => void worker.terminate() });
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`strip worker exited with code ${code}`));
    });
  });
