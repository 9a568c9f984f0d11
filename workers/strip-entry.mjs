// A strip worker thread: loads strip.node-worker.ts as a bundle (src/cli/node-bundle.mjs says why).
import { importBundled } from "../src/cli/node-bundle.mjs";

await importBundled("workers/strip.node-worker.ts");
