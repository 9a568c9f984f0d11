/**
 * Two more bench rows: the cost of a whole simulated day against its field phase alone (issue 3:
 * a day of F3 tissue should cost ≤ 2× the solver-only day), and batch throughput of seeded runs on
 * 1 and 2 worker threads through the CLI (issue 9: near-linear scaling on 2 cores).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stepOnce } from "../src/model/engine";
import type { Simulation } from "../src/model/simulation";
import { updateFields } from "../src/model/fields/update";
import { restoreSnapshot, takeSnapshot } from "../src/model/snapshot";
import { timed } from "./cpu-share";

/** Days timed after a warm-up day; the fastest of each kind is kept (this VM's speed varies by ±30 % within a minute). */
const DAY_ROUNDS = 9;

export interface DayCost {
  grid: number;
  preset: string;
  whole_day_s: number;
  field_phase_day_s: number;
  ratio: number;
}

/**
 * One simulated day (24 steps) of the whole engine, and of the field phase alone, on copies of
 * `sim`, taken step by step in turn (a whole step, then a field-phase step) so both see the same
 * machine: a warm-up day, then DAY_ROUNDS days, keeping each kind's fastest day (other load on the
 * machine only ever adds time). Timing whole days in turn left the ratio at the mercy of which
 * kind of day met a slow spell (±12 % between identical runs; step by step ±4 %).
 */
export function dayCost(sim: Simulation, preset: string): DayCost {
  const steps = sim.state.derived.stepsPerDay;
  const whole = restoreSnapshot(takeSnapshot(sim));
  const fields = restoreSnapshot(takeSnapshot(sim));
  const { tables } = fields.state.derived;
  const wholeStep = () => stepOnce(whole.state);
  let fieldSteps = 0;
  const fieldStep = () => updateFields(fields.state, tables, fieldSteps++);
  let wholeS = Infinity;
  let fieldS = Infinity;
  for (let round = 0; round <= DAY_ROUNDS; round++) {
    let w = 0;
    let f = 0;
    for (let i = 0; i < steps; i++) {
      w += timed(wholeStep);
      f += timed(fieldStep);
    }
    if (round === 0) continue; // warm-up
    wholeS = Math.min(wholeS, w);
    fieldS = Math.min(fieldS, f);
  }
  return {
    grid: sim.state.tissue.width,
    preset,
    whole_day_s: wholeS,
    field_phase_day_s: fieldS,
    ratio: wholeS / fieldS,
  };
}

export interface BatchThroughput {
  grid: number;
  preset: string;
  days: number;
  runs: number;
  workers: number;
  runs_per_min: number;
}

/** `runs` seeded runs of `preset` at grid² for `days`, through `npx hepatosim run --seeds`, on K threads. */
export function batchThroughput(
  preset: string,
  grid: number,
  days: number,
  runs: number,
  workers: number,
): BatchThroughput {
  const dir = mkdtempSync(join(tmpdir(), "hepatosim-bench-"));
  try {
    const file = join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify({ preset, days, lattice: { width: grid, height: grid } }));
    const t0 = performance.now();
    execFileSync(
      process.execPath,
      [
        "src/cli/bin.mjs",
        "run",
        file,
        "--seeds",
        `1..${runs}`,
        "--workers",
        String(workers),
        "--out",
        join(dir, "out"),
        "--quiet",
      ],
      { stdio: "ignore" },
    );
    const minutes = (performance.now() - t0) / 60_000;
    return { grid, preset, days, runs, workers, runs_per_min: runs / minutes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
