/**
 * Long soak (`npx tsx bench/soak.ts`; default two simulated years on 256²): chronic injury with an
 * MSC infusion every two months, invariants checked once a day. Prints the heap, RSS, typed-array
 * bytes and CPU time per day every 30 days, then the growth after warm-up and the first- vs
 * last-quarter step time. Not a test: no assertions (test/reliability/soak.test.ts asserts on 48²).
 */
import v8 from "node:v8";
import vm from "node:vm";
import { Command } from "commander";
import { createCachedSimulation as createSimulation } from "../src/sim/stage-store";
import { withInvariantChecks } from "../src/model/invariants";
import { presetLookup } from "../src/model/params/presets";
import { resolveScenario } from "../src/model/params/scenario";
import { quarterTrend, type SoakDay, slope, soak } from "../src/model/soak";
import { formatTable } from "./table";

const program = new Command()
  .name("soak")
  .description("Hepatosim long-run memory and step-time soak")
  .option("--days <n>", "simulated days", "730")
  .option("--size <n>", "lattice width and height", "256")
  .option("--preset <name>", "base preset", "early-cirrhosis-bm-msc-iv")
  .option("--every <n>", "days between printed rows (and heap readings)", "30")
  .option("--warmup <n>", "days left out of the growth and trend figures", "30")
  .option("--json", "print JSON instead of the table")
  .parse();
const o = program.opts<{ days: string; size: string; preset: string; every: string; warmup: string; json?: boolean }>();
const days = Number(o.days);
const size = Number(o.size);
const every = Number(o.every);
const warmup = Number(o.warmup);

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** JS heap plus ArrayBuffer backing stores (typed arrays and wasm memory live outside heapUsed). */
const heapBytes = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const progress = (msg: string) => process.stderr.write(`soak: ${msg}\n`);

const infusions = [];
for (let day = 0; day < days; day += 60)
  infusions.push({ day, source: "bone-marrow" as const, route: "intravenous" as const, dose_cells_per_kg: 1e6 });
const doc = {
  preset: o.preset,
  days,
  lattice: { width: size, height: size },
  therapy: { infusions },
  disease: { injury: { type: "toxic" as const, intensity: 0.3, start_day: 0, end_day: days } },
};

progress(`${o.preset}, ${size}², ${days} days, ${infusions.length} infusions: generating tissue`);
const started = performance.now();
const sim = withInvariantChecks(createSimulation(resolveScenario(doc, presetLookup)), 24);
const rows: SoakDay[] = [];
const rss: number[] = [];
soak(sim, days, { timeMs: cpuMs, heapBytes }, every, (d) => {
  if (Number.isNaN(d.heapBytes)) return;
  rows.push(d);
  rss.push(process.memoryUsage().rss);
  progress(`day ${d.day}: ${d.msPerDay.toFixed(0)} ms CPU/day, heap + buffers ${(d.heapBytes / 1e6).toFixed(1)} MB`);
});
const all = rows.filter((d) => d.day > warmup);
const growth = slope(
  all.map((d) => d.day),
  all.map((d) => d.heapBytes),
);
const rssGrowth = slope(
  all.map((d) => d.day),
  rss.filter((_, i) => rows[i]!.day > warmup),
);
const trend = quarterTrend(all.map((d) => d.msPerDay));
const wallSeconds = (performance.now() - started) / 1000;

if (o.json) {
  const summary = {
    heap_growth_bytes_per_day: growth,
    rss_growth_bytes_per_day: rssGrowth,
    ms_per_day_first_quarter: trend.first,
    ms_per_day_last_quarter: trend.last,
  };
  console.log(
    JSON.stringify(
      {
        preset: o.preset,
        size,
        days,
        wall_seconds: wallSeconds,
        summary,
        rows: rows.map((d, i) => ({ ...d, rss_bytes: rss[i] })),
      },
      null,
      1,
    ),
  );
} else {
  console.log(
    formatTable(
      ["day", "CPU ms/day", "heap+buffers MB", "RSS MB", "array bytes", "history rows"],
      rows.map((d, i) => [
        String(d.day),
        d.msPerDay.toFixed(0),
        (d.heapBytes / 1e6).toFixed(2),
        (rss[i]! / 1e6).toFixed(1),
        String(d.arrayBytes),
        String(d.historyRows),
      ]),
    ),
  );
  if (all.length < 2)
    console.log(`\nrun longer than the ${warmup}-day warm-up (and two --every periods) for growth and trend figures`);
  else
    console.log(
      `\nafter ${warmup} days of warm-up: heap + buffers ${growth.toFixed(0)} B/day, RSS ${rssGrowth.toFixed(0)} B/day (Theil–Sen slopes; the daily history row is ≈ 1 kB); ` +
        `CPU per day ${trend.first.toFixed(0)} → ${trend.last.toFixed(0)} ms (×${trend.ratio.toFixed(2)}, first vs last quarter medians); ` +
        `${wallSeconds.toFixed(0)} s wall`,
    );
}
