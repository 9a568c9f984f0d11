/**
 * Issue 7: work sharing between barriers (src/sim/parallel/chunks.ts). Whatever the other threads
 * have already taken, a thread runs every chunk left exactly once, its own share first, and the
 * barrier leaves the next interval's chunks untaken.
 */
import { describe, expect, it } from "vitest";
import { barrier, CTRL, ranges } from "../../src/sim/parallel/barrier";
import { type ChunkPlan, COLUMN_CHUNK, ROW_CHUNK, shareInterval } from "../../src/sim/parallel/chunks";

function plan(me: number, parties: number, width: number, height: number, ctrl: Int32Array): ChunkPlan {
  return { me, parties, ctrl, rowRanges: ranges(height, parties), colRanges: ranges(width, parties) };
}

/** Runs one interval on thread `me` after the others took `taken[q]` chunks of share q; returns the spans it ran, in order. */
function runAfter(me: number, parties: number, width: number, height: number, taken: number[], withColumns = true) {
  const ctrl = new Int32Array(CTRL.length);
  taken.forEach((n, q) => {
    ctrl[CTRL.claims + q] = n;
  });
  const spans: string[] = [];
  shareInterval(
    plan(me, parties, width, height, ctrl),
    withColumns ? (x0, x1) => spans.push(`c${x0}-${x1}`) : null,
    (y0, y1) => spans.push(`r${y0}-${y1}`),
  );
  return { spans, ctrl };
}

/** The chunks of share q of an interval, in claim order: its columns, then its rows. */
function chunksOf(q: number, parties: number, width: number, height: number, withColumns = true): string[] {
  const out: string[] = [];
  const [x0, x1] = ranges(width, parties)[q]!;
  const [y0, y1] = ranges(height, parties)[q]!;
  if (withColumns) for (let x = x0; x < x1; x += COLUMN_CHUNK) out.push(`c${x}-${Math.min(x1, x + COLUMN_CHUNK)}`);
  for (let y = y0; y < y1; y += ROW_CHUNK) out.push(`r${y}-${Math.min(y1, y + ROW_CHUNK)}`);
  return out;
}

describe("chunks shared between barriers", () => {
  it("one thread alone runs every chunk of every share once, in order", () => {
    const { spans } = runAfter(0, 1, 300, 77, [0]);
    expect(spans).toEqual(chunksOf(0, 1, 300, 77));
    expect(spans.filter((s) => s.startsWith("c"))).toHaveLength(Math.ceil(300 / COLUMN_CHUNK));
  });

  it("a thread runs its own chunks first, then exactly what the others left, whatever they took", () => {
    const [w, h, parties] = [517, 263, 3];
    const all = [0, 1, 2].map((q) => chunksOf(q, parties, w, h));
    for (const me of [0, 1, 2])
      for (const taken of [
        [0, 0, 0],
        [1, 3, 0],
        [all[0]!.length, 2, all[2]!.length - 1],
        [5, all[1]!.length + 2, 1],
      ]) {
        // Share me is taken only by `me` itself in this scenario's past.
        const past = taken.map((n, q) => (q === me ? 0 : n));
        const { spans, ctrl } = runAfter(me, parties, w, h, past);
        const expected: string[] = [];
        for (let o = 0; o < parties; o++) {
          const q = (me + o) % parties;
          expected.push(...all[q]!.slice(Math.min(past[q]!, all[q]!.length)));
        }
        expect(spans).toEqual(expected);
        // Every counter ends past its share: nothing is left for anyone.
        for (let q = 0; q < parties; q++) expect(ctrl[CTRL.claims + q]).toBeGreaterThan(all[q]!.length - 1);
      }
  });

  it("without columns only the row chunks run", () => {
    const { spans } = runAfter(1, 2, 128, 100, [0, 0], false);
    expect(spans).toEqual([...chunksOf(1, 2, 128, 100, false), ...chunksOf(0, 2, 128, 100, false)]);
  });

  it("the last thread to reach a barrier leaves the next interval's chunks untaken", () => {
    const ctrl = new Int32Array(CTRL.length);
    ctrl[CTRL.claims] = 9;
    ctrl[CTRL.claims + 1] = 4;
    ctrl[CTRL.claims + 2] = 7;
    // The other of two threads has arrived already: this call is the last arrival.
    ctrl[CTRL.count] = 1;
    barrier(ctrl, 2);
    expect([ctrl[CTRL.claims], ctrl[CTRL.claims + 1], ctrl[CTRL.count]]).toEqual([0, 0, 0]);
    expect(ctrl[CTRL.gen]).toBe(1);
    // Only the two threads' counters are theirs to reset.
    expect(ctrl[CTRL.claims + 2]).toBe(7);
  });
});
