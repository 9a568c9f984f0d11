// A simulation worker thread: loads workers/sim.node-worker.ts as a bundle (src/cli/node-bundle.mjs
// says why). Worker threads start without the main thread's loader, so each entry loads its own.
import { importBundled } from "./node-bundle.mjs";

await importBundled("workers/sim.node-worker.ts");
