/**
 * `npm run holding -- PRESET [--lo 0.15] [--hi 1] [--steps 4] [--seeds 1..3] [--size 96] [--days 84] [--set path=value]…`:
 * finds the continuing injury that holds a preset's stage (docs/model.md, "Holding intensity") by
 * bisection on `disease.injury.intensity`: at each probe, the mean over seeds of CPA(day) − CPA(0),
 * paired per seed; a negative drift raises the intensity, a positive one lowers it. The drift grows
 * with the intensity (more damage, more activated stellate cells, more deposition), which is what
 * makes a bisection valid; the probes printed show it, and a warning (exit code 1) names any pair that
 * breaks it. `--set` (as for `hepatosim run`, repeatable)
 * finds it under changed parameters, e.g. another species clock. Deterministic: same arguments, same answer.
 */
import { presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import { createSimulation } from "../model/simulation";
import { setPath } from "../study/scenario-paths";
import { parseSet } from "./flags";
import { monotoneBreaks, type Probe } from "./holding-probes";

interface Args {
  preset: string;
  lo: number;
  hi: number;
  steps: number;
  seeds: number[];
  size: number;
  days: number;
  sets: { path: string; value: unknown }[];
}

function parseSeeds(text: string): number[] {
  const m = /^(\d+)\.\.(\d+)$/.exec(text);
  if (m) return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
  return text.split(",").map(Number);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { preset: "", lo: 0.15, hi: 1, steps: 4, seeds: [1, 2, 3], size: 96, days: 84, sets: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (!flag.startsWith("--")) {
      a.preset = flag;
      continue;
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--seeds") a.seeds = parseSeeds(value);
    else if (flag === "--set") a.sets.push(parseSet(value));
    else if (flag === "--lo" || flag === "--hi" || flag === "--steps" || flag === "--size" || flag === "--days")
      a[flag.slice(2) as "lo" | "hi" | "steps" | "size" | "days"] = Number(value);
    else throw new Error(`unknown flag ${flag}`);
  }
  if (!presetLookup(a.preset)) throw new Error(`unknown preset "${a.preset}" (see \`npx hepatosim presets\`)`);
  if (!(a.lo >= 0 && a.hi > a.lo)) throw new Error("need 0 ≤ --lo < --hi");
  if (a.seeds.some((s) => !Number.isInteger(s))) throw new Error("--seeds: a list such as 1..3 or 1,2,5");
  if (!(Number.isInteger(a.steps) && a.steps >= 1)) throw new Error("--steps: a whole number ≥ 1");
  return a;
}

/** Mean over seeds of CPA(day) − CPA(0) at day 28 (if run that long) and at the last day. */
function drift(a: Args, intensity: number): { d28: number; dEnd: number } {
  let d28 = 0;
  let dEnd = 0;
  for (const seed of a.seeds) {
    const doc: Record<string, unknown> = {
      preset: a.preset,
      seed,
      days: a.days,
      lattice: { width: a.size, height: a.size },
      disease: { injury: { intensity } },
    };
    for (const { path, value } of a.sets) setPath(doc, path, value);
    const sim = createSimulation(resolveScenario(doc, presetLookup));
    sim.step(sim.totalSteps);
    const h = sim.history();
    const cpa = (day: number) => h.find((r) => r.day === day)?.cpa_percent ?? Number.NaN;
    d28 += cpa(Math.min(28, a.days)) - cpa(0);
    dEnd += cpa(a.days) - cpa(0);
  }
  return { d28: d28 / a.seeds.length, dEnd: dEnd / a.seeds.length };
}

function main(): void {
  const a = parseArgs(process.argv.slice(2));
  let { lo, hi } = a;
  const probes: Probe[] = [];
  for (let k = 0; k < a.steps; k++) {
    const mid = Math.round(((lo + hi) / 2) * 1e4) / 1e4;
    const d = drift(a, mid);
    probes.push({ intensity: mid, drift: d.dEnd });
    console.log(`I = ${mid}: mean CPA drift day 28 ${d.d28.toFixed(2)}, day ${a.days} ${d.dEnd.toFixed(2)} points`);
    if (d.dEnd < 0) lo = mid;
    else hi = mid;
  }
  console.log(`${a.preset}: holding intensity in [${lo}, ${hi}], midpoint ${Math.round(((lo + hi) / 2) * 1e4) / 1e4}`);
  for (const [x, y] of monotoneBreaks(probes)) {
    const at = (p: Probe) => `I = ${p.intensity} drifts ${p.drift.toFixed(2)}`;
    console.warn(`warning: not monotone (${at(x)}, ${at(y)}): the interval may be wrong; try more seeds or fewer days`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (e) {
  console.error(`holding: ${(e as Error).message}`);
  process.exitCode = 2;
}
