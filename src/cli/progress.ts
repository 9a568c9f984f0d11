/**
 * Progress on stderr: one redrawn line (runs done, steps per second, time left) when stderr is a
 * terminal and --quiet is not given; otherwise silent until the final line.
 */
export interface ProgressSink {
  write(text: string): void;
  isTTY?: boolean;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

const BAR = 24;
const REDRAW_MS = 200;

export class Progress {
  private readonly t0 = performance.now();
  private done = 0;
  private failed = 0;
  private steps = 0;
  private lastDraw = 0;
  private readonly live: boolean;
  /** Steps of the runs in flight: their total and how far each got. */
  private readonly inFlight = new Map<string, { done: number; total: number }>();

  constructor(
    private readonly sink: ProgressSink,
    private readonly total: number,
    quiet: boolean,
    /** Runs already complete before this batch started (resume). */
    private readonly skipped = 0,
  ) {
    this.live = !quiet && sink.isTTY === true;
  }

  addSteps(runId: string, steps: number, totalSteps: number): void {
    this.steps += steps;
    const f = this.inFlight.get(runId) ?? { done: 0, total: totalSteps };
    f.done += steps;
    f.total = totalSteps;
    this.inFlight.set(runId, f);
    this.draw();
  }

  runFinished(runId: string, ok: boolean): void {
    this.inFlight.delete(runId);
    this.done++;
    if (!ok) this.failed++;
    this.draw(true);
  }

  private elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Time left from the mean run time so far; before the first run ends, from the steps of runs in flight. */
  private remaining(): number {
    const left = this.total - this.skipped - this.done;
    if (left <= 0) return 0;
    const t = this.elapsed();
    if (this.done > 0) {
      const partial = [...this.inFlight.values()].reduce((a, f) => a + (f.total ? f.done / f.total : 0), 0);
      return (t / (this.done + partial)) * (left - partial);
    }
    const f = [...this.inFlight.values()];
    const frac = f.length ? f.reduce((a, x) => a + (x.total ? x.done / x.total : 0), 0) / f.length : 0;
    return frac > 0 ? (t / frac) * (1 - frac) * Math.ceil(left / Math.max(1, f.length)) : Number.NaN;
  }

  private draw(force = false): void {
    if (!this.live) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const complete = this.skipped + this.done;
    const filled = Math.round((BAR * complete) / Math.max(1, this.total));
    const rate = this.steps / Math.max(1e-3, this.elapsed());
    const fail = this.failed ? ` · ${this.failed} failed` : "";
    this.sink.write(
      `\r[${"#".repeat(filled)}${".".repeat(BAR - filled)}] ${complete}/${this.total} runs · ${Math.round(rate)} steps/s · ${formatDuration(this.remaining())} left${fail}   `,
    );
  }

  /** Clears the live line and prints the final one (always, even when quiet: scripts log it). */
  finish(line: string): void {
    if (this.live) this.sink.write("\r\x1b[2K");
    this.sink.write(`${line}\n`);
  }

  summary(): { done: number; failed: number; steps: number; elapsedS: number } {
    return { done: this.done, failed: this.failed, steps: this.steps, elapsedS: this.elapsed() };
  }
}
