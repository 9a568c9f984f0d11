/** Exit codes of the command line, and the one place that maps an error to its code. */
import { InputError } from "../model/params/validation";

export const EXIT = {
  ok: 0,
  /** A bug or an environment failure (disk full, worker crash). */
  internal: 1,
  /** The user's input was refused: a message on stderr names the field, the value and what is allowed. */
  invalidInput: 2,
  /** A rerun did not reproduce the recorded numbers. */
  notReproduced: 3,
  /** Stopped by Ctrl-C / SIGTERM; whole runs are kept, --resume finishes the batch. */
  interrupted: 130,
} as const;

export function exitCodeFor(e: unknown): number {
  return e instanceof InputError ? EXIT.invalidInput : EXIT.internal;
}
