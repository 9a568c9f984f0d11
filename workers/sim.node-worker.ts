/** The simulation worker for Node batch runs: exposes src/sim/api through comlink on worker_threads. */
import { parentPort } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { createSimApi } from "../src/sim/api";
import { spawnNodeStrip } from "../src/sim/parallel/node-spawn";

if (!parentPort) throw new Error("sim.node-worker must run in a worker thread");
// --threads: a run's lattice in strips on nested worker threads.
Comlink.expose(createSimApi({ spawn: spawnNodeStrip }), nodeEndpoint(parentPort));
