/**
 * Golden numbers: a few presets, generated and run at a small lattice, must give exactly the state
 * hash, read-out history, snapshot file and CLI timeseries.csv pinned in golden.json. A refactor that
 * moves code must leave every value as it is; a change that is meant to alter the numbers updates
 * golden.json deliberately (`HEPATOSIM_GOLDEN_UPDATE=1 npx vitest run test/golden`) and says why in
 * its commit message.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSimulation } from "../../src/model/simulation";
import { stateHash } from "../../src/model/hash";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { encodeSnapshot, takeSnapshot } from "../../src/model/snapshot";

const GOLDEN = join(import.meta.dirname, "golden.json");
const UPDATE = process.env.HEPATOSIM_GOLDEN_UPDATE === "1";

interface Golden {
  state_hash: string;
  history_sha256: string;
  snapshot_sha256: string;
  generation_steps: number;
}

/** Presets chosen to cover every rule: healthy turnover, every stage's generation, MSCs by three routes, hepatectomy, withdrawal. */
const CASES: { preset: string; days: number }[] = [
  { preset: "healthy", days: 4 },
  { preset: "chronic-injury-f2", days: 4 },
  { preset: "fibrosis-f3-bm-msc-iv", days: 6 },
  { preset: "early-cirrhosis-bm-msc-portal-vein", days: 6 },
  { preset: "advanced-cirrhosis-bm-msc-hepatic-artery", days: 4 },
  { preset: "partial-hepatectomy", days: 3 },
  { preset: "injury-withdrawal-f2", days: 4 },
];
const WIDTH = 48;
const SEED = 11;

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

function goldenOf(preset: string, days: number): Golden {
  const scenario = resolveScenario(
    { preset, seed: SEED, days, lattice: { width: WIDTH, height: WIDTH } },
    presetLookup,
  );
  const sim = createSimulation(scenario);
  while (!sim.done()) sim.step(24);
  return {
    state_hash: stateHash(sim.state),
    history_sha256: sha256(JSON.stringify(sim.history())),
    snapshot_sha256: sha256(encodeSnapshot(takeSnapshot(sim))),
    generation_steps: sim.state.baseline.generationSteps,
  };
}

const stored: Record<string, Golden | string> = (() => {
  try {
    return JSON.parse(readFileSync(GOLDEN, "utf8"));
  } catch {
    return {};
  }
})();
const computed: Record<string, Golden | string> = {};

describe("golden numbers", () => {
  for (const { preset, days } of CASES) {
    it(`${preset}, ${WIDTH}², seed ${SEED}, ${days} days`, () => {
      const got = goldenOf(preset, days);
      computed[preset] = got;
      if (!UPDATE) expect(got).toEqual(stored[preset]);
    });
  }

  it("hepatosim run writes the same timeseries.csv bytes", () => {
    const out = mkdtempSync(join(tmpdir(), "hepatosim-golden-"));
    try {
      const bin = join(import.meta.dirname, "../../src/cli/bin.mjs");
      const args = [
        "run",
        "early-cirrhosis-bm-msc-iv",
        "--seed",
        String(SEED),
        "--days",
        "5",
        "--quiet",
        "--workers",
        "1",
      ];
      execFileSync(
        process.execPath,
        [bin, ...args, "--set", `lattice.width=${WIDTH}`, "--set", `lattice.height=${WIDTH}`, "--out", out],
        { stdio: "pipe" },
      );
      const got = sha256(readFileSync(join(out, "timeseries.csv")));
      computed["cli:timeseries.csv"] = got;
      if (!UPDATE) expect(got).toBe(stored["cli:timeseries.csv"]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  afterAll(() => {
    if (UPDATE) writeFileSync(GOLDEN, `${JSON.stringify(computed, null, 2)}\n`);
  });
});
