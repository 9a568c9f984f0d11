/** Latin-hypercube sampling: each of n strata of every dimension holds exactly one point. */
import { permutation, type Uniform } from "./random";

/** n points in [0, 1)^k. */
export function latinHypercube(n: number, k: number, u: Uniform): number[][] {
  const points = Array.from({ length: n }, () => new Array<number>(k).fill(0));
  for (let d = 0; d < k; d++) {
    const strata = permutation(n, u);
    for (let i = 0; i < n; i++) points[i]![d] = (strata[i]! + u()) / n;
  }
  return points;
}
