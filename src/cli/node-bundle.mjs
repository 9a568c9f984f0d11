// Node cannot run the TypeScript sources by itself. Through tsx every process and worker thread
// transforms each file again as it starts; Vitest's module runner also turns every imported binding
// into a property getter, which in the simulation's inner loops costs about half the time. The
// browser runs a bundle (Vite), where imports are plain variables. This module gives Node the same:
// it bundles an entry with esbuild (each file's `import.meta.url` kept as its own source location,
// so relative file paths still work) into node_modules/.cache/hepatosim/, keyed by a hash of the
// sources, and returns the bundle's URL.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** Folders whose TypeScript can end up in a Node bundle (tests bundle the model too: test/bundled-model.ts). */
const SOURCE_DIRS = ["src", "workers", "bench", "test"];
const CACHE = join(ROOT, "node_modules", ".cache", "hepatosim");

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : /\.(ts|mjs|json)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

let sourcesHash;
/** A hash of every source file (path and bytes) and the bundler's version: a bundle is rebuilt when any changes. */
function hashSources(esbuildVersion) {
  if (sourcesHash) return sourcesHash;
  const hash = createHash("sha256").update(`${esbuildVersion}\0${process.version}\0`);
  const files = SOURCE_DIRS.map((d) => join(ROOT, d))
    .filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(listFiles)
    .sort();
  for (const f of files) hash.update(`${relative(ROOT, f)}\0`).update(readFileSync(f));
  sourcesHash = hash.digest("hex").slice(0, 16);
  return sourcesHash;
}

/** Keeps each file's own `import.meta.url` / `import.meta.dirname` (a bundle would otherwise give its own). */
const keepImportMeta = {
  name: "keep-import-meta",
  setup(build) {
    build.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta")) return undefined;
      const contents = text
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)));
      return { contents, loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};

/**
 * The URL of a bundle of `entry` (a path relative to the project root), built if its sources changed.
 * Concurrent callers (worker threads, test workers) may build the same bundle; each writes a private
 * file and renames it into place, so a reader never sees half a file.
 */
export async function nodeBundle(entry) {
  const esbuild = await import("esbuild");
  const name = `${entry.replace(/[/\\.]/g, "_")}-${hashSources(esbuild.version)}.mjs`;
  const out = join(CACHE, name);
  if (!statSync(out, { throwIfNoEntry: false })) {
    mkdirSync(CACHE, { recursive: true });
    const result = await esbuild.build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      write: false,
      logLevel: "silent",
      plugins: [keepImportMeta],
    });
    const temp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, result.outputFiles[0].contents);
    renameSync(temp, out);
  }
  return pathToFileURL(out).href;
}

/**
 * Imports `entry` bundled, or through tsx when it cannot be bundled here (no esbuild, a read-only
 * folder): slower, same numbers. HEPATOSIM_NO_BUNDLE=1 forces tsx (to compare the two).
 */
export async function importBundled(entry) {
  if (process.env.HEPATOSIM_NO_BUNDLE !== "1") {
    let url;
    try {
      url = await nodeBundle(entry);
    } catch (e) {
      process.emitWarning(`hepatosim: running ${entry} without a bundle (${e instanceof Error ? e.message : e})`);
    }
    if (url) return import(url);
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(join(ROOT, entry)).href);
}
