/**
 * Where arriving MSCs appear: intravascular routes enter at portal tracts, weighted by perfusion;
 * a direct injection is a bolus around the lattice centre. Placement is sequential in one thread
 * (it happens between phases), keyed by (seed, clock, cell number), so it is reproducible.
 */
import { Cell, MscState, Vessel } from "../lattice/codes";
import { markPlaced } from "../lattice/identity";
import type { MscRoute } from "../params/scenario-schema";
import { uniform } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";

/** Entry weight by vessel state: perfused sinusoids take most cells. */
const ENTRY_WEIGHT = [0.5, 1, 0.3, 0, 0];
const PORTAL_REACH = 3;

/** Sites within PORTAL_REACH of a portal tract (static geometry), computed once per run (kept in `Derived`). */
function portalEntrySites(sim: SimState): Int32Array {
  const t = sim.tissue;
  const cached = sim.derived.portalEntry;
  if (cached) return cached;
  const { width: w, height: h, vessel } = t;
  const near = new Uint8Array(t.size);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (vessel[y * w + x] !== Vessel.portalTract) continue;
      for (let dy = -PORTAL_REACH; dy <= PORTAL_REACH; dy++)
        for (let dx = -PORTAL_REACH; dx <= PORTAL_REACH; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < w && ny < h && dx * dx + dy * dy <= PORTAL_REACH * PORTAL_REACH)
            near[ny * w + nx] = 1;
        }
    }
  const list: number[] = [];
  for (let k = 0; k < t.size; k++)
    if (near[k] && vessel[k] !== Vessel.portalTract && vessel[k] !== Vessel.centralVein) list.push(k);
  const arr = Int32Array.from(list);
  sim.derived.portalEntry = arr;
  return arr;
}

function bolusSites(sim: SimState, count: number): Int32Array {
  const { width: w, height: h } = sim.tissue;
  const radius = Math.max(4, Math.sqrt((3 * count) / Math.PI));
  const cx = w / 2;
  const cy = h / 2;
  const list: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius * radius) list.push(y * w + x);
  return Int32Array.from(list);
}

/**
 * Weighted sampling without replacement, keyed by site (Efraimidis–Spirakis: key = u^(1/w), take
 * the largest; ties to the lower site), so the choice does not depend on the order of the
 * candidate list. A few cells arrive per step, so the best `count` keys are kept in a small sorted
 * buffer rather than sorting every candidate (same choice; this runs on one thread each step).
 */
function chooseSites(
  sim: SimState,
  sites: ArrayLike<number>,
  count: number,
  weight: (k: number) => number,
  taken: Set<number>,
): number[] {
  if (count > TOP_BUFFER) return chooseBySort(sim, sites, count, weight, taken);
  const topKey = new Float64Array(count);
  const topSite = new Int32Array(count);
  let n = 0;
  for (let i = 0; i < sites.length; i++) {
    const k = sites[i]!;
    const w = weight(k);
    if (w <= 0 || taken.has(k)) continue;
    const u = uniform(sim.seed, sim.clock, k, Purpose.mscArriveSite);
    const key = w === 1 ? u : u ** (1 / w);
    if (n === count && !(key > topKey[n - 1]! || (key === topKey[n - 1]! && k < topSite[n - 1]!))) continue;
    // Insert in order (key descending, then site ascending), dropping the last if full.
    let j = n < count ? n++ : n - 1;
    while (j > 0 && (topKey[j - 1]! < key || (topKey[j - 1]! === key && topSite[j - 1]! > k))) {
      topKey[j] = topKey[j - 1]!;
      topSite[j] = topSite[j - 1]!;
      j--;
    }
    topKey[j] = key;
    topSite[j] = k;
  }
  return Array.from(topSite.subarray(0, n));
}

/** Above this many cells in one step, sorting all candidates is cheaper than the sorted buffer. */
const TOP_BUFFER = 64;

function chooseBySort(
  sim: SimState,
  sites: ArrayLike<number>,
  count: number,
  weight: (k: number) => number,
  taken: Set<number>,
): number[] {
  const keyed: [number, number][] = [];
  for (let i = 0; i < sites.length; i++) {
    const k = sites[i]!;
    if (taken.has(k)) continue;
    const w = weight(k);
    if (w <= 0) continue;
    const u = uniform(sim.seed, sim.clock, k, Purpose.mscArriveSite);
    keyed.push([w === 1 ? u : u ** (1 / w), k]);
  }
  keyed.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return keyed.slice(0, count).map(([, k]) => k);
}

/**
 * Places `count` simulated MSCs of one infusion: first where the route delivers them (portal
 * tracts, or the injection site); if those sites are full, anywhere free in the section (cells
 * carried on by the blood). Returns how many found a site.
 */
export function placeMscs(sim: SimState, infusion: number, route: MscRoute, count: number): number {
  if (count <= 0) return 0;
  const t = sim.tissue;
  const bolus = route === "intraparenchymal";
  const free = (k: number) => {
    const v = t.vessel[k]!;
    if (v === Vessel.portalTract || v === Vessel.centralVein) return 0;
    // A direct injection displaces parenchyma locally (needle track); intravascular cells need room.
    if (t.cell[k] === Cell.empty) return bolus ? 1 : ENTRY_WEIGHT[v]!;
    return bolus && t.cell[k] === Cell.hepatocyte ? 1 : 0;
  };
  const taken = new Set<number>();
  const chosen = chooseSites(sim, bolus ? bolusSites(sim, count) : portalEntrySites(sim), count, free, taken);
  for (const k of chosen) taken.add(k);
  if (chosen.length < count) {
    const everywhere = Array.from({ length: t.size }, (_, k) => k);
    const emptyOnly = (k: number) => (t.cell[k] === Cell.empty ? free(k) : 0);
    chosen.push(...chooseSites(sim, everywhere, count - chosen.length, emptyOnly, taken));
  }
  for (const k of chosen) {
    t.cell[k] = Cell.msc;
    t.state[k] = (infusion << 2) | MscState.homing;
    t.timer[k] = 0;
    t.damage[k] = 0;
    markPlaced(t, k, sim.step);
  }
  return chosen.length;
}
