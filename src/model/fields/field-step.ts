/**
 * One pseudo-time step of a field towards its quasi-steady state, in delta form (docs/model.md,
 * "Quasi-steady fields"). With A = λ − D∇² (the scheme's discrete operator, no-flux edges) and the
 * point-wise law P − L·c (source-sink-law.ts), the quasi-steady field solves
 *
 *   (A + L) c = P.
 *
 * A step computes the residual explicitly and corrects c by the implicit operators applied to it:
 *
 *   δ₀ = Δt·(P − L·c − A·c) / (1 + Δt·L)       point-wise (explicitRows, then the source pass)
 *   δ  = (1 + Δt·A_x)⁻¹ (1 + Δt·A_y)⁻¹ δ₀       the scheme's line solves (scheme.ts)
 *   c ← max(0, c + δ)                            (addIncrement)
 *
 * A fixed point has δ₀ = 0, i.e. it is the exact steady state of the discrete equation whatever the
 * step, the number of sub-steps or the splitting: the step only sets how fast a field gets there.
 * Every amplification factor of the iteration lies in [0, 1) for the constant-coefficient case.
 */
import type { DiffusionOperator, FieldArray } from "./scheme";

/**
 * d ← c − Δt·A·c over rows [y0, y1): c·(1 − λΔt) + r·Σ(c_neighbour − c) over the 4 neighbours inside
 * the lattice (r = D·Δt/Δx²). Reads rows y0 − 1 … y1 of c, writes rows y0 … y1 − 1 of d.
 */
export function explicitRows(
  c: FieldArray,
  d: FieldArray,
  op: DiffusionOperator,
  pitch: number,
  y0: number,
  y1: number,
): void {
  const { width: w, height: h, decayStep } = op;
  const r = op.x.r;
  const keep = 1 - decayStep;
  for (let y = y0; y < y1; y++) {
    const row = y * pitch;
    // A missing neighbour (edge) contributes no flux: read the site itself there instead.
    const up = y > 0 ? row - pitch : row;
    const down = y < h - 1 ? row + pitch : row;
    if (w === 1) {
      const v = c[row]!;
      d[row] = v * keep + r * (c[up]! + c[down]! - 2 * v);
      continue;
    }
    // Left, centre and right slide along the row: three loads a site instead of five.
    let v = c[row]!;
    let right = c[row + 1]!;
    d[row] = v * keep + r * (right + c[up]! + c[down]! - 3 * v);
    let left = v;
    v = right;
    for (let x = 1; x < w - 1; x++) {
      right = c[row + x + 1]!;
      d[row + x] = v * keep + r * (left + right + c[up + x]! + c[down + x]! - 4 * v);
      left = v;
      v = right;
    }
    const k = row + w - 1;
    v = c[k]!;
    d[k] = v * keep + r * (c[k - 1]! + c[up + w - 1]! + c[down + w - 1]! - 3 * v);
  }
}

/** c ← max(0, c + d) over columns [x0, x1) of every row: the end of a step, after the column sweeps. */
export function addIncrement(
  c: FieldArray,
  d: FieldArray,
  pitch: number,
  height: number,
  x0: number,
  x1: number,
): void {
  for (let y = 0; y < height; y++) {
    const row = y * pitch;
    for (let k = row + x0, end = row + x1; k < end; k++) {
      const v = c[k]! + d[k]!;
      c[k] = Math.max(0, v);
    }
  }
}
