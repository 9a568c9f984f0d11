/**
 * Soak: one simulated year on 48² (chronic injury, six MSC infusions, invariants checked daily) holds
 * its memory and its step time flat after a 30-day warm-up. The two-year 256² soak is in bench/soak.ts.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { bundled } from "../bundled-model";
import { quarterTrend, slope, soak } from "../../src/model/soak";

// The model bundled (test/bundled-model.ts): these tests spend most of their time inside it.
const { createCachedSimulation: createSimulation, withInvariantChecks } = bundled;

// A full collection before each reading, so it is what is retained, not what awaits collection.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const DAYS = 365;
const WARMUP_DAYS = 30;
/** The daily history row (≈ 1 kB of numbers) is the one thing that should grow. */
const MAX_HEAP_GROWTH_BYTES_PER_DAY = 3000;

/** JS heap plus ArrayBuffer backing stores: a typed array's data lives outside heapUsed. */
const heap = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe("soak", () => {
  it(`a year on 48²: heap and array buffers grow by less than ${MAX_HEAP_GROWTH_BYTES_PER_DAY} B/day after warm-up, arrays stay the same size, step time does not trend up`, () => {
    const infusions = [0, 60, 120, 180, 240, 300].map((day) => ({
      day,
      source: "bone-marrow" as const,
      route: "intravenous" as const,
      dose_cells_per_kg: 1e6,
    }));
    const doc = {
      preset: "early-cirrhosis-bm-msc-iv",
      days: DAYS,
      lattice: { width: 48, height: 48 },
      therapy: { infusions },
      disease: { injury: { type: "toxic" as const, intensity: 0.3, start_day: 0, end_day: DAYS } },
    };
    const sim = withInvariantChecks(createSimulation(resolveScenario(doc, presetLookup)), 24);
    // CPU time of this process: another process's load does not count.
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const days = soak(sim, DAYS, { timeMs: cpuMs, heapBytes: heap }, 10);
    expect(days).toHaveLength(DAYS);
    expect(sim.history()).toHaveLength(DAYS + 1);

    const afterWarmup = days.filter((d) => d.day > WARMUP_DAYS);
    const sampled = afterWarmup.filter((d) => !Number.isNaN(d.heapBytes));
    const growth = slope(
      sampled.map((d) => d.day),
      sampled.map((d) => d.heapBytes),
    );
    const time = quarterTrend(afterWarmup.map((d) => d.msPerDay));
    console.log(
      `soak ${DAYS} days on 48²: heap + array buffers ${(sampled[0]!.heapBytes / 1e6).toFixed(2)} → ${(sampled.at(-1)!.heapBytes / 1e6).toFixed(2)} MB ` +
        `(${growth.toFixed(0)} B/day); CPU per day ${time.first.toFixed(1)} → ${time.last.toFixed(1)} ms (×${time.ratio.toFixed(2)}); ` +
        `arrays ${days[0]!.arrayBytes} B`,
    );
    expect(growth).toBeLessThan(MAX_HEAP_GROWTH_BYTES_PER_DAY);
    expect(new Set(days.map((d) => d.arrayBytes)).size).toBe(1);
    expect(Math.max(...days.map((d) => d.pending))).toBeLessThanOrEqual(infusions.length);
    // Generous: the tissue changes over the year, and CPU time still feels other processes through
    // shared caches. Work that grows with the run's age (say, a scan of the history each step) would
    // double it and more.
    expect(time.ratio).toBeLessThan(2);
  });

  it("the same measurement sees a leak of one 48² float array a day (so the test above can fail)", () => {
    const sim = createSimulation(
      resolveScenario({ preset: "healthy", days: 60, lattice: { width: 32, height: 32 } }, presetLookup),
    );
    const kept: Float32Array[] = [];
    const leaky = {
      ...sim,
      step(n?: number) {
        kept.push(new Float32Array(48 * 48));
        return sim.step(n);
      },
    };
    const days = soak(leaky, 60, { timeMs: () => 0, heapBytes: heap }, 5).filter(
      (d) => d.day > 10 && !Number.isNaN(d.heapBytes),
    );
    const growth = slope(
      days.map((d) => d.day),
      days.map((d) => d.heapBytes),
    );
    expect(kept).toHaveLength(60);
    expect(growth).toBeGreaterThan(MAX_HEAP_GROWTH_BYTES_PER_DAY);
  });
});
