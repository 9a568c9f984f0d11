/** What a manifest records about the software and the machine that produced a result. */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pkg from "../../package.json" with { type: "json" };

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

let commitCache: { commit: string; dirty: boolean | null } | null = null;

/** The git commit of the source tree, or "unknown" outside a git checkout. */
export function gitState(): { commit: string; dirty: boolean | null } {
  if (commitCache) return commitCache;
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    let dirty: boolean | null = null;
    try {
      dirty =
        execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
          cwd: REPO_ROOT,
          stdio: ["ignore", "pipe", "ignore"],
        })
          .toString()
          .trim() !== "";
    } catch {
      dirty = null;
    }
    commitCache = { commit: /^[0-9a-f]{40}$/.test(commit) ? commit : "unknown", dirty };
  } catch {
    commitCache = { commit: "unknown", dirty: null };
  }
  return commitCache;
}

export interface Provenance {
  hepatosim_version: string;
  git_commit: string;
  /** True if tracked files differed from the commit when the result was made. */
  git_dirty: boolean | null;
  node_version: string;
  platform: string;
  command_line: string;
  created: string;
}

export function provenance(argv: readonly string[]): Provenance {
  const git = gitState();
  return {
    hepatosim_version: pkg.version,
    git_commit: git.commit,
    git_dirty: git.dirty,
    node_version: process.version,
    platform: `${process.platform}-${process.arch}`,
    command_line: ["hepatosim", ...argv].map(shellQuote).join(" "),
    created: new Date().toISOString(),
  };
}

export const VERSION: string = pkg.version;

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
