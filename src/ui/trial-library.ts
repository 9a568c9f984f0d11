/**
 * The published trial replicas (public/trials) beside the page: the list (trials/index.json, written
 * by `npm run docs`) and each file, fetched when the Experiment panel's *Clinical trial* choice is
 * first opened. Relative URLs, so the site works from any folder of a static host.
 */
import type { TrialEntry } from "../study/trial-index";
import { pageTrialIndex } from "./experiment-trial";

async function json(url: string): Promise<unknown> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

export async function loadTrialIndex(base = "trials/"): Promise<TrialEntry[]> {
  return pageTrialIndex(await json(`${base}index.json`));
}

export async function loadTrialFile(file: string, base = "trials/"): Promise<unknown> {
  return json(`${base}${encodeURIComponent(file)}`);
}
