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

export default defineConfig({
  base: "./",
  plugins: [contentSecurityPolicy()],
  server: { headers: isolationHeaders, port: 5173, host: "127.0.0.1" },
  // The header also covers the worker, which a <meta> policy does not reach.
  preview: { headers: { ...isolationHeaders, "Content-Security-Policy": CONTENT_SECURITY_POLICY }, port: 4173, host: "127.0.0.1" },
  worker: { format: "es" },
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
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
