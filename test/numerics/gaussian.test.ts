/**
 * Issue 2 (b): a point release spreads as the analytic 2-D Gaussian. The run starts from the
 * Gaussian at t0 > 0 (a point has no lattice representation), so the error at t1 is the scheme's.
 * Order in time: a fine grid (σ ≥ 20 sites, spatial error ≈ 1e-4) and halving dt; the LOD step is
 * backward Euler per axis, so first order. Order in space: dx halved with dt ∝ dx² (r fixed), so both
 * error terms scale as dx² for a scheme second order in space; a first-order spatial error would show as 1.
 */
import { describe, expect, it } from "vitest";
import { diffuse, makeDiffusionOperator } from "../../src/model/fields/solver";

/** 1000 µm²/min in µm²/h, the anchors' diffusion coefficient. */
const D = 60000;

interface Run {
  sites: number;
  steps: number;
  r: number;
  /** ‖c − exact‖₂ / ‖exact‖₂ over the lattice. */
  l2: number;
  /** max |c − exact| / peak. */
  max: number;
}

/** Gaussian of variance σ0² (µm²) evolved to σ1² with step dt (h) on a (2·half+1)² lattice of pitch dx (µm). */
function gaussianRun(
  make: (n: number) => Float32Array | Float64Array,
  dx: number,
  sigma0: number,
  sigma1: number,
  dt: number,
  halfWidth: number,
): Run {
  const half = Math.round(halfWidth / dx);
  const n = 2 * half + 1;
  const t0 = sigma0 ** 2 / (2 * D);
  const steps = Math.round((sigma1 ** 2 - sigma0 ** 2) / (2 * D) / dt);
  const exact = (t: number, i: number, j: number) => {
    const s2 = 2 * D * t;
    const x = (i - half) * dx;
    const y = (j - half) * dx;
    return (sigma0 ** 2 / s2) * Math.exp(-(x * x + y * y) / (2 * s2));
  };
  const f = make(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) f[j * n + i] = exact(t0, i, j);
  const op = makeDiffusionOperator(n, n, D, 0, dx, dt);
  for (let s = 0; s < steps; s++) diffuse(f, op);
  const t1 = t0 + steps * dt;
  let err2 = 0;
  let norm2 = 0;
  let errMax = 0;
  let peak = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const e = exact(t1, i, j);
      const d = f[j * n + i]! - e;
      err2 += d * d;
      norm2 += e * e;
      errMax = Math.max(errMax, Math.abs(d));
      peak = Math.max(peak, e);
    }
  }
  return { sites: n, steps, r: (D * dt) / (dx * dx), l2: Math.sqrt(err2 / norm2), max: errMax / peak };
}

const f64 = (n: number) => new Float64Array(n);
const f32 = (n: number) => new Float32Array(n);

/** Observed orders between successive halvings. */
function orders(runs: Run[]): number[] {
  return runs.slice(1).map((run, i) => Math.log2(runs[i]!.l2 / run.l2));
}

function report(title: string, label: (i: number) => string, runs: Run[]): string {
  const o = orders(runs);
  const rows = runs.map(
    (run, i) =>
      `${label(i)}: ${run.sites}² sites, ${run.steps} steps, r=${run.r.toFixed(3)}, L2 ${run.l2.toExponential(3)}, max ${run.max.toExponential(3)}${i > 0 ? `, order ${o[i - 1]!.toFixed(3)}` : ""}`,
  );
  return `${title}\n  ${rows.join("\n  ")}`;
}

describe("Gaussian spread", () => {
  it("converges in time at order ≥ 0.9 (σ 400 → 800 µm, dx 20 µm)", () => {
    const dts = [0.2, 0.1, 0.05, 0.025];
    const runs = dts.map((dt) => gaussianRun(f64, 20, 400, 800, dt, 5120));
    console.log(report("Gaussian, time refinement (float64):", (i) => `dt=${dts[i]} h`, runs));
    for (const o of orders(runs)) expect(o).toBeGreaterThanOrEqual(0.9);
    expect(runs.at(-1)!.l2).toBeLessThan(0.005);
  });

  it("converges in space at order ≈ 2 with dt ∝ dx² (σ 100 → 200 µm)", () => {
    const dxs = [40, 20, 10];
    const runs = dxs.map((dx) => gaussianRun(f64, dx, 100, 200, (0.5 * dx * dx) / D, 1280));
    console.log(report("Gaussian, space refinement at r = 0.5 (float64):", (i) => `dx=${dxs[i]} µm`, runs));
    for (const o of orders(runs)) expect(o).toBeGreaterThanOrEqual(1.8);
  });

  it("float32 storage adds no visible error", () => {
    const a = gaussianRun(f64, 20, 400, 800, 0.1, 5120);
    const b = gaussianRun(f32, 20, 400, 800, 0.1, 5120);
    console.log(`Gaussian, dt=0.1 h: L2 error float64 ${a.l2.toExponential(4)}, float32 ${b.l2.toExponential(4)}`);
    expect(Math.abs(b.l2 - a.l2)).toBeLessThan(1e-3 * a.l2 + 1e-6);
  });
});
