/** What the tests take from the bundled model (test/bundled-model.ts). */
export { createSimulation } from "../src/model/simulation";
