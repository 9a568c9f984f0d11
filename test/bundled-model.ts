/**
 * The model as a bundle, for tests that spend minutes inside it. Vitest's module runner turns each
 * imported binding into a property getter, which doubles the time of the simulation's inner loops;
 * a bundle (src/cli/node-bundle.mjs) has plain variables, as the page's build does. Same source, same
 * numbers (test/bundled-model.test.ts compares a run both ways).
 */
import { nodeBundle } from "../src/cli/node-bundle.mjs";
import type * as Entry from "./bundled-model-entry";

export const bundled: typeof Entry = await import(/* @vite-ignore */ await nodeBundle("test/bundled-model-entry.ts"));
