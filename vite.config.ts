import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Plugin } from "vite";
import { MODEL_SOURCE_DIRS, modelVersionOf } from "./src/cli/model-version.ts";
import { defineConfig } from "vitest/config";

// COOP/COEP make the page cross-origin isolated so SharedArrayBuffer exists
// (multi-worker runs); the app falls back to one worker without them.
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/**
 * Content-Security-Policy of the built site (docs/reliability.md, "Page security"): scripts only
 * from the site itself, no inline script, no eval; WebAssembly allowed (the diffusion solver's
 * kernels; without it the solver falls back to slower JavaScript); style attributes allowed (the
 * legend's swatch colours), style sheets only from the site; no network beyond the site.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

/**
 * Libraries that generate code at run time unless told not to, and the module each import of them
 * resolves to in the build: Pixi's shader and uniform sync functions (`pixi.js/unsafe-eval` installs
 * static versions) and zod's JIT object parser (jitless, which also skips its `new Function` probe).
 */
const CSP_SHIMS: Record<string, string> = {
  "pixi.js": 'import "pixi.js/unsafe-eval";\nexport * from "pixi.js";\n',
  zod: 'import { config } from "zod";\nconfig({ jitless: true });\nexport * from "zod";\nexport { default } from "zod";\n',
};
const SHIM_PREFIX = "\0csp-shim:";

/** Build only: writes the policy into index.html and makes the libraries above respect it. */
function contentSecurityPolicy(): Plugin {
  return {
    name: "hepatosim-content-security-policy",
    apply: "build",
    enforce: "pre",
    resolveId(source, importer) {
      if (Object.hasOwn(CSP_SHIMS, source) && !importer?.startsWith(SHIM_PREFIX)) return SHIM_PREFIX + source;
      return null;
    },
    load(id) {
      return id.startsWith(SHIM_PREFIX) ? CSP_SHIMS[id.slice(SHIM_PREFIX.length)] : null;
    },
    transformIndexHtml: {
      order: "post",
      // Right after the charset, before any script or style sheet it must govern.
      handler(html) {
        const charset = /<meta charset="utf-8" \/>/i;
        if (!charset.test(html)) throw new Error("index.html: no <meta charset> to put the Content-Security-Policy after");
        return html.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
      },
    },
  };
}

const ROOT = resolve(import.meta.dirname);
const MODEL_SOURCES = MODEL_SOURCE_DIRS.map((d) => resolve(ROOT, d));
const MODEL_VERSION_ID = "virtual:hepatosim-model-version";

/**
 * `import { MODEL_VERSION } from "virtual:hepatosim-model-version"`: a hash of the model's source,
 * computed when the module is loaded and again after any model file changes (dev server). It keys
 * the page's stored disease stages, so a stage made by other code is never reused.
 */
function modelVersion(): Plugin {
  const resolved = `\0${MODEL_VERSION_ID}`;
  return {
    name: "hepatosim-model-version",
    resolveId: (id) => (id === MODEL_VERSION_ID ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      return `export const MODEL_VERSION = ${JSON.stringify(modelVersionOf(ROOT))};\n`;
    },
    handleHotUpdate({ file, server }) {
      if (!MODEL_SOURCES.some((d) => file.startsWith(d))) return;
      const mod = server.moduleGraph.getModuleById(resolved);
      if (mod) server.moduleGraph.invalidateModule(mod);
    },
  };
}

const STAGE_DIR = join(ROOT, ".cache", "stages");
const STAGE_BUILDER = join(ROOT, "src", "cli", "stages-build.ts");

/** Runs the stage builder (src/cli/stages-build.ts) in a child process; resolves when it is done. */
function runStageBuilder(args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", STAGE_BUILDER, "--out", STAGE_DIR, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      for (const line of text.split("\n")) if (line.trim()) log(line);
    });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`the stage builder exited with ${code}`))));
  });
}

/** The stage files of this model build in .cache/stages. */
function stageFiles(): string[] {
  if (!existsSync(STAGE_DIR)) return [];
  const version = modelVersionOf(ROOT);
  return readdirSync(STAGE_DIR).filter((name) => name.startsWith(`${version}-`) && name.endsWith(".hstage"));
}

/**
 * Prebuilt day-0 stages of the presets (src/sim/prebuilt-stages.ts), so the page need not generate
 * them on a first visit. Build: every preset's stage is built (or taken from .cache/stages, where
 * earlier builds left them) and emitted as stages/*.hstage; HEPATOSIM_STAGES=0 skips them (the page
 * then generates), HEPATOSIM_STAGES=default builds only the default preset's. Dev server: files are served from .cache/stages as they are built, in the
 * background at low priority once the server listens; until a stage is there the page generates it.
 */
function prebuiltStages(): Plugin {
  let building: Promise<void> | null = null;
  let command: "build" | "serve" = "serve";
  const skip = () => process.env.HEPATOSIM_STAGES === "0";
  return {
    name: "hepatosim-prebuilt-stages",
    configResolved(config) {
      command = config.command;
    },
    configureServer(server) {
      server.middlewares.use("/stages/", (req, res) => {
        const name = basename(new URL(req.url ?? "/", "http://x").pathname);
        if (name === "index.json") {
          res.setHeader("content-type", "application/json");
          res.setHeader("cache-control", "no-cache");
          res.end(JSON.stringify({ files: stageFiles() }));
          return;
        }
        const file = join(STAGE_DIR, name);
        // A missing stage is a 404, never the page's index.html.
        if (!name.endsWith(".hstage") || !existsSync(file) || !statSync(file).isFile()) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader("content-type", "application/octet-stream");
        res.setHeader("cache-control", "no-cache");
        res.end(readFileSync(file));
      });
      if (skip()) return;
      server.httpServer?.once("listening", () => {
        const log = (line: string) => server.config.logger.info(line, { timestamp: true });
        runStageBuilder(["--nice"], log).catch((e) => server.config.logger.warn(`[stages] ${e.message}`));
      });
    },
    buildStart() {
      // Started at once, so the stages are generated while the bundle is made.
      if (command !== "build" || skip()) return;
      const only = process.env.HEPATOSIM_STAGES === "default" ? ["--only", "default"] : [];
      building = runStageBuilder(only, (line) => console.log(line));
      building.catch(() => undefined);
    },
    async generateBundle() {
      if (building) await building;
      const files = building ? stageFiles() : [];
      for (const name of files)
        this.emitFile({ type: "asset", fileName: `stages/${name}`, source: readFileSync(join(STAGE_DIR, name)) });
      // Always a list, so the page asks for no file that is not there.
      this.emitFile({ type: "asset", fileName: "stages/index.json", source: JSON.stringify({ files }) });
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [contentSecurityPolicy(), modelVersion(), prebuiltStages()],
  server: { headers: isolationHeaders, port: 5173, host: "127.0.0.1" },
  // The header also covers the worker, which a <meta> policy does not reach.
  preview: { headers: { ...isolationHeaders, "Content-Security-Policy": CONTENT_SECURITY_POLICY }, port: 4173, host: "127.0.0.1" },
  worker: { format: "es", plugins: () => [modelVersion()] },
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 2000 },
  test: {
    // Both cores: the science and property tests are CPU-bound and independent.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          // One build, one server and one Chromium for every browser test file.
          globalSetup: ["test/e2e/global-setup.ts"],
          // About 3× the slowest test (the page-speed probe) and the slowest set-up seen.
          testTimeout: 150_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
