/** Measures what the page feels like: frames per second (requestAnimationFrame) and the longest main-thread block. */

export interface PerfReading {
  fps: number;
  /** Longest long task seen (ms), from the Long Tasks API where the browser has it. */
  longestTaskMs: number;
  /** Longest gap between two animation frames (ms): a block of the main thread shows up here too. */
  longestFrameGapMs: number;
}

export class PerfProbe {
  private frames = 0;
  private since = performance.now();
  private last = performance.now();
  private longestGap = 0;
  private longestTask = 0;

  constructor() {
    const tick = (t: number) => {
      this.frames++;
      this.longestGap = Math.max(this.longestGap, t - this.last);
      this.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) this.longestTask = Math.max(this.longestTask, e.duration);
      }).observe({ type: "longtask", buffered: true });
    } catch {
      // Browsers without the Long Tasks API still report the frame gap.
    }
  }

  /** Readings since the last reset. */
  read(): PerfReading {
    const seconds = (performance.now() - this.since) / 1000;
    return {
      fps: this.frames / Math.max(1e-3, seconds),
      longestTaskMs: this.longestTask,
      longestFrameGapMs: this.longestGap,
    };
  }

  reset(): void {
    this.frames = 0;
    this.since = performance.now();
    this.last = performance.now();
    this.longestGap = 0;
    this.longestTask = 0;
  }
}
