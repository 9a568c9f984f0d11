#!/usr/bin/env node
// Entry of `npx hepatosim`: Node 20 runs no TypeScript by itself, so the CLI runs as a bundle of its
// sources (node-bundle.mjs says why a bundle and not a loader).
// Ctrl-C / SIGTERM ask the running batch to stop (whole runs are kept); a second Ctrl-C exits at once.
import { importBundled } from "./node-bundle.mjs";

const { main } = await importBundled("src/cli/main.ts");
const controller = new AbortController();
const stop = (signal) => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write(`\n${signal}: stopping after whole runs (again to quit at once)\n`);
  controller.abort();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
