/**
 * The run: one pump that owns every call to the worker, in order — pending load, then steps while
 * playing (batched to the chosen speed), then a frame for the picture. Stepping is decoupled from
 * drawing: the page draws the latest frame at display rate whatever the step rate. Time in the
 * page comes only from here (UX: "time from one step function").
 */
import type { Readouts } from "../model/metrics/readouts";
import type { ScenarioInput } from "../model/params/scenario-schema";
import type { FrameView, LoadResult, StepResult } from "../sim/api";
import type { SimClient } from "./sim-client";
import type { Speed } from "./url-options";

/** Simulated days per second of wall time; "fast" is as fast as the worker goes. */
const DAYS_PER_SECOND: Record<Speed, number> = { slow: 0.5, normal: 2, fast: Number.POSITIVE_INFINITY };
/** At "fast", each step call aims at this much worker time, so frames still arrive several times a second. */
const FAST_BATCH_MS = 80;
/** Show the "generating tissue" state only for loads slower than this. */
const SLOW_LOAD_MS = 250;

export interface SessionEvents {
  /** A load is taking a while (tissue generation); false when it finished. */
  loading(active: boolean): void;
  /** A scenario was loaded; `history` is given when the run started over (or was restored). */
  loaded(result: LoadResult, history: Readouts[] | null): void;
  stepped(result: StepResult): void;
  frame(frame: FrameView): void;
  playState(playing: boolean, done: boolean): void;
  /** A call failed; the client has already restarted the worker. */
  failed(error: unknown): void;
}

export class Session {
  private playing = false;
  private done = false;
  private speed: Speed = "normal";
  private stepsPerDay = 24;
  private step = 0;
  private msPerStep = 20;
  private fieldIndices: number[] = [];
  private pendingLoad: { doc: ScenarioInput; fresh: boolean } | null = null;
  private pendingResync: ScenarioInput | null = null;
  private pendingStepDays = 0;
  private frameWanted = false;
  private pumping = false;
  private wake: (() => void) | null = null;
  private lastDoc: ScenarioInput | null = null;
  /** Nothing but a load may reach the worker before the first load succeeded. */
  private ready = false;

  constructor(
    private readonly client: SimClient,
    private readonly events: SessionEvents,
  ) {}

  get isPlaying(): boolean {
    return this.playing;
  }

  get isDone(): boolean {
    return this.done;
  }

  /** Loads a scenario: mid-run when only therapy, mechanisms or rules changed; `fresh` starts over from day 0. */
  load(doc: ScenarioInput, fresh = false): void {
    this.pendingLoad = { doc, fresh: fresh || (this.pendingLoad?.fresh ?? false) };
    this.kick();
  }

  /** After the worker was restarted: re-apply the current scenario and re-read the history. */
  resync(): void {
    if (this.lastDoc) this.pendingResync = this.lastDoc;
    this.setPlaying(false);
    this.kick();
  }

  play(): void {
    if (this.done) return;
    this.setPlaying(true);
    this.kick();
  }

  pause(): void {
    this.setPlaying(false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  stepDay(): void {
    if (this.playing || this.done) return;
    this.pendingStepDays++;
    this.kick();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.kick();
  }

  /** Fields (FIELDS indices) the frames must carry, for the overlay. */
  setFields(indices: number[]): void {
    this.fieldIndices = indices;
    this.requestFrame();
  }

  requestFrame(): void {
    this.frameWanted = true;
    this.kick();
  }

  private setPlaying(on: boolean): void {
    if (this.playing === on) return;
    this.playing = on;
    this.events.playState(on, this.done);
  }

  private kick(): void {
    if (this.pumping) {
      this.wake?.();
      return;
    }
    this.pumping = true;
    this.pump()
      .catch((e) => this.events.failed(e))
      .finally(() => {
        this.pumping = false;
        const more = this.pendingLoad || this.pendingResync || (this.ready && (this.frameWanted || this.pendingStepDays || (this.playing && !this.done)));
        if (more) this.kick();
      });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async pump(): Promise<void> {
    let budget = 0;
    let last = performance.now();
    for (;;) {
      try {
        if (this.pendingLoad) {
          await this.runLoad();
          budget = 0;
          continue;
        }
        if (this.pendingResync) {
          const doc = this.pendingResync;
          this.pendingResync = null;
          const r = await this.client.load(doc, true);
          this.afterLoad(r, await this.client.history());
          continue;
        }
        if (this.pendingStepDays > 0 && !this.playing && this.ready) {
          this.pendingStepDays--;
          if (!this.done) await this.runSteps(this.stepsPerDay - (this.step % this.stepsPerDay));
          continue;
        }
        if (!this.ready) return;
        this.pendingStepDays = 0;
        if (this.playing && !this.done) {
          const now = performance.now();
          const n = this.batchSize(budget + ((now - last) / 1000) * DAYS_PER_SECOND[this.speed] * this.stepsPerDay);
          last = now;
          if (n.steps < 1) {
            budget = n.budget;
            await this.sleep(Math.max(4, (1000 * (1 - n.budget)) / (DAYS_PER_SECOND[this.speed] * this.stepsPerDay)));
            continue;
          }
          budget = n.budget - n.steps;
          const t0 = performance.now();
          await this.runSteps(n.steps);
          this.msPerStep = 0.7 * this.msPerStep + (0.3 * (performance.now() - t0)) / n.steps;
          continue;
        }
        if (this.frameWanted) {
          this.frameWanted = false;
          this.events.frame(await this.client.frame(this.fieldIndices));
          continue;
        }
        return;
      } catch (e) {
        this.pendingStepDays = 0;
        this.setPlaying(false);
        this.events.failed(e);
        return;
      }
    }
  }

  /** How many steps to ask for now, and the budget left (never more than a quarter second behind). */
  private batchSize(budget: number): { steps: number; budget: number } {
    const rate = DAYS_PER_SECOND[this.speed] * this.stepsPerDay;
    if (!Number.isFinite(rate)) {
      const steps = Math.max(1, Math.min(this.stepsPerDay * 7, Math.round(FAST_BATCH_MS / Math.max(0.01, this.msPerStep))));
      return { steps, budget: steps };
    }
    const capped = Math.min(budget, Math.max(1, rate / 4));
    return { steps: Math.floor(capped), budget: capped };
  }

  private async runSteps(n: number): Promise<void> {
    const r = await this.client.step(n);
    this.step = r.step;
    this.events.stepped(r);
    if (r.done && !this.done) {
      this.done = true;
      this.setPlaying(false);
      this.events.playState(false, true);
    }
    this.events.frame(await this.client.frame(this.fieldIndices));
  }

  private async runLoad(): Promise<void> {
    const { doc, fresh } = this.pendingLoad!;
    this.pendingLoad = null;
    const timer = setTimeout(() => this.events.loading(true), SLOW_LOAD_MS);
    try {
      const r = await this.client.load(doc, !fresh);
      this.lastDoc = doc;
      this.afterLoad(r, r.regenerated ? await this.client.history() : null);
    } finally {
      clearTimeout(timer);
      this.events.loading(false);
    }
  }

  private afterLoad(r: LoadResult, history: Readouts[] | null): void {
    this.ready = true;
    this.stepsPerDay = r.stepsPerDay;
    const day = r.metrics.day;
    this.step = Math.round(day * r.stepsPerDay);
    const wasDone = this.done;
    this.done = this.step >= r.totalSteps;
    this.events.loaded(r, history);
    if (wasDone !== this.done) this.events.playState(this.playing, this.done);
    this.frameWanted = true;
  }
}
