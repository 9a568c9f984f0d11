/** What the tests take from the bundled model (test/bundled-model.ts). */
export { withInvariantChecks } from "../src/model/invariants";
export { createSimulation } from "../src/model/simulation";
export { createCachedSimulation } from "../src/sim/stage-store";
