/**
 * ln and exp from + − × ÷ only, which IEEE 754 rounds the same in every engine. Math.log, Math.exp and
 * `**` may differ in the last digit between JavaScript engines (Node 20 and Chromium do for some
 * inputs), which would break "the page's tables equal the command line's, byte for byte" for the
 * clinical read-outs that use them. Accurate to a few units in the last place on the read-outs' range.
 */
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;

/** Natural logarithm: x = 2^e · m with m in [1/√2, √2] (exact halvings), then 2·atanh((m − 1)/(m + 1)). */
export function ln(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Math.log(x);
  let e = 0;
  let m = x;
  while (m > SQRT2) {
    m /= 2;
    e++;
  }
  while (m < SQRT2 / 2) {
    m *= 2;
    e--;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  // |s| ≤ 0.172: the odd series s + s³/3 + … is below the last digit after 21 terms.
  let term = s;
  let sum = 0;
  for (let k = 1; k <= 41; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return 2 * sum + e * LN2;
}

/** e^y: y = n·ln 2 + r with |r| ≤ ln 2 / 2, the Taylor series of e^r, then n exact doublings. */
export function exp(y: number): number {
  if (!Number.isFinite(y)) return Math.exp(y);
  const n = Math.round(y / LN2);
  const r = y - n * LN2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= 22; k++) {
    term *= r / k;
    sum += term;
  }
  let out = sum;
  for (let i = 0; i < n; i++) out *= 2;
  for (let i = 0; i > n; i--) out /= 2;
  return out;
}

/** x^k for x > 0, as exp(k·ln x). */
export function power(x: number, k: number): number {
  return exp(k * ln(x));
}
