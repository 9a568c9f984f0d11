/** Browser: helper strip threads as Web Workers (started from the simulation worker, over shared memory). */
import type { SpawnStrip } from "./coordinator";

export const spawnWebStrip: SpawnStrip = (init) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("../../../workers/strip.worker.ts", import.meta.url), {
      type: "module",
      name: `hepatosim-strip-${init.me}`,
    });
    worker.addEventListener("message", (e: MessageEvent) => {
      if (e.data === "ready") resolve({ terminate: () => worker.terminate() });
    });
    worker.addEventListener("error", (e: ErrorEvent) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(`strip worker ${init.me}: ${e.message || "failed to start"}`));
    });
    worker.postMessage(init);
  });
