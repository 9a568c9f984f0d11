/**
 * `hepatosim run --stage-set`: the day-0 stage made with the overrides, the run on that tissue with the
 * scenario's own values, so a change (here Δt) is compared on one tissue; recorded in the manifest and
 * re-made by `rerun`.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, cli, read, tempDir } from "./helpers";

const dir = tempDir();
afterAll(() => cleanup(dir));
const BASE = [
  "run",
  "chronic-injury-f1",
  "--seed",
  "5",
  "--days",
  "2",
  "--set",
  "lattice.width=32",
  "--set",
  "lattice.height=32",
];

/** The day-0 and last rows of a run's timeseries.csv. */
async function run(name: string, ...extra: string[]): Promise<{ day0: string; last: string; out: string }> {
  const out = join(dir, name);
  const r = await cli([...BASE, ...extra, "--out", out, "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
  const rows = read(join(out, "timeseries.csv")).trim().split("\n");
  return { day0: rows[1]!, last: rows.at(-1)!, out };
}

describe("run --stage-set", () => {
  it("starts the run on the stage the overrides make, under the scenario's own values", async () => {
    const own = await run("own");
    const paired = await run("paired", "--set", "simulation.dt=0.5", "--stage-set", "simulation.dt=1");
    const regenerated = await run("regenerated", "--set", "simulation.dt=0.5");
    // The day-0 tissue is the Δt = 1 stage, read-out for read-out; a stage made under Δt = 0.5 is another.
    expect(paired.day0).toBe(own.day0);
    expect(regenerated.day0).not.toBe(own.day0);
    // ... and the run after it is the Δt = 0.5 run.
    expect(paired.last).not.toBe(own.last);
    const manifest = JSON.parse(read(join(paired.out, "manifest.json")));
    expect(manifest.stage_scenario.parameters["simulation.dt"]).toBe(1);
    expect(manifest.scenario.parameters["simulation.dt"]).toBe(0.5);
    expect(JSON.parse(read(join(own.out, "manifest.json"))).stage_scenario).toBeUndefined();
    const again = await cli(["rerun", join(paired.out, "manifest.json"), "--out", join(dir, "rerun"), "--quiet"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/reproduced/);
  }, 120_000);

  it("refuses an override that would make another tissue", async () => {
    for (const bad of ["seed=3", "lattice.width=48"]) {
      const r = await cli([...BASE, "--stage-set", bad, "--out", join(dir, "bad")]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/--stage-set/);
    }
  });
});
