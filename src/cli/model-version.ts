/**
 * The model build's version: a hash of what shapes the numbers (the model's source and the preset
 * files). The page reads it as `virtual:hepatosim-model-version` (vite.config.ts); it keys the
 * page's stored stages and names the prebuilt stage files (src/cli/stages-build.ts).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/** Folders (relative to the project root) whose files shape the numbers. */
export const MODEL_SOURCE_DIRS = ["src/model", "public/scenarios"];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** 16 hex digits of a SHA-256 over the model's files (path and bytes, in sorted order) under `root`. */
export function modelVersionOf(root: string): string {
  const hash = createHash("sha256");
  const files = MODEL_SOURCE_DIRS.map((d) => resolve(root, d))
    .flatMap(listFiles)
    .sort();
  for (const file of files) hash.update(`${relative(root, file)}\0`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}
