/**
 * Septa connectivity: which vessel structures (central veins, portal tracts) are joined by
 * continuous scar. Bridging septa (portal–central, central–central) mark stage F3; a network
 * that bridges most veins marks cirrhosis (F4). Union–find over 8-connected stained sites.
 */
import { Vessel } from "../lattice/codes";
import type { TissueState } from "../lattice/state";

// Local copies of the codes: hot loops must not go through module-export getters.
const V_CENTRAL_VEIN = Vessel.centralVein;
const V_PORTAL_TRACT = Vessel.portalTract;

function find(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]!]!;
    a = parent[a]!;
  }
  return a;
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** Percentage of central veins whose scar reaches another central vein or a portal tract. */
export function bridgingPercent(t: TissueState, threshold: number): number {
  const { width: w, height: h, size, collagen, vessel } = t;
  const parent = new Int32Array(size);
  for (let k = 0; k < size; k++) parent[k] = k;
  const scar = (k: number) => collagen[k]! >= threshold || vessel[k] === V_CENTRAL_VEIN || vessel[k] === V_PORTAL_TRACT;
  // Vessel structures: components of CV/PT sites alone.
  const vparent = new Int32Array(size);
  for (let k = 0; k < size; k++) vparent[k] = k;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const k = y * w + x;
      if (!scar(k)) continue;
      const isV = vessel[k] === V_CENTRAL_VEIN || vessel[k] === V_PORTAL_TRACT;
      const link = (n: number) => {
        if (!scar(n)) return;
        union(parent, k, n);
        if (isV && vessel[n] === vessel[k]) union(vparent, k, n);
      };
      if (x > 0) link(k - 1);
      if (y > 0) {
        link(k - w);
        if (x > 0) link(k - w - 1);
        if (x < w - 1) link(k - w + 1);
      }
    }
  // Count distinct vessel structures per scar component.
  const structuresIn = new Map<number, Set<number>>();
  const cvStructures = new Map<number, number>(); // CV structure root → scar component root
  for (let k = 0; k < size; k++) {
    const v = vessel[k];
    if (v !== V_CENTRAL_VEIN && v !== V_PORTAL_TRACT) continue;
    const s = find(vparent, k);
    const c = find(parent, k);
    let set = structuresIn.get(c);
    if (!set) structuresIn.set(c, (set = new Set()));
    set.add(s);
    if (v === V_CENTRAL_VEIN) cvStructures.set(s, c);
  }
  if (cvStructures.size === 0) return 0;
  let bridged = 0;
  for (const c of cvStructures.values()) if ((structuresIn.get(c)?.size ?? 0) >= 2) bridged++;
  return (100 * bridged) / cvStructures.size;
}

/** CPA bands (%) separating F0|F1|F2|F3|F4 (Huang 2014 bands; docs/model.md). */
export const STAGE_CPA_BANDS = [3.5, 6, 10, 15] as const;

/**
 * Fibrosis stage estimate 0–4 from CPA and septa connectivity: CPA gives a provisional stage;
 * F3 and F4 also need bridging septa (≥ 20 % / ≥ 50 % of central veins bridged).
 */
export function estimateStage(cpaPercent: number, bridging: number): number {
  let stage = 0;
  for (const band of STAGE_CPA_BANDS) if (cpaPercent >= band) stage++;
  if (stage >= 4 && bridging < 50) stage = 3;
  if (stage >= 3 && bridging < 20) stage = 2;
  return stage;
}
