/** A helper strip thread on Node worker_threads: builds its shared view, says ready, serves steps. */
import { writeSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import type { StripInit } from "../src/sim/parallel/coordinator";
import { prepareStrip } from "../src/sim/parallel/helper";

const strip = prepareStrip(workerData as StripInit);
parentPort!.postMessage("ready");
try {
  strip.run();
} catch (e) {
  // The coordinator reports the failure to the caller; keep the cause visible for the log.
  writeSync(2, `strip worker ${(workerData as StripInit).me}: ${e instanceof Error ? e.stack : String(e)}\n`);
  throw e;
}
