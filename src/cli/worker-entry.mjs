// Worker threads start without the main thread's tsx loader: register it here, then load the
// TypeScript worker. (Passing `--import tsx` in execArgv does not reach a worker's entry on Node 20.)
import { register } from "tsx/esm/api";

register();
await import("../../workers/sim.node-worker.ts");
