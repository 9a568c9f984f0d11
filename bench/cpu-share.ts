/**
 * Whether the timings had a core to themselves: the process's CPU time over the wall time of the
 * timed regions. Other processes on the same cores show up as a share well below 1 (time-sliced),
 * which load averages report late or not at all.
 */
let wallSeconds = 0;
let cpuSeconds = 0;

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Runs fn, adds its wall and CPU time to the tally, and returns its wall time in seconds. */
export function timed(fn: () => void): number {
  const c0 = cpuNow();
  const t0 = performance.now();
  fn();
  const wall = (performance.now() - t0) / 1000;
  wallSeconds += wall;
  cpuSeconds += cpuNow() - c0;
  return wall;
}

/** CPU time / wall time over everything timed so far (≈ 1 on an idle machine; GC threads can push it a little above). */
export function cpuShare(): number {
  return wallSeconds > 0 ? cpuSeconds / wallSeconds : 1;
}
