/**
 * The production build is a static site: served from a sub-folder of a plain file server that sends
 * no cross-origin-isolation headers, it still loads, draws and runs.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CHROMIUM_ARGS, ROOT, shot } from "./harness";

const PREFIX = "/classroom/hepatosim/";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

let outDir: string;
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "hepatosim-static-"));
  await build({ root: ROOT, configFile: join(ROOT, "vite.config.ts"), logLevel: "error", build: { outDir, emptyOutDir: true } });
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    const rel = normalize(path.slice(PREFIX.length) || "index.html");
    if (rel.startsWith("..")) {
      res.writeHead(403).end();
      return;
    }
    const file = join(outDir, rel);
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}${PREFIX}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

it("runs from a static folder without cross-origin isolation", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}index.html?preset=healthy&size=64`);
  await page.waitForFunction(
    () => {
      const s = (window as unknown as { hepatosim?: { state(): { day: number | null } } }).hepatosim?.state();
      return !!s && (s.day ?? 0) >= 1;
    },
    undefined,
    { timeout: 180_000 },
  );
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  await page.screenshot({ path: shot("static-build") });
  expect(errors).toEqual([]);
  await page.close();
});
