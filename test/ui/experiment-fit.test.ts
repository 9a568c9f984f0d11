/**
 * *Fit to data* in the Experiment panel, in Node (no browser): the datasets offered are those the
 * calibration engine fits as they are; the form is refused naming the field for the page's limits
 * (1–3 parameters, budget, particles, section size) and for the command line's own checks; a checked
 * form gives the CLI's settings and command line, and the sampler configuration the CLI would use.
 */
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/cli/commands/validation";
import { calibrationSetup } from "../../src/study/calibration/setup";
import {
  describeFit,
  type FitForm,
  fitCommand,
  fitDatasets,
  fitParameters,
  pageFit,
} from "../../src/ui/experiment-fit";
import { refusal } from "./refusal";

const library = loadLibrary();
const FORM: FitForm = {
  data: ["marongiu-2017-rat-ph-liver-dna"],
  params: ["hepatocyte.regenerative_capacity"],
  particles: "20",
  budget: "150",
  seed: "1",
  size: 64,
};

describe("Fit to data (page logic)", () => {
  it("offers the library datasets the engine fits without an assumed spread, shortest first", () => {
    const ids = fitDatasets(library).map((d) => d.id);
    expect(ids).toContain("marongiu-2017-rat-ph-liver-dna");
    expect(ids).toContain("luetkens-2019-rat-ccl4-8-16wk-sirius-red");
    // Two arms are fitted on untreated twins; no spread stated (needs --assume-spread): not offered.
    expect(ids).toContain("jang-2014-taa-bm-msc-cpa");
    expect(ids).not.toContain("ijsurg-2013-rat-70ph-liver-weight");
    const days = fitDatasets(library).map((d) => d.days);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it("lists every registry parameter with its prior range, log-uniform ones marked", () => {
    const p = fitParameters();
    expect(p.find((x) => x.name === "hepatocyte.regenerative_capacity")?.label).toMatch(/: 0 … 2$/);
    expect(p.find((x) => x.name === "hepatocyte.hgf_half_saturation")?.label).toMatch(/\(log\)$/);
  });

  it("refuses 0 or more than 3 parameters, budgets and sizes outside the page's range, naming the field", () => {
    expect(refusal(() => pageFit(library, { ...FORM, params: [] }))).toContain("parameters: 0 chosen");
    const four = ["a", "b", "c", "d"].map((_, i) => fitParameters()[i]!.name);
    expect(refusal(() => pageFit(library, { ...FORM, params: four }))).toContain("allowed: 1 to 3 parameters");
    expect(refusal(() => pageFit(library, { ...FORM, budget: "5000" }))).toContain('budget: "5000"');
    expect(refusal(() => pageFit(library, { ...FORM, budget: "ten" }))).toContain("from 20 to 500");
    expect(refusal(() => pageFit(library, { ...FORM, particles: "1" }))).toContain("particles");
    expect(refusal(() => pageFit(library, { ...FORM, size: 96 }))).toContain("section size: 96");
    expect(refusal(() => pageFit(library, { ...FORM, data: [] }))).toContain("datasets: none");
    // The command line's own checks, with the form's field names instead of the flags.
    const small = refusal(() => pageFit(library, { ...FORM, particles: "30", budget: "20" }));
    expect(small).toContain("budget:");
    expect(small).not.toContain("--budget");
    expect(refusal(() => pageFit(library, { ...FORM, seed: "-1" }))).toContain("seed");
  });

  it("a checked form is the CLI's setup for the same flags, and says what it will run", () => {
    const fit = pageFit(library, FORM);
    expect(fitCommand(fit)).toBe(
      "npx hepatosim calibrate --data marongiu-2017-rat-ph-liver-dna --params hepatocyte.regenerative_capacity --particles 20 --budget 150 --lattice 64 --seed 1",
    );
    const cli = calibrationSetup(library, fit.input);
    expect(fit.setup.config).toEqual(cli.config);
    expect(fit.setup.config.budget).toBe(150);
    expect(fit.setup.lattice).toBe(64);
    expect(describeFit(fit)).toBe(
      "Up to 150 runs: 20 particles per generation, 1 parameter, 1 dataset, 64 × 64 sites, up to 10 days each.",
    );
  });
});
