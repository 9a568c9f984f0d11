/**
 * One build, one server and one Chromium for every browser test (the e2e project's globalSetup).
 * The built site is served twice by one file server: at "/" as `vite preview` serves it (the
 * Content-Security-Policy header and cross-origin isolation), and under PLAIN_PREFIX with no headers,
 * as a plain static host serves a sub-folder. Test files connect to the browser and open pages.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_ARGS } from "./chromium";
import { RESULTS } from "./paths";
import { buildSite, serveSite } from "./static-site";

/** The sub-folder of a plain static host (no headers at all). */
export const PLAIN_PREFIX = "/classroom/hepatosim/";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built site's folder. */
    siteDir: string;
    /** The site with the policy and isolation headers, ending in "/". */
    siteBase: string;
    /** The same site under PLAIN_PREFIX, with no headers. */
    plainBase: string;
    /** The Content-Security-Policy the build wrote into index.html (also sent as a header at siteBase). */
    sitePolicy: string;
    /** Playwright endpoint of the shared Chromium. */
    browserEndpoint: string;
    /** HEPATOSIM_STAGES of the build: "default" when only the default preset's stage was built. */
    prebuiltStages: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(RESULTS, { recursive: true });
  const t0 = performance.now();
  // The browser tests open only the default preset at full size (the others at 32–160², generated in
  // the page), so they build only its stage unless told otherwise; every preset's stage generation is
  // checked at 32² (test/reliability/presets-invariants.test.ts) and `npm run build` makes them all.
  process.env.HEPATOSIM_STAGES ??= "default";
  const dir = await buildSite();
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? "";
  const site = await serveSite(dir, [
    {
      prefix: "/",
      headers: {
        "content-security-policy": policy,
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      },
    },
    { prefix: PLAIN_PREFIX, headers: {} },
  ]);
  const browser = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  console.log(`[e2e] built and serving in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${site.origin}`);
  project.provide("siteDir", dir);
  project.provide("siteBase", `${site.origin}/`);
  project.provide("plainBase", `${site.origin}${PLAIN_PREFIX}`);
  project.provide("sitePolicy", policy);
  project.provide("browserEndpoint", browser.wsEndpoint());
  project.provide("prebuiltStages", process.env.HEPATOSIM_STAGES);
  return async () => {
    await browser.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
