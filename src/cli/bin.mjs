#!/usr/bin/env node
// Entry of `npx hepatosim`: Node 20 runs no TypeScript by itself, so register tsx, then load the CLI.
// Ctrl-C / SIGTERM ask the running batch to stop (whole runs are kept); a second Ctrl-C exits at once.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
const controller = new AbortController();
const stop = (signal) => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write(`\n${signal}: stopping after whole runs (again to quit at once)\n`);
  controller.abort();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
