/**
 * The science tests' stage cache. At 64² a run of 14 days costs about a tenth of generating its
 * day-0 stage, and many test files start from the same stages (early cirrhosis, seeds 1–10), so
 * generated stages are kept in this process and in files under .cache/test-stages, in the prebuilt
 * stage format (src/sim/stage-file.ts) named by the model build and the stage key. Test files
 * running in parallel or one after another then generate each stage once. A loaded stage gives the
 * numbers of a generated one (test/sim/stage-store.test.ts, test/sim/prebuilt-stage.test.ts);
 * stage generation itself is tested there and in test/model/determinism.test.ts.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../src/cli/atomic";
import { modelVersionOf } from "../../src/cli/model-version";
import { cloneTissue } from "../../src/model/lattice/state";
import type { GeneratedStage, StageCache } from "../../src/model/simulation";
import { prebuiltKey, stageFileName } from "../../src/sim/prebuilt-stages";
import { decodeStage, encodeStage } from "../../src/sim/stage-file";

const ROOT = resolve(import.meta.dirname, "../..");
const DIR = join(ROOT, ".cache", "test-stages");
const VERSION = modelVersionOf(ROOT);

// Files of other model builds can never be used again.
if (existsSync(DIR))
  for (const name of readdirSync(DIR)) if (!name.startsWith(`${VERSION}-`)) rmSync(join(DIR, name), { force: true });

const memory = new Map<string, GeneratedStage>();

export const testStages: StageCache = {
  get(s) {
    const key = prebuiltKey(VERSION, s);
    const kept = memory.get(key);
    if (kept) return kept;
    const file = join(DIR, stageFileName(VERSION, s));
    if (!existsSync(file)) return undefined;
    const decoded = decodeStage(readFileSync(file));
    // The file name is a hash of the key; the file repeats the key.
    if (decoded.key !== key) return undefined;
    memory.set(key, decoded.stage);
    return decoded.stage;
  },
  put(s, stage) {
    // Healthy tissue is made in well under a second.
    if (stage.generationSteps === 0) return;
    const key = prebuiltKey(VERSION, s);
    const kept = { ...stage, tissue: cloneTissue(stage.tissue) };
    memory.set(key, kept);
    writeFileAtomic(join(DIR, stageFileName(VERSION, s)), encodeStage(key, kept));
  },
};
