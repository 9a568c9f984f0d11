/**
 * Issue 2 (a): with no decay and no-flux walls the total amount is conserved (1e-5 relative over
 * 1,000 steps, float32 fields, summed in double) across the schema's range of D and dt; with decay
 * each sweep removes exactly the factor 1/(1 + decay·dt/2) of the total.
 */
import { describe, expect, it } from "vitest";
import { diffuse, makeDiffusionOperator } from "../../src/model/fields/solver";
import { fillUniform, total } from "./fill";

const PER_MIN = 60;
const DX = 20;
const WIDTH = 128;
const HEIGHT = 96;

describe("conservation", () => {
  it("conserves the total to 1e-5 over 1,000 steps without decay (float32)", () => {
    const lines: string[] = [];
    let worstAll = 0;
    // D from the schema's smallest to largest field diffusion; dt from one sub-step of a short step to the longest step.
    for (const dMin of [10, 600, 2400, 100000, 200000]) {
      for (const dt of [0.01, 1, 6]) {
        const f = new Float32Array(WIDTH * HEIGHT);
        fillUniform(f, dMin + dt);
        const op = makeDiffusionOperator(WIDTH, HEIGHT, dMin * PER_MIN, 0, DX, dt);
        const start = total(f);
        let worst = 0;
        for (let s = 0; s < 1000; s++) {
          diffuse(f, op);
          worst = Math.max(worst, Math.abs(total(f) / start - 1));
        }
        worstAll = Math.max(worstAll, worst);
        lines.push(
          `D=${dMin} µm²/min dt=${dt} h (r=${op.x.r.toExponential(1)}): worst |Δtotal|/total ${worst.toExponential(2)}`,
        );
      }
    }
    console.log(
      `conservation, ${WIDTH}×${HEIGHT} float32, 1,000 steps:\n  ${lines.join("\n  ")}\n  worst overall ${worstAll.toExponential(2)} (limit 1e-5)`,
    );
    expect(worstAll).toBeLessThanOrEqual(1e-5);
  });

  it("removes exactly 1/(1 + decay·dt/2) per sweep with decay", () => {
    const decay = 0.1 * PER_MIN;
    const dt = 0.05;
    const f = new Float32Array(WIDTH * HEIGHT);
    fillUniform(f, 7);
    const op = makeDiffusionOperator(WIDTH, HEIGHT, 2400 * PER_MIN, decay, DX, dt);
    const perStep = 1 / (1 + (decay * dt) / 2) ** 2;
    let expected = total(f);
    let worst = 0;
    for (let s = 0; s < 100; s++) {
      diffuse(f, op);
      expected *= perStep;
      worst = Math.max(worst, Math.abs(total(f) / expected - 1));
    }
    console.log(
      `decay bookkeeping over 100 steps (factor ${perStep.toFixed(6)}/step): worst relative error ${worst.toExponential(2)}`,
    );
    expect(worst).toBeLessThanOrEqual(1e-5);
  });
});
