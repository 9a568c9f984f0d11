/** What a command gets from the process: its output streams, environment and the stop signal (injected, so tests run commands in-process). */
export interface OutStream {
  write(text: string): void;
  isTTY?: boolean;
}

export interface CliContext {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  /** Aborted by Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /** The arguments after `hepatosim`, for manifests. */
  argv: readonly string[];
}
