/**
 * The run: one pump that owns every call to the workers, in order — pending load, then steps while
 * playing (batched to the chosen speed), then frames for the pictures. With several lanes (the split
 * view's untreated and treated runs) every lane steps the same number of steps and the frames of all
 * lanes arrive together, so the panes always show one day. Stepping is decoupled from drawing: the
 * page draws the latest frames at display rate whatever the step rate. Time in the page comes only
 * from here: one step function.
 */
import type { GenerationProgress } from "../model/disease/stage-generator";
import type { Readouts } from "../model/metrics/readouts";
import type { ScenarioInput } from "../model/params/scenario-schema";
import type { FrameView, LoadResult, StepResult } from "../sim/api";
import type { SimClient } from "./sim-client";
import type { Speed } from "./url-options";

/** Simulated days per second of wall time; "fast" is as fast as the workers go. */
const DAYS_PER_SECOND: Record<Speed, number> = { slow: 0.5, normal: 2, fast: Number.POSITIVE_INFINITY };
/** At "fast" (and when going to a day), each step call aims at this much worker time, so frames still arrive several times a second. */
const FAST_BATCH_MS = 80;
/**
 * When frames are fetched and painted between step calls (not pipelined), a call aims at this many
 * times a frame's cost, so frames take at most about a fifth of the time (at 512² a frame costs tens
 * of ms: 80 ms calls spent a third of the time on frames), and at most MAX_BATCH_MS.
 */
const FRAME_COST_FACTOR = 4;
const MAX_BATCH_MS = 400;
/** Show the "generating tissue" state only for loads slower than this. */
const SLOW_LOAD_MS = 250;

export interface SessionEvents {
  /** A load is taking a while (tissue generation); false when it finished. */
  loading(active: boolean): void;
  /** The stage generator's progress while the tissue is generated. */
  progress?(p: GenerationProgress): void;
  /** Scenarios were loaded, one result per lane; `histories` (one per lane) when the run started over or was restored. */
  loaded(results: LoadResult[], histories: Readouts[][] | null): void;
  /** Every lane stepped the same steps; one result per lane. */
  stepped(results: StepResult[]): void;
  /** One frame per lane, all of the same step. */
  frame(frames: FrameView[]): void;
  playState(playing: boolean, done: boolean): void;
  /** Going to a day asked for with `goToDay` (the day), or arrived / stopped (null). */
  seeking(day: number | null): void;
  /** A call failed; the client has already restarted its worker. */
  failed(error: unknown): void;
}

export class Session {
  private playing = false;
  private done = false;
  private speed: Speed = "normal";
  private stepsPerDay = 24;
  private step = 0;
  private totalSteps = 0;
  private msPerStep = 20;
  /** Wall time of fetching and painting one frame between step calls (ms, smoothed). */
  private msPerFrame = 0;
  /** Sites per pane: each call's read-outs and frame copy grow with it. */
  private sites = 256 * 256;
  private fieldIndices: number[] = [];
  /** `reread`: fetch the histories even if the tissue was kept (after a worker restart). */
  private pendingLoad: { docs: ScenarioInput[]; fresh: boolean; reread?: boolean } | null = null;
  private pendingStepDays = 0;
  private targetStep: number | null = null;
  private targetDay = 0;
  private frameWanted = false;
  private pumping = false;
  private wake: (() => void) | null = null;
  private lastDocs: ScenarioInput[] | null = null;
  /** Nothing but a load may reach the workers before the first load succeeded. */
  private ready = false;

  constructor(
    private readonly clients: SimClient[],
    private readonly events: SessionEvents,
  ) {}

  get isPlaying(): boolean {
    return this.playing;
  }

  get isDone(): boolean {
    return this.done;
  }

  /** True while a load, steps or a frame are still on their way (a pause lets the step in flight land). */
  get isBusy(): boolean {
    return this.pumping;
  }

  get lanes(): number {
    return this.clients.length;
  }

  /** Loads one scenario per lane: mid-run when only therapy, mechanisms or rules changed; `fresh` starts over from day 0. */
  load(docs: ScenarioInput[], fresh = false): void {
    if (docs.length !== this.clients.length)
      throw new Error(`${docs.length} scenarios for ${this.clients.length} lanes`);
    const earlier = this.pendingLoad;
    this.pendingLoad = { docs, fresh: fresh || (earlier?.fresh ?? false), reread: earlier?.reread };
    this.kick();
  }

  /**
   * After a worker was restarted. One lane resumes from its client's own snapshot; several lanes
   * start over from day 0 together, because the lanes' snapshots need not be of the same day.
   */
  resync(): void {
    this.setPlaying(false);
    this.cancelSeek();
    if (this.lastDocs) this.pendingLoad = { docs: this.lastDocs, fresh: this.clients.length > 1, reread: true };
    this.kick();
  }

  play(): void {
    if (this.done) return;
    this.cancelSeek();
    this.setPlaying(true);
    this.kick();
  }

  pause(): void {
    this.cancelSeek();
    this.setPlaying(false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  stepDay(): void {
    if (this.playing || this.done || this.targetStep !== null) return;
    this.pendingStepDays++;
    this.kick();
  }

  /** Runs as fast as the workers go to `day` (within the run) and pauses there. */
  goToDay(day: number): void {
    this.setPlaying(false);
    this.targetStep = Math.max(0, Math.round(day * this.stepsPerDay));
    this.targetDay = day;
    this.events.seeking(day);
    this.kick();
  }

  private cancelSeek(): void {
    if (this.targetStep === null) return;
    this.targetStep = null;
    this.events.seeking(null);
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
        const more =
          this.pendingLoad ||
          (this.ready &&
            (this.frameWanted || this.pendingStepDays || this.targetStep !== null || (this.playing && !this.done)));
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

  /** The frame being fetched and painted while the workers step on (at most one in flight). */
  private frameInFlight: Promise<void> | null = null;
  /**
   * Paint while the workers step on. Only when a core is free for the page: with every core busy
   * stepping (two strip threads, or two panes, on two cores) the painting thread would preempt a
   * stepping one, and strip threads wait for each other at every barrier (measured: slower).
   */
  private pipelined = false;

  setPipelined(on: boolean): void {
    this.pipelined = on;
  }

  /** Waits until the frame in flight is painted (rethrows its failure). */
  private async settleFrame(): Promise<void> {
    const p = this.frameInFlight;
    this.frameInFlight = null;
    if (p) await p;
  }

  private async pump(): Promise<void> {
    let budget = 0;
    let last = performance.now();
    for (;;) {
      try {
        if (this.pendingLoad) {
          await this.settleFrame();
          await this.runLoad();
          budget = 0;
          continue;
        }
        if (!this.ready) {
          await this.settleFrame();
          return;
        }
        if (this.targetStep !== null) {
          const left = Math.min(this.targetStep, this.totalSteps) - this.step;
          if (left <= 0 || this.done) {
            this.targetStep = null;
            this.events.seeking(null);
            continue;
          }
          await this.runSteps(Math.min(left, this.fastBatch()));
          continue;
        }
        if (this.pendingStepDays > 0 && !this.playing) {
          this.pendingStepDays--;
          if (!this.done) await this.runSteps(this.stepsPerDay - (this.step % this.stepsPerDay));
          continue;
        }
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
          await this.runSteps(n.steps);
          continue;
        }
        await this.settleFrame();
        if (this.frameWanted) {
          this.frameWanted = false;
          this.events.frame(await this.frames());
          continue;
        }
        return;
      } catch (e) {
        this.frameInFlight = null;
        this.pendingStepDays = 0;
        this.cancelSeek();
        this.setPlaying(false);
        this.events.failed(e);
        return;
      }
    }
  }

  /** Steps per call at full speed: about FAST_BATCH_MS of worker time, at most a week. */
  private fastBatch(): number {
    // Per-call costs (read-outs, frame copy, painting) grow with the lattice: so does the call.
    const base = FAST_BATCH_MS * Math.max(1, Math.sqrt(this.sites / (256 * 256)));
    const target = this.pipelined ? base : Math.min(MAX_BATCH_MS, Math.max(base, FRAME_COST_FACTOR * this.msPerFrame));
    return Math.max(1, Math.min(this.stepsPerDay * 7, Math.round(target / Math.max(0.01, this.msPerStep))));
  }

  /** How many steps to ask for now, and the budget left (never more than a quarter second behind). */
  private batchSize(budget: number): { steps: number; budget: number } {
    const rate = DAYS_PER_SECOND[this.speed] * this.stepsPerDay;
    if (!Number.isFinite(rate)) {
      const steps = this.fastBatch();
      return { steps, budget: steps };
    }
    const capped = Math.min(budget, Math.max(1, rate / 4));
    return { steps: Math.floor(capped), budget: capped };
  }

  private frames(): Promise<FrameView[]> {
    return Promise.all(this.clients.map((c) => c.frame(this.fieldIndices)));
  }

  private async runSteps(n: number): Promise<void> {
    const t0 = performance.now();
    const results = await Promise.all(this.clients.map((c) => c.step(n)));
    this.msPerStep = 0.7 * this.msPerStep + (0.3 * (performance.now() - t0)) / n;
    this.step = results[0]!.step;
    this.events.stepped(results);
    if (results[0]!.done && !this.done) {
      this.done = true;
      this.setPlaying(false);
      this.events.playState(false, true);
    }
    // The frame request goes into each worker's queue ahead of the next step call, so the page
    // paints this frame while the workers already step on.
    await this.settleFrame();
    if (!this.pipelined) {
      const t0 = performance.now();
      this.events.frame(await this.frames());
      this.msPerFrame = 0.7 * this.msPerFrame + 0.3 * (performance.now() - t0);
      return;
    }
    const painted = this.frames().then((f) => this.events.frame(f));
    painted.catch(() => undefined); // handled where it is awaited (settleFrame)
    this.frameInFlight = painted;
  }

  /**
   * Loads every lane. The first lane generates the tissue; the others start from a copy of its
   * day-0 snapshot (or, when the split view opens, from the same prebuilt stage), so all panes share
   * seed and starting tissue exactly and the stage is generated once. A lane whose change cannot
   * apply to the running tissue forces a fresh start for all.
   */
  private async runLoad(): Promise<void> {
    const { docs, fresh, reread } = this.pendingLoad!;
    this.pendingLoad = null;
    const timer = setTimeout(() => this.events.loading(true), SLOW_LOAD_MS);
    try {
      const [first, ...others] = this.clients;
      let results: LoadResult[];
      let restarted = true;
      if (others.length && !this.ready) results = await this.openPanes(docs);
      else {
        // One pane: its day-0 snapshot (kept for recovery) waits until the tissue is on screen.
        const r0 = await first!.load(docs[0]!, !fresh, (p) => this.events.progress?.(p), others.length > 0);
        results = [r0];
        restarted = r0.regenerated;
        if (restarted) for (const [i, c] of others.entries()) results.push(await this.copyFirstPane(c, docs[i + 1]!));
        else if (others.length) {
          const rest = await Promise.all(others.map((c, i) => c.load(docs[i + 1]!, true)));
          results.push(...rest);
          if (rest.some((r) => r.regenerated)) {
            this.pendingLoad = { docs, fresh: true };
            return;
          }
        }
      }
      this.lastDocs = docs;
      const histories = restarted || reread ? await Promise.all(this.clients.map((c) => c.history())) : null;
      this.afterLoad(results, histories);
      // The new tissue on screen at once, before the first steps (a first picture sooner on a slow machine).
      if (restarted) {
        this.frameWanted = false;
        this.events.frame(await this.frames());
        // Queued before any step, so it is of day 0 (the panes that have one already keep it).
        await Promise.all(this.clients.map((c) => c.keepDayZeroSnapshot()));
      }
    } finally {
      clearTimeout(timer);
      this.events.loading(false);
    }
  }

  /**
   * Opening the split view: every pane asks its own worker for the prebuilt stage at once, so no
   * snapshot passes through the page. A pane whose stage is not prebuilt, or differs from the first
   * pane's, starts from a copy of the first pane's day-0 snapshot, as on any new tissue.
   */
  private async openPanes(docs: ScenarioInput[]): Promise<LoadResult[]> {
    const [first, ...others] = this.clients;
    const [r0, ...tried] = await Promise.all([
      first!.load(docs[0]!, false, (p) => this.events.progress?.(p), false),
      ...others.map((c, i) => c.loadPrebuilt(docs[i + 1]!)),
    ]);
    const results = [r0!];
    for (const [i, c] of others.entries()) {
      const r = tried[i];
      results.push(r && r.stageKey === r0!.stageKey ? r : await this.copyFirstPane(c, docs[i + 1]!));
    }
    return results;
  }

  /** Starts `pane` from the first pane's day-0 snapshot, then applies its own scenario to that tissue. */
  private async copyFirstPane(pane: SimClient, doc: ScenarioInput): Promise<LoadResult> {
    const first = this.clients[0]!;
    await first.keepDayZeroSnapshot();
    const bytes = first.lastSnapshot();
    if (!bytes) throw new Error("no day-0 snapshot to share between panes");
    await pane.restore(bytes);
    return pane.load(doc, true);
  }

  private afterLoad(results: LoadResult[], histories: Readouts[][] | null): void {
    const r = results[0]!;
    this.ready = true;
    this.stepsPerDay = r.stepsPerDay;
    this.sites = r.width * r.height;
    this.totalSteps = r.totalSteps;
    this.step = Math.round(r.metrics.day * r.stepsPerDay);
    if (this.targetStep !== null) this.targetStep = Math.round(this.targetDay * r.stepsPerDay);
    const wasDone = this.done;
    this.done = this.step >= r.totalSteps;
    this.events.loaded(results, histories);
    if (wasDone !== this.done) this.events.playState(this.playing, this.done);
    this.frameWanted = true;
  }
}
