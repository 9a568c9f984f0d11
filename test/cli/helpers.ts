/** Runs the command line in-process with captured output, and makes small fast scenarios for CLI tests. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Pretend stderr is a terminal (the live progress line is drawn) and watch what is written. */
  onStderr?: (text: string) => void;
}

export async function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s) => void (stdout += s) },
    stderr: {
      write: (s) => {
        stderr += s;
        options.onStderr?.(s);
      },
      isTTY: options.onStderr !== undefined,
    },
    env: options.env ?? {},
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = "hepatosim-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A 32² regeneration run of a few days: no disease generation, so each run takes well under a second. */
export function smallScenario(dir: string, days = 3, name = "small.json"): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ preset: "partial-hepatectomy", days, lattice: { width: 32, height: 32 } }));
  return path;
}

export const read = (path: string) => readFileSync(path, "utf8");

/** Every file under a directory (relative paths), for "nothing written" checks. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, join(rel, name));
      else out.push(join(rel, name));
    }
  };
  walk(dir, "");
  return out.sort();
}
