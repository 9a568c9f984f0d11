/**
 * Performance anchors and targets: PhysiCell's BioFVM solver (Ghaffarizadeh 2016, docs/model.md) and
 * plain code, measured 2026-11-26 on 2 vCPUs AMD EPYC Zen 4, Node 20 (medians of 9 runs,
 * ±10 % run-to-run noise). They were measured on another day: only ratios within one run are exact.
 */

export const ANCHOR_SOURCE =
  "measured 2026-11-26 on 2 vCPU AMD EPYC Zen 4: PhysiCell BioFVM v1.14.2, -O3 -march=native, double, LOD/Thomas";

/** BioFVM 2-D implicit LOD solver, voxel-updates per second (D = 1000 µm²/min, decay 0.1/min, dx 20 µm, dt 0.01 min). */
export const BIOFVM: readonly { grid: number; fields: number; oneThread: number; twoThreads: number }[] = [
  { grid: 256, fields: 1, oneThread: 24e6, twoThreads: 47e6 },
  { grid: 256, fields: 6, oneThread: 153e6, twoThreads: 266e6 },
  { grid: 512, fields: 1, oneThread: 23e6, twoThreads: 39e6 },
  { grid: 512, fields: 6, oneThread: 115e6, twoThreads: 201e6 },
  { grid: 1024, fields: 1, oneThread: 22e6, twoThreads: 34e6 },
  { grid: 1024, fields: 6, oneThread: 102e6, twoThreads: 166e6 },
];

/** The many-field BioFVM row for a grid (6 fields: the closest to Hepatosim's 8). */
export function biofvmManyFields(grid: number) {
  return BIOFVM.find((a) => a.grid === grid && a.fields === 6);
}

/** What plain code reached on the same machine (the same day). */
export const PLAIN_JS_ROWWISE = 120e6;
export const NATIVE_CPP_FLOAT32_ONE_THREAD = 300e6;

/** The solver parameters the anchors were measured with, in internal units (µm²/h, 1/h, µm, h). */
export const ANCHOR_SOLVER_PARAMS = { diffusion: 1000 * 60, decay: 0.1 * 60, dx: 20, dt: 0.01 / 60 };

/** Targets (issues 2 and 7). */
export const TARGETS = {
  /** Issue 2: solver at 512² × 8 fields, one core. */
  solver512: 120e6,
  /** Issue 7: solver at 1024² × 8 fields, one core. */
  solver1024: 300e6,
  /** Issue 7: whole engine, 512², F3 tissue with MSCs, Node, 2 workers. */
  engine512StepsPerS: 30,
  /** Whole state, bytes per lattice site. */
  bytesPerSite: 120,
} as const;
