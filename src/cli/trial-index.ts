/**
 * public/trials/index.json: the published trial replicas the page's Experiment panel offers (it
 * fetches this list, then the chosen file). Written by `npm run docs`; test/docs fails when it is stale.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseTrial } from "../study/trial-file";
import { trialEntry } from "../study/trial-index";

export const TRIALS_DIR = resolve(import.meta.dirname, "../../public/trials");
const INDEX = "index.json";

export function trialIndex(dir = TRIALS_DIR): Record<string, string> {
  const trials = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== INDEX)
    .sort()
    .map((file) => trialEntry(file, parseTrial(JSON.parse(readFileSync(resolve(dir, file), "utf8")), file)));
  return { "public/trials/index.json": `${JSON.stringify({ trials }, null, 2)}\n` };
}
