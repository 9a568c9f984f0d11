import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Plugin } from "vite";
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

/** What shapes the numbers: the model's source and the preset files. */
const MODEL_SOURCES = ["src/model", "public/scenarios"].map((d) => resolve(import.meta.dirname, d));
const MODEL_VERSION_ID = "virtual:hepatosim-model-version";

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

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
      const hash = createHash("sha256");
      const root = resolve(import.meta.dirname);
      for (const file of MODEL_SOURCES.flatMap(listFiles).sort()) hash.update(`${relative(root, file)}\0`).update(readFileSync(file));
      return `export const MODEL_VERSION = ${JSON.stringify(hash.digest("hex").slice(0, 16))};\n`;
    },
    handleHotUpdate({ file, server }) {
      if (!MODEL_SOURCES.some((d) => file.startsWith(d))) return;
      const mod = server.moduleGraph.getModuleById(resolved);
      if (mod) server.moduleGraph.invalidateModule(mod);
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [contentSecurityPolicy(), modelVersion()],
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
