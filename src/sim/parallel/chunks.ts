/**
 * Work sharing between two barriers: each thread's share (its column block, its row strip) is cut
 * into chunks; a thread takes its own chunks in order, then whatever chunks of the other shares are
 * still untaken. Which thread sweeps a line does not change the line's arithmetic, so the result is
 * bit-identical whoever takes what, while a thread that the machine slows down (another tenant of
 * a VM, a page's main thread) no longer holds every other thread at the barrier.
 */
import { CTRL } from "./barrier";

/** Columns per chunk (4 of the solver's 16-column groups) and rows per chunk (4 of its 8-row groups). */
export const COLUMN_CHUNK = 64;
export const ROW_CHUNK = 32;

/** Which share is whose: range q of each split belongs to thread q. */
export interface ChunkPlan {
  me: number;
  parties: number;
  ctrl: Int32Array;
  rowRanges: readonly (readonly [number, number])[];
  colRanges: readonly (readonly [number, number])[];
}

/**
 * One interval: `columns(x0, x1)` over every share's column chunks, then `rows(y0, y1)` over every
 * share's row chunks (either may be null), each chunk run exactly once over all threads. The claim
 * counters start at 0 after every barrier (barrier.ts resets them).
 */
export function shareInterval(
  plan: ChunkPlan,
  columns: ((x0: number, x1: number) => void) | null,
  rows: ((y0: number, y1: number) => void) | null,
): void {
  const { me, parties, ctrl } = plan;
  for (let o = 0; o < parties; o++) {
    const q = (me + o) % parties;
    const [x0, x1] = plan.colRanges[q]!;
    const [y0, y1] = plan.rowRanges[q]!;
    const nc = columns ? Math.ceil((x1 - x0) / COLUMN_CHUNK) : 0;
    const n = nc + (rows ? Math.ceil((y1 - y0) / ROW_CHUNK) : 0);
    for (;;) {
      const i = Atomics.add(ctrl, CTRL.claims + q, 1);
      if (i >= n) break;
      if (i < nc) columns!(x0 + i * COLUMN_CHUNK, Math.min(x1, x0 + (i + 1) * COLUMN_CHUNK));
      else {
        const a = y0 + (i - nc) * ROW_CHUNK;
        rows!(a, Math.min(y1, a + ROW_CHUNK));
      }
    }
  }
}
