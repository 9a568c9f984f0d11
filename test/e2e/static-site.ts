/**
 * The production build served by a plain Node file server, for tests of the static site: built once
 * into a temporary folder, served under a path prefix with whatever headers the test wants (none,
 * like a plain static host; or the policy and isolation headers `vite preview` sends).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { build } from "vite";
import { ROOT } from "./harness";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface StaticSite {
  /** The built folder. */
  dir: string;
  /** URL of the site's root, ending in the prefix. */
  base: string;
  close(): Promise<void>;
}

/** Builds the site and serves it under `prefix` ("/" or "/a/b/"); `headers(dir)` is sent with every file. */
export async function serveBuiltSite(prefix: string, headers: (dir: string) => Promise<Record<string, string>> = async () => ({})): Promise<StaticSite> {
  const dir = mkdtempSync(join(tmpdir(), "hepatosim-site-"));
  await build({ root: ROOT, configFile: join(ROOT, "vite.config.ts"), logLevel: "error", build: { outDir: dir, emptyOutDir: true } });
  const extra = await headers(dir);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    const rel = normalize(path.slice(prefix.length) || "index.html");
    const file = join(dir, rel);
    try {
      if (rel.startsWith("..") || !(await stat(file)).isFile()) throw new Error("not a file");
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...extra }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}${prefix}`;
  return {
    dir,
    base,
    async close() {
      await new Promise((ok) => server.close(ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
