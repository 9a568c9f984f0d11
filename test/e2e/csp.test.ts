/**
 * Page security of the built site: the Content-Security-Policy in index.html (no inline script, no
 * eval, WebAssembly allowed), served as the preview server does (meta tag and header, so the worker
 * is covered too), in Debian's Chromium: no violation, no console error, no request beyond
 * localhost, and the tissue is drawn, the legend coloured and the run advances.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page, Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Harness, startHarness, stopHarness } from "./harness";
import { decodePng, distinctColours, dominantShare } from "./png-decode";

/** The smallest valid WebAssembly module: magic and version. */
const EMPTY_WASM = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];

// The built site as the preview server sends it (global-setup.ts): the policy as a meta tag and a header.
const policy = inject("sitePolicy");
let html: string;
let h: Harness;
let base: string;

beforeAll(async () => {
  html = await readFile(join(inject("siteDir"), "index.html"), "utf8");
  h = await startHarness();
  base = h.base;
});

afterAll(async () => {
  await stopHarness(h);
});

describe("the built index.html", () => {
  it("carries the policy before any script or style sheet: scripts from the site only, no eval, no inline script, WebAssembly allowed", () => {
    const directives = new Map(
      policy
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("style-src")).toEqual(["'self'"]);
    expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline'[^;]*;?\s*$|\*/);
    const metaAt = html.indexOf("Content-Security-Policy");
    expect(metaAt).toBeGreaterThan(0);
    for (const tag of ["<script", '<link rel="stylesheet"', '<link rel="modulepreload"']) {
      const at = html.indexOf(tag);
      if (at >= 0) expect(at, tag).toBeGreaterThan(metaAt);
    }
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\.\/assets\//);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});

interface Watched {
  page: Page;
  worker: Promise<Worker>;
  errors: string[];
  foreign: string[];
}

async function openWatched(query: string): Promise<Watched> {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const foreign: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === new URL(base).origin || url.protocol === "data:" || url.protocol === "blob:")
      return route.continue();
    foreign.push(url.href);
    return route.abort();
  });
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`requestfailed: ${r.url()}`));
  const worker = new Promise<Worker>((ok) =>
    page.on("worker", (w) => {
      w.on("console", (m) => m.type() === "error" && errors.push(`worker console: ${m.text()}`));
      ok(w);
    }),
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await page.goto(base + query);
  return { page, worker, errors, foreign };
}

type AppWindow = { hepatosim?: { state(): { day: number | null; loading: boolean } }; cspViolations: string[] };

describe("the built page under its policy", () => {
  it("runs, draws the tissue and the legend, compiles WebAssembly in page and worker, with no violation, error or foreign request", async () => {
    const { page, worker, errors, foreign } = await openWatched("index.html?preset=healthy&size=64");
    await page.waitForFunction(() => ((window as unknown as AppWindow).hepatosim?.state().day ?? 0) >= 1, undefined, {
      timeout: 180_000,
    });
    // A signal overlay exercises the colour maps and a second texture.
    await page.selectOption("[data-view='overlay']", { label: "Oxygen" });
    await page.locator(".field-legend").waitFor({ state: "visible" });

    const pixels = decodePng(await page.locator("canvas.tissue-canvas").screenshot());
    expect(distinctColours(pixels)).toBeGreaterThanOrEqual(6);
    expect(dominantShare(pixels)).toBeLessThan(0.6);
    const swatch = await page
      .locator(".swatch")
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(swatch).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);

    const wasm = (bytes: number[]) => {
      try {
        new WebAssembly.Module(new Uint8Array(bytes));
        return "compiled";
      } catch (e) {
        return String(e);
      }
    };
    expect(await page.evaluate(wasm, EMPTY_WASM)).toBe("compiled");
    expect(await (await worker).evaluate(wasm, EMPTY_WASM)).toBe("compiled");
    const violations = await page.evaluate(() => (window as unknown as AppWindow).cspViolations.slice());
    expect(violations).toEqual([]);
    // And the policy is enforced: an injected inline script does not run (the violation is the only one).
    const ran = await page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.injectedScriptRan = true";
      document.head.append(s);
      await new Promise((ok) => setTimeout(ok, 100));
      return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true;
    });
    expect(ran).toBe(false);
    // One report per copy of the policy (the meta tag and the header).
    const after = await page.evaluate(() => (window as unknown as AppWindow).cspViolations);
    expect(after.length).toBeGreaterThan(0);
    for (const v of after) expect(v).toMatch(/^script-src-elem inline /);
    errors.splice(0, errors.length, ...errors.filter((e) => !/Executing inline script violates/.test(e)));
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it("runs one lattice on 2 strip workers (nested workers, shared memory) with no violation or error", async () => {
    const { page, errors, foreign } = await openWatched("index.html?preset=healthy&size=64&threads=2");
    await page.waitForFunction(() => ((window as unknown as AppWindow).hepatosim?.state().day ?? 0) >= 1, undefined, {
      timeout: 180_000,
    });
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await page.locator("[data-threads-status][data-active='2']").waitFor({ state: "attached" });
    expect(await page.evaluate(() => (window as unknown as AppWindow).cspViolations.slice())).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
