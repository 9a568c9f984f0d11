/**
 * The production build served by a plain Node file server: built once into a temporary folder and
 * served under path prefixes, each with the headers a test wants (none, like a plain static host;
 * or the policy and isolation headers `vite preview` sends).
 */
import { mkdtempSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { build } from "vite";
import { ROOT } from "./paths";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};

/** Builds the site into a new temporary folder and returns the folder. */
export async function buildSite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "hepatosim-site-"));
  await build({
    root: ROOT,
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "error",
    build: { outDir: dir, emptyOutDir: true },
  });
  return dir;
}

/** A path prefix ("/" or "/a/b/") under which the site is served, with the headers sent with every file. */
export interface Mount {
  prefix: string;
  headers: Record<string, string>;
}

/** Serves `dir` under each mount (the longest matching prefix wins); resolves to the origin and a close. */
export async function serveSite(dir: string, mounts: Mount[]): Promise<{ origin: string; close(): Promise<void> }> {
  const byLength = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const mount = byLength.find((m) => path.startsWith(m.prefix));
    if (!mount) {
      res.writeHead(404).end();
      return;
    }
    const rel = normalize(path.slice(mount.prefix.length) || "index.html");
    const file = join(dir, rel);
    try {
      if (rel.startsWith("..") || !(await stat(file)).isFile()) throw new Error("not a file");
      res
        .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...mount.headers })
        .end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  return {
    origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
