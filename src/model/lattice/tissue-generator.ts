/**
 * Builds healthy liver tissue: hexagonal lobules (central vein at the centre, portal tracts at the
 * corners), radial sinusoids that branch towards the portal tracts, a zonation coordinate, and
 * Kupffer and stellate cells in their niches. Deterministic in (seed, size, parameters).
 */
import { uniform } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import { Cell, HepState, HscState, KupState, Vessel } from "./codes";
import { allocateTissue, type TissueState } from "./state";

export interface TissueOptions {
  width: number;
  height: number;
  seed: number;
  /** Centre-to-corner lobule radius in sites. */
  lobuleRadius: number;
  kupfferFraction: number;
  stellateFraction: number;
}

interface Point {
  x: number;
  y: number;
}

/**
 * The generator draws before any step, so the step slot of its draws names what is drawn (with the
 * purpose, rng/purposes): the lattice offset and per-site placement, then each vein's x and y jitter
 * and its sinusoid phase, indexed by vein.
 */
const DRAW = { offsetOrSite: 0, jitterX: 1, jitterY: 2, branchPhase: 3 } as const;

const CV_RADIUS = 1.2;
const PT_RADIUS = 1.6;

/** Central veins on a jittered triangular lattice, with a margin so edges look like the interior. */
function centralVeins(o: TissueOptions): { points: Point[]; cols: number; rows: number } {
  const d = Math.sqrt(3) * o.lobuleRadius;
  const rowStep = 1.5 * o.lobuleRadius;
  const cols = Math.ceil(o.width / d) + 4;
  const rows = Math.ceil(o.height / rowStep) + 4;
  const ox = (uniform(o.seed, DRAW.offsetOrSite, 0, Purpose.tissueLobuleJitter) - 0.5) * d - 2 * d;
  const oy = (uniform(o.seed, DRAW.offsetOrSite, 1, Purpose.tissueLobuleJitter) - 0.5) * rowStep - 2 * rowStep;
  const jitter = 0.12 * o.lobuleRadius;
  const points: Point[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const id = j * cols + i;
      const jx = (uniform(o.seed, DRAW.jitterX, id, Purpose.tissueLobuleJitter) - 0.5) * 2 * jitter;
      const jy = (uniform(o.seed, DRAW.jitterY, id, Purpose.tissueLobuleJitter) - 0.5) * 2 * jitter;
      points.push({ x: ox + i * d + (j % 2) * (d / 2) + jx, y: oy + j * rowStep + jy });
    }
  }
  return { points, cols, rows };
}

/** Portal tracts at the centroids of the CV triangles (the corners of the hexagonal lobules). */
function portalTracts(cv: { points: Point[]; cols: number; rows: number }): Point[] {
  const { points, cols, rows } = cv;
  const at = (i: number, j: number) => (i >= 0 && i < cols && j >= 0 && j < rows ? points[j * cols + i] : undefined);
  const out: Point[] = [];
  const tri = (a?: Point, b?: Point, c?: Point) => {
    if (a && b && c) out.push({ x: (a.x + b.x + c.x) / 3, y: (a.y + b.y + c.y) / 3 });
  };
  for (let j = 0; j < rows - 1; j++) {
    for (let i = 0; i < cols; i++) {
      if (j % 2 === 0) {
        tri(at(i, j), at(i + 1, j), at(i, j + 1));
        tri(at(i, j), at(i - 1, j + 1), at(i, j + 1));
      } else {
        tri(at(i, j), at(i + 1, j), at(i + 1, j + 1));
        tri(at(i, j), at(i, j + 1), at(i + 1, j + 1));
      }
    }
  }
  return out;
}

/** Bucket grid for nearest-point queries. */
function nearestFinder(points: Point[], cell: number) {
  const buckets = new Map<string, number[]>();
  points.forEach((p, idx) => {
    const key = `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
    const list = buckets.get(key);
    if (list) list.push(idx);
    else buckets.set(key, [idx]);
  });
  return (x: number, y: number): { index: number; dist: number; second: number; secondDist: number } => {
    const bx = Math.floor(x / cell);
    const by = Math.floor(y / cell);
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    let second = -1;
    let secondD = Number.POSITIVE_INFINITY;
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++) {
        const list = buckets.get(`${bx + dx},${by + dy}`);
        if (!list) continue;
        for (const idx of list) {
          const p = points[idx]!;
          const d = Math.hypot(p.x - x, p.y - y);
          if (d < bestD || (d === bestD && idx < best)) {
            second = best;
            secondD = bestD;
            bestD = d;
            best = idx;
          } else if (d < secondD || (d === secondD && idx < second)) {
            secondD = d;
            second = idx;
          }
        }
      }
    return { index: best, dist: bestD, second, secondDist: secondD };
  };
}

/** Sinusoid spokes: their number doubles outwards so the arc spacing stays in (2, 4] sites. */
function isOnSpoke(r: number, theta: number, phase: number): boolean {
  if (r < CV_RADIUS + 1) return true;
  const n = Math.max(4, 2 ** Math.ceil(Math.log2((2 * Math.PI * r) / 4)));
  const spacing = (2 * Math.PI * r) / n;
  const u = (theta / (2 * Math.PI)) * n + phase;
  const distToSpoke = Math.abs(u - Math.round(u)) * spacing;
  // Bresenham-like test: a thin line stays 8-connected at any angle.
  return distToSpoke < 0.5 * Math.max(Math.abs(Math.cos(theta)), Math.abs(Math.sin(theta)));
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const u = Math.max(0, Math.min(1, ((x - a.x) * vx + (y - a.y) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - a.x - u * vx, y - a.y - u * vy);
}

/** Gaussian closeness to a septum axis, width ≈ 8 % of the lobule radius, as 0–255. */
function axisCloseness(distance: number, lobuleRadius: number): number {
  const sigma = Math.max(1, 0.08 * lobuleRadius);
  return Math.round(255 * Math.exp(-(distance * distance) / (2 * sigma * sigma)));
}

export function generateTissue(o: TissueOptions): TissueState {
  const t = allocateTissue(o.width, o.height);
  const cv = centralVeins(o);
  const pts = portalTracts(cv);
  const nearestCv = nearestFinder(cv.points, o.lobuleRadius * 2);
  const nearestPt = nearestFinder(pts, o.lobuleRadius * 2);
  const phase = cv.points.map((_, i) => uniform(o.seed, DRAW.branchPhase, i, Purpose.tissueSinusoidBranch));

  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      const k = y * o.width + x;
      const px = x + 0.5;
      const py = y + 0.5;
      const c = nearestCv(px, py);
      const p = nearestPt(px, py);
      t.zone[k] = p.dist / (p.dist + c.dist + 1e-9);
      const centre = cv.points[c.index]!;
      const other = cv.points[c.second]!;
      t.centralAxis[k] = axisCloseness(distanceToSegment(px, py, centre, other), o.lobuleRadius);
      // On the lobule boundary the two nearest central veins are equally far.
      t.portalAxis[k] = axisCloseness((c.secondDist - c.dist) / 2, o.lobuleRadius);
      if (c.dist <= CV_RADIUS) {
        t.vessel[k] = Vessel.centralVein;
        t.collagen[k] = 1;
      } else if (p.dist <= PT_RADIUS) {
        t.vessel[k] = Vessel.portalTract;
        t.collagen[k] = 1;
      } else if (isOnSpoke(c.dist, Math.atan2(py - centre.y, px - centre.x) + Math.PI, phase[c.index]!)) {
        t.vessel[k] = Vessel.sinusoid;
      }
    }
  }
  placeCells(t, o);
  return t;
}

/** Kupffer cells on sinusoids (more periportal), stellate cells beside sinusoids, hepatocytes elsewhere. */
function placeCells(t: TissueState, o: TissueOptions): void {
  const { width: w, height: h } = t;
  let sinusoids = 0;
  let niches = 0;
  const nextToSinusoid = new Uint8Array(t.size);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const k = y * w + x;
      if (t.vessel[k] === Vessel.sinusoid) sinusoids++;
      else if (t.vessel[k] === Vessel.none) {
        const near =
          (x > 0 && t.vessel[k - 1] === Vessel.sinusoid) ||
          (x < w - 1 && t.vessel[k + 1] === Vessel.sinusoid) ||
          (y > 0 && t.vessel[k - w] === Vessel.sinusoid) ||
          (y < h - 1 && t.vessel[k + w] === Vessel.sinusoid);
        if (near) {
          nextToSinusoid[k] = 1;
          niches++;
        }
      }
    }
  const pKupffer = sinusoids > 0 ? Math.min(1, (o.kupfferFraction * t.size) / sinusoids) : 0;
  const pStellate = niches > 0 ? Math.min(1, (o.stellateFraction * t.size) / niches) : 0;
  for (let k = 0; k < t.size; k++) {
    const v = t.vessel[k];
    if (v === Vessel.sinusoid) {
      // Kupffer cells are denser periportally (Bouwens 1986): weight 1.3 at zone 0, 0.7 at zone 1.
      const bias = 1.3 - 0.6 * t.zone[k]!;
      if (uniform(o.seed, DRAW.offsetOrSite, k, Purpose.tissueKupffer) < pKupffer * bias) {
        t.cell[k] = Cell.kupffer;
        t.state[k] = KupState.m0;
      }
    } else if (v === Vessel.none) {
      if (nextToSinusoid[k] && uniform(o.seed, DRAW.offsetOrSite, k, Purpose.tissueStellate) < pStellate) {
        t.cell[k] = Cell.stellate;
        t.state[k] = HscState.quiescent;
      } else {
        t.cell[k] = Cell.hepatocyte;
        t.state[k] = HepState.normal;
      }
    }
  }
}
