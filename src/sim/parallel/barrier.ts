/**
 * Synchronisation of the strip workers over one shared Int32Array: a generation-counting barrier
 * between phases, a command word the coordinator bumps to start a step, and an error flag so a
 * failing worker wakes everyone instead of leaving them waiting.
 */

export const CTRL = {
  /** Barrier generation (bumped by the last arrival). */
  gen: 0,
  /** Arrivals at the current barrier. */
  count: 1,
  /** Command sequence number (bumped by the coordinator for each command). */
  seq: 2,
  /** Command code (Command). */
  cmd: 3,
  /** 1 if a worker failed. */
  error: 4,
  /** 1 while the step being run belongs to stage generation. */
  generating: 5,
  /** Workers that finished initialising. */
  ready: 6,
  /** Chunks taken of each thread's share in the current interval between barriers (see chunks.ts). */
  claims: 8,
  length: 8 + 64,
} as const;

/** Most threads one lattice is split over (one claim counter each). */
export const MAX_PARTIES = CTRL.length - CTRL.claims;

export const Command = { step: 1, exit: 2 } as const;

/** How long a thread waits for the others before giving up (a worker may have died). */
const WAIT_MS = 120_000;

/** Atomics.load polls before sleeping at a barrier (≈ 20–50 µs). */
const SPIN = 10_000;

export class WorkerFailure extends Error {}

export function barrier(ctrl: Int32Array, parties: number): void {
  const gen = Atomics.load(ctrl, CTRL.gen);
  if (Atomics.add(ctrl, CTRL.count, 1) === parties - 1) {
    Atomics.store(ctrl, CTRL.count, 0);
    // Everyone else is waiting here: the next interval's chunks start untaken.
    for (let q = 0; q < parties; q++) Atomics.store(ctrl, CTRL.claims + q, 0);
    Atomics.add(ctrl, CTRL.gen, 1);
    Atomics.notify(ctrl, CTRL.gen);
    return;
  }
  // Spin briefly first: the other strips usually arrive within microseconds, and waking from
  // Atomics.wait costs tens of microseconds on a VM — ≈ 30 barriers per step add up.
  for (let i = 0; i < SPIN; i++) if (Atomics.load(ctrl, CTRL.gen) !== gen) return;
  const deadline = Date.now() + WAIT_MS;
  while (Atomics.load(ctrl, CTRL.gen) === gen) {
    if (Atomics.load(ctrl, CTRL.error)) throw new WorkerFailure("a strip worker failed");
    if (Date.now() > deadline)
      throw new WorkerFailure(`a strip worker did not reach the barrier within ${WAIT_MS / 1000} s`);
    Atomics.wait(ctrl, CTRL.gen, gen, 1000);
  }
}

/** Marks the run failed and wakes every waiting thread. */
export function fail(ctrl: Int32Array): void {
  Atomics.store(ctrl, CTRL.error, 1);
  Atomics.add(ctrl, CTRL.gen, 1);
  Atomics.notify(ctrl, CTRL.gen);
  Atomics.add(ctrl, CTRL.seq, 1);
  Atomics.notify(ctrl, CTRL.seq);
}

/** Splits [0, n) into k nearly equal consecutive ranges. */
export function ranges(n: number, k: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < k; i++) out.push([Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k)]);
  return out;
}
