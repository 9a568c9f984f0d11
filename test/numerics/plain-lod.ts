/**
 * The LOD step written plainly, one line at a time, with the solver's arithmetic: each line solved
 * in double precision, the field rounded to its storage type once per sweep. The oracle that the
 * tuned solver (row groups, column blocks) must match bit for bit.
 */
import type { AxisCoefficients, DiffusionOperator, FieldArray } from "../../src/model/fields/solver";

/** Solves one line of `ax.n` values at f[start + k·stride] in place. */
function solveLine(f: FieldArray, start: number, stride: number, ax: AxisCoefficients): void {
  const { n, r, inv, cPrime } = ax;
  const d = new Float64Array(n);
  d[0] = f[start]! * inv[0]!;
  for (let i = 1; i < n; i++) d[i] = (f[start + i * stride]! + r * d[i - 1]!) * inv[i]!;
  for (let i = n - 2; i >= 0; i--) d[i] = d[i]! - cPrime[i]! * d[i + 1]!;
  for (let i = 0; i < n; i++) f[start + i * stride] = d[i]!;
}

export function plainDiffuse(f: FieldArray, op: DiffusionOperator): void {
  for (let j = 0; j < op.height; j++) solveLine(f, j * op.width, 1, op.x);
  for (let i = 0; i < op.width; i++) solveLine(f, i, op.width, op.y);
}
