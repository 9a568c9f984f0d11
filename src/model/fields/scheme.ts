/**
 * Implicit diffusion–decay on a 2-D lattice: locally one-dimensional backward Euler (an x-sweep
 * over rows, then a y-sweep over columns), Thomas algorithm with coefficients precomputed once,
 * decay split evenly across the two sweeps, no-flux boundaries. Unconditionally stable and, for
 * non-negative input, non-negative (the inverse of each M-matrix is non-negative).
 * This is BioFVM's 2-D scheme.
 *
 * Each line is solved in double precision and the field is rounded to its storage type once per
 * sweep. Rounding the forward-eliminated intermediates to float32 as well (solving in place) biases
 * near-uniform fields by ~1 ulp per step, the same way at every site: the total drifted by up to
 * 4e-4 over 1,000 steps. With one rounding per sweep a lost update is an update that sums to zero.
 *
 * Speed: lines are solved in groups (4–16 independent recurrences side by side, so the FPU is not
 * waiting on one chain; a y-sweep group reads whole cache lines), and Float32Array fields go through
 * WebAssembly kernels built below (f64x2 SIMD where available), which V8 compiles without the
 * per-element map, bounds and overflow checks of typed-array JS: ≈2.5× the JS line groups, ≈4× the
 * plain in-place step (`npm run bench`). Every path does the same IEEE double operations in the same
 * order (wasm never fuses multiply-adds), so all give the same bits; test/numerics checks each
 * against a plain oracle.
 *
 * Units: D in µm²/h, decay in 1/h, dx in µm, dt in h (internal units).
 */

export type FieldArray = Float32Array | Float64Array;

/** Thomas coefficients for one axis: forward factor 1/(b_i + r c'_{i-1}) and back-substitution c'_i. */
export interface AxisCoefficients {
  n: number;
  r: number;
  inv: Float64Array;
  cPrime: Float64Array;
}

export interface DiffusionOperator {
  width: number;
  height: number;
  x: AxisCoefficients;
  y: AxisCoefficients;
  /** Decay × step (λ·Δt): with x.r = y.r = D·Δt/Δx², the explicit operator of field-step.ts. */
  decayStep: number;
}

function axisCoefficients(n: number, r: number, decayHalf: number): AxisCoefficients {
  const inv = new Float64Array(n);
  const cPrime = new Float64Array(n);
  if (n === 1) {
    inv[0] = 1 / (1 + decayHalf);
    return { n, r, inv, cPrime };
  }
  let prevC = 0;
  for (let i = 0; i < n; i++) {
    const edge = i === 0 || i === n - 1;
    const b = 1 + (edge ? r : 2 * r) + decayHalf;
    const denom = b + r * prevC;
    inv[i] = 1 / denom;
    prevC = i < n - 1 ? -r / denom : 0;
    cPrime[i] = prevC;
  }
  return { n, r, inv, cPrime };
}

export function makeDiffusionOperator(
  width: number,
  height: number,
  diffusion: number,
  decay: number,
  dx: number,
  dt: number,
): DiffusionOperator {
  if (!(diffusion >= 0 && decay >= 0 && dx > 0 && dt > 0))
    throw new Error(`diffusion operator: bad D=${diffusion} decay=${decay} dx=${dx} dt=${dt}`);
  const r = (diffusion * dt) / (dx * dx);
  const decayHalf = (decay * dt) / 2;
  return {
    width,
    height,
    x: axisCoefficients(width, r, decayHalf),
    y: axisCoefficients(height, r, decayHalf),
    decayStep: decay * dt,
  };
}

/**
 * Row length of field f on op's lattice: f holds height rows of `pitch` ≥ width values, the first
 * width of which are the lattice (fields/layout fieldPitch pads some widths).
 */
export function pitchOf(f: FieldArray, op: DiffusionOperator): number {
  const pitch = f.length / op.height;
  if (!(Number.isInteger(pitch) && pitch >= op.width))
    throw new Error(`solver: a field of ${f.length} values does not fit a ${op.width} × ${op.height} lattice`);
  return pitch;
}
