/**
 * Issue 2 (d): no NaN and no negative value, for any D, decay, dt and site size in the schema's
 * ranges (fast-check, fixed seed). Also the discrete maximum principle: a step never raises the
 * maximum, which is what an unstable or mis-signed sweep would break first.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELDS } from "../../src/model/fields/registry";
import { diffuse, makeDiffusionOperator } from "../../src/model/fields/solver";
import { PARAM_BY_KEY } from "../../src/model/params/registry";
import { uniform } from "../../src/model/rng/counter";

/** [min, max] of a parameter in internal units. */
function internalRange(key: string): [number, number] {
  const p = PARAM_BY_KEY.get(key);
  if (!p) throw new Error(`unknown parameter ${key}`);
  return [p.min * p.toInternal, p.max * p.toInternal];
}

function unionRange(suffix: string): [number, number] {
  const ranges = FIELDS.map((f) => internalRange(`fields.${f.key}.${suffix}`));
  return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

const [dMin, dMax] = unionRange("diffusion");
const [decayMin, decayMax] = unionRange("decay");
const [stepMin, stepMax] = internalRange("simulation.dt");
const substepsMax = internalRange("simulation.field_substeps")[1];
const [dxMin, dxMax] = internalRange("simulation.site_size");
/** The field step ranges from the shortest cell step split into the most sub-steps to the longest step. */
const dtMin = stepMin / substepsMax;
const dtMax = stepMax;

/** Log-uniform in [lo, hi], with the end points themselves drawn often. */
function logRange(lo: number, hi: number) {
  const inner = fc
    .double({ min: Math.log(Math.max(lo, 1e-12)), max: Math.log(hi), noNaN: true })
    .map((x) => Math.min(hi, Math.max(lo, Math.exp(x))));
  return fc.oneof({ arbitrary: inner, weight: 4 }, { arbitrary: fc.constantFrom(lo, hi), weight: 1 });
}

const caseArb = fc.record({
  width: fc.integer({ min: 1, max: 40 }),
  height: fc.integer({ min: 1, max: 40 }),
  diffusion: logRange(dMin, dMax),
  decay: fc.oneof(fc.constant(0), logRange(Math.max(decayMin, 1e-6), decayMax)),
  dt: logRange(dtMin, dtMax),
  dx: fc.double({ min: dxMin, max: dxMax, noNaN: true }),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  /** Decades spanned by the initial values (0: uniform in [0, 1); 9: down to 1e-9). */
  decades: fc.integer({ min: 0, max: 9 }),
  zeroFraction: fc.constantFrom(0, 0.5, 0.95),
});

describe("positivity and boundedness", () => {
  it("gives finite, non-negative fields that never exceed their initial maximum", () => {
    console.log(
      `ranges (internal units): D ${dMin}–${dMax} µm²/h, decay ${decayMin}–${decayMax} /h, dt ${dtMin}–${dtMax} h, dx ${dxMin}–${dxMax} µm`,
    );
    let cases = 0;
    let largestR = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const f = new Float32Array(c.width * c.height);
        let max0 = 0;
        for (let k = 0; k < f.length; k++) {
          const u = uniform(c.seed, 1, k, 0);
          const v = uniform(c.seed, 2, k, 0) < c.zeroFraction ? 0 : 10 ** (-c.decades * u) * uniform(c.seed, 3, k, 0);
          f[k] = v;
          max0 = Math.max(max0, f[k]!);
        }
        const op = makeDiffusionOperator(c.width, c.height, c.diffusion, c.decay, c.dx, c.dt);
        largestR = Math.max(largestR, op.x.r);
        for (let s = 0; s < 3; s++) diffuse(f, op);
        cases++;
        for (let k = 0; k < f.length; k++) {
          const v = f[k]!;
          if (!Number.isFinite(v) || v < 0 || v > max0 * (1 + 1e-6)) return false;
        }
        return true;
      }),
      { seed: 20261126, numRuns: 300 },
    );
    expect(cases).toBe(300);
    console.log(`positivity: ${cases} cases passed (3 steps each, largest r = D·dt/dx² ${largestR.toExponential(2)})`);
  });
});
