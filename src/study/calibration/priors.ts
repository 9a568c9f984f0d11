/**
 * Priors of calibrated parameters. By default each comes from the parameter registry's range:
 * log-uniform when the range spans two decades or more above zero (rates and half-saturations
 * that are uncertain by orders of magnitude), uniform otherwise. A prior file may override any
 * of them. The sampler works in a transformed space (the logarithm for log-uniform priors) in
 * which the prior is flat or Gaussian and the perturbation kernel is symmetric.
 */
import { z } from "zod";
import { PARAM_BY_KEY } from "../../model/params/registry";
import { InputError, type InputIssue, parseOrThrow, showValue } from "../../model/params/validation";
import { standardNormal, type Uniforms } from "./rng";

/** One prior, as written in a prior file and kept in the sampler's JSON state. */
export type PriorSpec =
  | { uniform: [number, number] }
  | { loguniform: [number, number] }
  | { normal: { mean: number; sd: number }; min?: number; max?: number };

export interface NamedPrior {
  /** Registry key, e.g. "hepatocyte.cycle_entry_rate". */
  name: string;
  prior: PriorSpec;
}

const CONTEXT = "prior file";
const num = z.number({ error: "allowed: a finite number" });
const bounds = z
  .tuple([num, num], { error: "allowed: [low, high], two numbers" })
  .refine(([lo, hi]) => lo < hi, { error: "allowed: [low, high] with low < high" });
const uniformSchema = z.strictObject({ uniform: bounds });
const logUniformSchema = z.strictObject({
  loguniform: bounds.refine(([lo]) => lo > 0, {
    error: "allowed: [low, high] with 0 < low < high (a log-uniform prior needs positive bounds)",
  }),
});
const normalSchema = z
  .strictObject({
    normal: z.strictObject({ mean: num, sd: num.positive({ error: "allowed: a positive number" }) }),
    min: num.optional(),
    max: num.optional(),
  })
  .refine((p) => p.min === undefined || p.max === undefined || p.min < p.max, {
    error: "allowed: min < max",
    path: ["max"],
  });

const KINDS = "one of {uniform: [low, high]}, {loguniform: [low, high]}, {normal: {mean, sd}, min?, max?}";

/** Default prior of a registry parameter, from its allowed range. */
export function registryPrior(name: string): PriorSpec {
  const spec = PARAM_BY_KEY.get(name);
  if (!spec) throw new InputError([unknownParameter(name)], "parameter list");
  if (spec.min > 0 && spec.max / spec.min >= 100) return { loguniform: [spec.min, spec.max] };
  return { uniform: [spec.min, spec.max] };
}

function unknownParameter(name: string): InputIssue {
  const path = JSON.stringify(name);
  const allowed = "a parameter key of the registry (see docs/parameters.md)";
  return { path, value: path, allowed, message: `${path}: unknown parameter; allowed: ${allowed}` };
}

function issue(path: string, value: unknown, allowed: string): InputIssue {
  const v = showValue(value);
  return { path, value: v, allowed, message: `${path}: ${v} is not allowed; allowed: ${allowed}` };
}

/**
 * Validates a prior file: an object {parameter key: prior}. Throws an InputError naming every
 * offending field (unknown parameter, wrong shape, bounds outside the registry range).
 */
export function parsePriorFile(input: unknown): Record<string, PriorSpec> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new InputError([issue("(document)", input, "an object {parameter key: prior}")], CONTEXT);
  }
  const out: Record<string, PriorSpec> = {};
  const issues: InputIssue[] = [];
  for (const [name, entry] of Object.entries(input as Record<string, unknown>)) {
    const spec = PARAM_BY_KEY.get(name);
    if (!spec) {
      issues.push(unknownParameter(name));
      continue;
    }
    const schema =
      entry && typeof entry === "object" && "uniform" in entry
        ? uniformSchema
        : entry && typeof entry === "object" && "loguniform" in entry
          ? logUniformSchema
          : entry && typeof entry === "object" && "normal" in entry
            ? normalSchema
            : null;
    if (!schema) {
      issues.push(issue(JSON.stringify(name), entry, KINDS));
      continue;
    }
    try {
      let prior = parseOrThrow<PriorSpec>(schema as z.ZodType<PriorSpec>, entry, CONTEXT, [name]);
      // A normal prior is truncated to the registry's range unless it states narrower bounds.
      if ("normal" in prior) prior = { ...prior, min: prior.min ?? spec.min, max: prior.max ?? spec.max };
      const [lo, hi] = support(prior);
      if (lo < spec.min || hi > spec.max) {
        const field =
          "uniform" in prior ? "uniform" : "loguniform" in prior ? "loguniform" : lo < spec.min ? "min" : "max";
        issues.push(
          issue(
            `[${JSON.stringify(name)}].${field}`,
            "normal" in prior ? (lo < spec.min ? prior.min : prior.max) : [lo, hi],
            `bounds within the parameter's range [${spec.min}, ${spec.max}] ${spec.unit}`,
          ),
        );
        continue;
      }
      out[name] = prior;
    } catch (e) {
      if (e instanceof InputError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length > 0) throw new InputError(issues, CONTEXT);
  return out;
}

/** Priors of the calibrated parameters, in the given order: the file's where it has one, else the registry's. */
export function priorsFor(names: readonly string[], file: Record<string, PriorSpec> = {}): NamedPrior[] {
  return names.map((name) => ({ name, prior: file[name] ?? registryPrior(name) }));
}

/** Support in natural units (a parsed normal prior always has both bounds). */
function support(p: PriorSpec): [number, number] {
  if ("uniform" in p) return p.uniform;
  if ("loguniform" in p) return p.loguniform;
  return [p.min ?? -Infinity, p.max ?? Infinity];
}

/** Natural value → transformed coordinate. */
export function toTransformed(p: PriorSpec, x: number): number {
  return "loguniform" in p ? Math.log(x) : x;
}

/** Transformed coordinate → natural value. */
export function fromTransformed(p: PriorSpec, t: number): number {
  return "loguniform" in p ? Math.exp(t) : t;
}

/**
 * The value a run is given for a transformed coordinate: kept within the prior's bounds (exp∘log
 * can overshoot a bound by one ulp, which scenario validation would refuse) and rounded for
 * whole-number parameters, which the sampler treats as continuous.
 */
export function parameterValue(named: NamedPrior, t: number): number {
  const [lo, hi] = support(named.prior);
  const x = Math.min(hi, Math.max(lo, fromTransformed(named.prior, t)));
  return PARAM_BY_KEY.get(named.name)?.integer ? Math.round(x) : x;
}

/** Support in transformed space. */
export function transformedSupport(p: PriorSpec): [number, number] {
  const [lo, hi] = support(p);
  return [toTransformed(p, lo), toTransformed(p, hi)];
}

/** A width in transformed space, used to keep a collapsed kernel from degenerating. */
export function transformedWidth(p: PriorSpec): number {
  const [lo, hi] = transformedSupport(p);
  return "normal" in p ? Math.min(hi - lo, 6 * p.normal.sd) : hi - lo;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7: it only normalises a truncated prior). */
function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Log prior density in transformed space; −Infinity outside the support. */
export function logDensityTransformed(p: PriorSpec, t: number): number {
  const [lo, hi] = transformedSupport(p);
  if (!(t >= lo && t <= hi)) return -Infinity;
  if (!("normal" in p)) return -Math.log(hi - lo);
  const { mean, sd } = p.normal;
  const mass = normalCdf((hi - mean) / sd) - normalCdf((lo - mean) / sd);
  const z = (t - mean) / sd;
  return -0.5 * z * z - Math.log(sd * Math.sqrt(2 * Math.PI) * mass);
}

/** A draw from the prior, in transformed space. */
export function sampleTransformed(p: PriorSpec, u: Uniforms): number {
  const [lo, hi] = transformedSupport(p);
  if (!("normal" in p)) return lo + (hi - lo) * u();
  // Rejection from the untruncated normal: cheap unless the bounds cut off nearly all the mass.
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const t = p.normal.mean + p.normal.sd * standardNormal(u);
    if (t >= lo && t <= hi) return t;
  }
  throw new Error(`normal prior N(${p.normal.mean}, ${p.normal.sd}) has almost no mass within [${lo}, ${hi}]`);
}

/** Prior q-quantile in natural units (the bounds of a prior credible interval, for comparison with the posterior's). */
export function priorQuantile(p: PriorSpec, q: number): number {
  const [lo, hi] = transformedSupport(p);
  if (!("normal" in p)) return fromTransformed(p, lo + q * (hi - lo));
  // Bisection on the truncated normal CDF: no closed form, and 60 halvings reach double precision.
  const { mean, sd } = p.normal;
  const cLo = normalCdf((lo - mean) / sd);
  const target = cLo + q * (normalCdf((hi - mean) / sd) - cLo);
  let a = lo;
  let b = hi;
  for (let k = 0; k < 60; k++) {
    const m = (a + b) / 2;
    if (normalCdf((m - mean) / sd) < target) a = m;
    else b = m;
  }
  return (a + b) / 2;
}
