/** The simulation worker: exposes src/sim/api through comlink (browser Web Worker). */
import * as Comlink from "comlink";
import { createSimApi } from "../src/sim/api";

Comlink.expose(createSimApi());
