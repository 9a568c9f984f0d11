/**
 * Long-run health: runs a simulation day by day and records, per day, the time a day of steps took
 * and the memory held, so the soak test and the soak bench can show that nothing grows. Clocks and
 * heap readings are passed in (the model has no Node or DOM).
 */
import type { Simulation } from "./simulation";

export interface SoakProbe {
  /** A monotonic time in ms (CPU time of this process is steadier than wall time on a shared machine). */
  timeMs(): number;
  /** Heap in use, in bytes, ideally after a full garbage collection. */
  heapBytes(): number;
}

export interface SoakDay {
  day: number;
  /** Time the day's steps took (ms). */
  msPerDay: number;
  /** Heap in use after the day (bytes); NaN on days that were not sampled. */
  heapBytes: number;
  /** Bytes of every typed array the simulation holds (state, fields and engine scratch). */
  arrayBytes: number;
  historyRows: number;
  /** Intravenous deliveries still arriving. */
  pending: number;
}

/** Bytes held in typed arrays by the state and the engine's scratch: constant for a healthy run. */
export function arrayBytes(sim: Simulation): number {
  let bytes = 0;
  const count = (v: unknown) => {
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  };
  const t = sim.state.tissue;
  for (const v of Object.values(t)) count(v);
  for (const f of t.fields) count(f);
  for (const v of Object.values(sim.state.derived.scratch)) count(v);
  return bytes;
}

/** Runs `days` simulated days (or to the end of the run), sampling the heap every `heapEveryDays` days. */
export function soak(
  sim: Simulation,
  days: number,
  probe: SoakProbe,
  heapEveryDays = 1,
  onDay?: (d: SoakDay) => void,
): SoakDay[] {
  const out: SoakDay[] = [];
  const perDay = sim.state.derived.stepsPerDay;
  for (let i = 0; i < days && !sim.done(); i++) {
    const t0 = probe.timeMs();
    sim.step(perDay);
    const ms = probe.timeMs() - t0;
    const day = sim.state.step / perDay;
    const d: SoakDay = {
      day,
      msPerDay: ms,
      heapBytes: day % heapEveryDays === 0 ? probe.heapBytes() : Number.NaN,
      arrayBytes: arrayBytes(sim),
      historyRows: sim.history().length,
      pending: sim.state.pending.length,
    };
    out.push(d);
    onDay?.(d);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median of the first and of the last quarter of a series, and their ratio (last / first). */
export function quarterTrend(xs: number[]): { first: number; last: number; ratio: number } {
  const q = Math.max(1, Math.floor(xs.length / 4));
  const first = median(xs.slice(0, q));
  const last = median(xs.slice(xs.length - q));
  return { first, last, ratio: last / first };
}

/**
 * Theil–Sen slope of y against x (units of y per unit of x): the median of the slopes between all
 * pairs of points, so a few readings taken while freed memory was still being returned (a common
 * spike after a collection) do not tilt it the way they tilt a least-squares line.
 */
export function slope(xs: number[], ys: number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++)
    for (let j = i + 1; j < xs.length; j++) if (xs[j] !== xs[i]) slopes.push((ys[j]! - ys[i]!) / (xs[j]! - xs[i]!));
  return slopes.length ? median(slopes) : 0;
}
