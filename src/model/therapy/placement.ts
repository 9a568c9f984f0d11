/**
 * Where arriving MSCs appear: intravascular routes enter at portal tracts, weighted by perfusion;
 * a direct injection is a bolus around the lattice centre. Placement is sequential in one thread
 * (it happens between phases), keyed by (seed, clock, cell number), so it is reproducible.
 */
import { Cell, MscState, Vessel } from "../lattice/codes";
import type { MscRoute } from "../params/scenario-schema";
import { uniform } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";

// Local copies of the codes: hot loops must not go through module-export getters.
const EMPTY = Cell.empty;
const HEPATOCYTE = Cell.hepatocyte;
const MSC = Cell.msc;
const MSC_HOMING = MscState.homing;
const V_PORTAL_TRACT = Vessel.portalTract;
const V_CENTRAL_VEIN = Vessel.centralVein;

/** Entry weight by vessel state: perfused sinusoids take most cells. */
const ENTRY_WEIGHT = [0.5, 1, 0.3, 0, 0];
const PORTAL_REACH = 3;

/** Sites within PORTAL_REACH of a portal tract (static geometry), computed once per simulation. */
const portalCache = new WeakMap<Uint8Array, Int32Array>();
function portalEntrySites(sim: SimState): Int32Array {
  const t = sim.tissue;
  const cached = portalCache.get(t.vessel);
  if (cached) return cached;
  const { width: w, height: h, vessel } = t;
  const near = new Uint8Array(t.size);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (vessel[y * w + x] !== V_PORTAL_TRACT) continue;
      for (let dy = -PORTAL_REACH; dy <= PORTAL_REACH; dy++)
        for (let dx = -PORTAL_REACH; dx <= PORTAL_REACH; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < w && ny < h && dx * dx + dy * dy <= PORTAL_REACH * PORTAL_REACH) near[ny * w + nx] = 1;
        }
    }
  const list: number[] = [];
  for (let k = 0; k < t.size; k++) if (near[k] && vessel[k] !== V_PORTAL_TRACT && vessel[k] !== V_CENTRAL_VEIN) list.push(k);
  const arr = Int32Array.from(list);
  portalCache.set(t.vessel, arr);
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

/** Places up to `count` simulated MSCs of one infusion; returns how many found a free site. */
export function placeMscs(sim: SimState, infusion: number, route: MscRoute, count: number): number {
  if (count <= 0) return 0;
  const t = sim.tissue;
  const sites = route === "intraparenchymal" ? bolusSites(sim, count) : portalEntrySites(sim);
  if (sites.length === 0) return 0;
  const bolus = route === "intraparenchymal";
  let placed = 0;
  let draw = 0;
  const maxDraws = count * 40;
  while (placed < count && draw < maxDraws) {
    const u = uniform(sim.seed, sim.clock, draw, Purpose.mscArriveSite);
    const accept = uniform(sim.seed, sim.clock, draw, Purpose.mscArrive);
    draw++;
    const k = sites[(u * sites.length) | 0]!;
    const v = t.vessel[k]!;
    if (t.cell[k] !== EMPTY && !(bolus && t.cell[k] === HEPATOCYTE)) continue;
    if (!bolus && accept >= ENTRY_WEIGHT[v]!) continue;
    if (v === V_PORTAL_TRACT || v === V_CENTRAL_VEIN) continue;
    // A direct injection displaces parenchyma locally (needle track); intravascular cells need room.
    t.cell[k] = MSC;
    t.state[k] = (infusion << 2) | MSC_HOMING;
    t.timer[k] = 0;
    t.damage[k] = 0;
    placed++;
  }
  return placed;
}
