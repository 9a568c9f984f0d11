/**
 * Septa connectivity: which vessel structures (central veins, portal tracts) are joined by
 * continuous scar. Bridging septa (portal–central, central–central) mark stage F3; a network
 * that bridges most veins marks cirrhosis (F4). Union–find over stained sites within two sites of each other.
 */
import { Vessel } from "../lattice/codes";
import type { TissueState } from "../lattice/state";

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

/**
 * Chebyshev distance (sites) within which stained sites join: a septum may have a gap of one 20-µm site.
 * Assumed: at the magnification used for staging a septum whose stain fades over one cell's width
 * is still read as continuous, and without it a held stage's bridges break wherever a single site
 * of a thin septum dips below the stain threshold (docs/model.md, "Read-outs").
 */
const SEPTUM_REACH = 2;

/** Percentage of central veins whose scar reaches another central vein or a portal tract. */
export function bridgingPercent(t: TissueState, threshold: number): number {
  const { width: w, height: h, size, collagen, vessel } = t;
  // Union–find parents of scar and of vessel structures (once a simulated day: allocated per call).
  const parent = new Int32Array(size);
  const vparent = new Int32Array(size);
  for (let k = 0; k < size; k++) {
    parent[k] = k;
    vparent[k] = k;
  }
  // Scar: stained collagen, or a vessel structure (CV or PT). Vessel structures: components of
  // same-type CV/PT sites alone (8-connected). Scar joins scar within SEPTUM_REACH sites (Chebyshev)
  // through the neighbours already visited: a septum whose stain fades at one site still bridges.
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const k = y * w + x;
      const vk = vessel[k];
      const isV = vk === Vessel.centralVein || vk === Vessel.portalTract;
      if (!isV && !(collagen[k]! >= threshold)) continue;
      for (let dy = -SEPTUM_REACH; dy <= 0; dy++) {
        if (y + dy < 0) continue;
        for (let dx = -SEPTUM_REACH; dx <= SEPTUM_REACH; dx++) {
          if (dy === 0 && dx >= 0) break;
          if (x + dx < 0 || x + dx >= w) continue;
          const n = k + dy * w + dx;
          const vn = vessel[n];
          if (!(vn === Vessel.centralVein || vn === Vessel.portalTract || collagen[n]! >= threshold)) continue;
          union(parent, k, n);
          if (isV && vn === vk && dy >= -1 && dx >= -1 && dx <= 1) union(vparent, k, n);
        }
      }
    }
  // One entry per vessel structure (its root): the scar component it lies in.
  const structuresIn = new Map<number, number>(); // scar component root → vessel structures in it
  const cvComponents: number[] = []; // scar component of each CV structure
  for (let k = 0; k < size; k++) {
    const v = vessel[k];
    if ((v !== Vessel.centralVein && v !== Vessel.portalTract) || find(vparent, k) !== k) continue;
    const c = find(parent, k);
    structuresIn.set(c, (structuresIn.get(c) ?? 0) + 1);
    if (v === Vessel.centralVein) cvComponents.push(c);
  }
  if (cvComponents.length === 0) return 0;
  let bridged = 0;
  for (const c of cvComponents) if (structuresIn.get(c)! >= 2) bridged++;
  return (100 * bridged) / cvComponents.length;
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

/**
 * The stage estimate as a continuous index (0–4): the stage plus how far CPA has come through that
 * stage's CPA band, linear within the band (assumed; clipped to [0, 1] where septa hold the stage
 * below its CPA band). Progression rates in stages a year (Poynard 1997's "fibrosis units") need
 * it: a stage moves in whole steps, so a year rarely moves it for one patient.
 */
export function continuousStage(cpaPercent: number, stage: number): number {
  if (stage >= 4) return 4;
  const lo = stage === 0 ? 0 : STAGE_CPA_BANDS[stage - 1]!;
  const hi = STAGE_CPA_BANDS[stage]!;
  return stage + Math.min(1, Math.max(0, (cpaPercent - lo) / (hi - lo)));
}
