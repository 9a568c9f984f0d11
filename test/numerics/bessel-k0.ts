/**
 * Modified Bessel function K0 for the steady point-source test, from the polynomial approximations of
 * Abramowitz & Stegun 9.8.1 (I0, |ε| < 1.6e-7), 9.8.5 (x ≤ 2, |ε| < 1e-8) and 9.8.6 (x ≥ 2, relative |ε| < 1.9e-7),
 * plus the integral K0(x) = ∫₀^∞ exp(−x cosh t) dt as an independent check of those constants.
 */

/** I0(x) for |x| ≤ 3.75 (A&S 9.8.1). */
function besselI0Small(x: number): number {
  const t = (x / 3.75) ** 2;
  return 1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
}

/** K0(x) for x > 0. */
export function besselK0(x: number): number {
  if (!(x > 0)) throw new Error(`besselK0: x must be > 0, got ${x}`);
  if (x <= 2) {
    const t = (x / 2) ** 2;
    return (
      -Math.log(x / 2) * besselI0Small(x) +
      (-0.57721566 +
        t * (0.4227842 + t * (0.23069756 + t * (0.0348859 + t * (0.00262698 + t * (0.0001075 + t * 0.0000074))))))
    );
  }
  const u = 2 / x;
  const poly =
    1.25331414 +
    u * (-0.07832358 + u * (0.02189568 + u * (-0.01062446 + u * (0.00587872 + u * (-0.0025154 + u * 0.00053208)))));
  return (poly * Math.exp(-x)) / Math.sqrt(x);
}

/** K0(x) by the trapezoid rule on ∫₀^∞ exp(−x cosh t) dt (spectrally accurate for this smooth, fast-decaying integrand). */
export function besselK0Integral(x: number, step = 0.01): number {
  let sum = 0.5 * Math.exp(-x);
  for (let t = step; ; t += step) {
    const term = Math.exp(-x * Math.cosh(t));
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return sum * step;
}
