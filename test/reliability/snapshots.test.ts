/**
 * Snapshots: save → encode → decode → load is the identity for random scenarios (same state hash,
 * same history, same bytes when saved again, same future); a truncated, bit-flipped, re-versioned or
 * otherwise damaged file is refused with a clear InputError and changes nothing.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createCachedSimulation as createSimulation } from "../../src/sim/stage-store";
import { FieldIndex } from "../../src/model/fields/registry";
import { stateHash } from "../../src/model/hash";
import { Cell, Vessel } from "../../src/model/lattice/codes";
import { presetLookup } from "../../src/model/params/presets";
import { resolveScenario } from "../../src/model/params/scenario";
import { InputError } from "../../src/model/params/validation";
import {
  decodeSnapshot,
  encodeSnapshot,
  restoreSnapshot,
  SNAPSHOT_VERSION,
  type Snapshot,
  takeSnapshot,
} from "../../src/model/snapshot";
import { createSimApi } from "../../src/sim/api";
import { CASES, PROPERTY_SEED, SIMULATION_CASES, validScenarioArb } from "./arbitraries";

/** Mostly F0 (no stage generation) to keep 200 runs short; a third of the runs start from generated disease. */
const ROUND_TRIP_STAGES = ["F0", "F0", "F0", "F0", "F1", "F2", "F4"] as const;

const save = (sim: Parameters<typeof takeSnapshot>[0]) => encodeSnapshot(takeSnapshot(sim));

describe("snapshot round trip", () => {
  it(`save → encode → decode → load is the identity, now and for the rest of the run (${SIMULATION_CASES} cases, 32–36², 1 day)`, () => {
    fc.assert(
      fc.property(
        validScenarioArb({ sizes: [32, 36], days: [1, 1], stages: ROUND_TRIP_STAGES }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (doc, when) => {
          const sim = createSimulation(resolveScenario(doc, presetLookup));
          sim.step(Math.floor(when * sim.totalSteps));
          const bytes = save(sim);
          const copy = restoreSnapshot(decodeSnapshot(bytes));
          expect(stateHash(copy.state)).toBe(stateHash(sim.state));
          expect(copy.history()).toEqual(sim.history());
          // metrics() is left out at day boundaries: see the known bug below.
          if (sim.state.step % sim.state.derived.stepsPerDay !== 0) expect(copy.metrics()).toEqual(sim.metrics());
          expect(Buffer.from(save(copy)).equals(Buffer.from(bytes)), "saved again, the same bytes").toBe(true);
          sim.step(sim.totalSteps);
          copy.step(copy.totalSteps);
          expect(stateHash(copy.state)).toBe(stateHash(sim.state));
          expect(copy.history()).toEqual(sim.history());
        },
      ),
      { seed: PROPERTY_SEED, numRuns: SIMULATION_CASES },
    );
  });

  // Found by these tests (docs/reliability.md, known problem 3, fixed): the day's death counter was
  // reset after the read-outs were cached, so a restored copy reported 0 deaths at a day boundary.
  it("metrics() right after a day ends are the same after a round trip", () => {
    const sim = createSimulation(
      resolveScenario({ seed: 0, days: 1, lattice: { width: 32, height: 32 } }, presetLookup),
    );
    sim.step(sim.totalSteps);
    expect(sim.metrics().hepatocyte_deaths_per_day).toBeGreaterThan(0);
    expect(restoreSnapshot(decodeSnapshot(save(sim))).metrics()).toEqual(sim.metrics());
  });
});

describe("damaged snapshot files", () => {
  const bases: Uint8Array[] = [];
  beforeAll(() => {
    const docs = [
      { preset: "healthy", days: 2, lattice: { width: 32, height: 32 } },
      {
        preset: "early-cirrhosis-bm-msc-portal-vein",
        days: 2,
        lattice: { width: 40, height: 33 },
        parameters: { "injury.generation_max_weeks": 1 },
      },
      { preset: "partial-hepatectomy", days: 1, lattice: { width: 33, height: 35 } },
    ];
    for (const doc of docs) {
      const sim = createSimulation(resolveScenario(doc, presetLookup));
      sim.step(30);
      bases.push(save(sim));
    }
  });

  type Damage = { what: string; base: number; damage: (b: Uint8Array) => Uint8Array; expect: RegExp };
  const damageArb: fc.Arbitrary<Damage> = fc.nat({ max: 2 }).chain((base) =>
    fc.oneof(
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((f) => ({
        what: `truncated to ${(f * 100).toFixed(1)} %`,
        base,
        damage: (b: Uint8Array) => b.slice(0, Math.floor(f * b.length)),
        expect: /too short|truncated|magic|metadata/,
      })),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((extra) => ({
        what: `${extra.length} bytes appended`,
        base,
        damage: (b: Uint8Array) => Uint8Array.from([...b, ...extra]),
        expect: /bytes, expected/,
      })),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((f) => ({
        what: `one bit flipped at ${(f * 100).toFixed(2)} %`,
        base,
        damage: (b: Uint8Array) => {
          const out = b.slice();
          const bit = Math.floor(f * out.length * 8);
          out[bit >> 3]! ^= 1 << (bit & 7);
          return out;
        },
        expect: /checksum|magic|version|metadata|truncated|bytes, expected|lattice/,
      })),
      fc
        .array(
          fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 255 })),
          { minLength: 2, maxLength: 8 },
        )
        .map((edits) => ({
          what: `${edits.length} bytes changed`,
          base,
          damage: (b: Uint8Array) => {
            const out = b.slice();
            for (const [f, x] of edits) out[Math.floor(f * out.length)]! ^= x;
            return out;
          },
          expect: /checksum|magic|version|metadata|truncated|bytes, expected|lattice/,
        })),
      fc.integer({ min: SNAPSHOT_VERSION + 1, max: 0xffffffff }).map((version) => ({
        what: `format version ${version}`,
        base,
        damage: (b: Uint8Array) => {
          const out = b.slice();
          new DataView(out.buffer).setUint32(4, version, true);
          return out;
        },
        expect: new RegExp(`version ${version} is newer than this build supports`),
      })),
      fc.constant({
        what: "format version 1 (before the measured blood compartment)",
        base,
        damage: (b: Uint8Array) => {
          const out = b.slice();
          new DataView(out.buffer).setUint32(4, 1, true);
          return out;
        },
        expect: /version 1 was written before the measured blood compartment/,
      }),
      fc.constant({
        what: "format version 2 (before cell identities)",
        base,
        damage: (b: Uint8Array) => {
          const out = b.slice();
          new DataView(out.buffer).setUint32(4, 2, true);
          return out;
        },
        expect: /version 2 was written before cell identities/,
      }),
      fc.uint8Array({ minLength: 4, maxLength: 4 }).map((magic) => ({
        what: `magic ${[...magic].join(",")}`,
        base,
        damage: (b: Uint8Array) => Uint8Array.from([...magic, ...b.slice(4)]),
        expect: /magic|checksum/,
      })),
    ),
  );

  it(`are refused with a clear InputError, leave the file alone and change nothing in the running simulation (${CASES} cases)`, async () => {
    const api = createSimApi();
    await api.load({ preset: "healthy", days: 3, lattice: { width: 32, height: 32 } });
    await api.step(5);
    const hashBefore = await api.hash();
    const historyBefore = await api.history();
    let unchangedFiles = 0;
    await fc.assert(
      fc.asyncProperty(damageArb, async (d) => {
        const bad = d.damage(bases[d.base]!);
        if (bad.length === bases[d.base]!.length && Buffer.from(bad).equals(Buffer.from(bases[d.base]!))) {
          // A "change" that changed nothing (the same magic drawn): the file is still good.
          unchangedFiles++;
          return;
        }
        const copy = bad.slice();
        let error: unknown;
        try {
          decodeSnapshot(bad);
        } catch (e) {
          error = e;
        }
        expect(error, d.what).toBeInstanceOf(InputError);
        expect((error as Error).message, d.what).toMatch(/^invalid snapshot: /);
        expect((error as Error).message, d.what).toMatch(d.expect);
        expect(Buffer.from(bad).equals(Buffer.from(copy)), "decoding does not write into the file").toBe(true);
        await expect(api.restore(bad), d.what).rejects.toBeInstanceOf(InputError);
        expect(await api.hash()).toBe(hashBefore);
      }),
      { seed: PROPERTY_SEED, numRuns: CASES },
    );
    expect(unchangedFiles).toBeLessThan(CASES / 10);
    expect(await api.history()).toEqual(historyBefore);
    // The untouched simulation carries on.
    expect((await api.step(24)).day).toBeCloseTo(29 / 24);
  });

  it("an intact file still loads after all that", () => {
    for (const bytes of bases)
      expect(stateHash(restoreSnapshot(decodeSnapshot(bytes)).state)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("well-formed files with impossible contents", () => {
  // The checksum guards against damage, not against a file written with bad contents: a restored
  // simulation is checked with checkInvariants, which names what is wrong.
  const loaded = (): Snapshot => {
    const sim = createSimulation(
      resolveScenario({ preset: "healthy", seed: 9, days: 2, lattice: { width: 32, height: 32 } }, presetLookup),
    );
    sim.step(10);
    return takeSnapshot(sim);
  };

  const cases: [string, (s: Snapshot) => void, string][] = [
    ["NaN in a field", (s) => s.tissue.fields[FieldIndex.il10]!.fill(Number.NaN, 40, 41), "fields.il10"],
    ["collagen 7", (s) => s.tissue.collagen.fill(7, 41, 42), "collagen"],
    ["cell code 200", (s) => s.tissue.cell.fill(200, 42, 43), "cell"],
    [
      "a hepatocyte in a portal tract",
      (s) => {
        const k = s.tissue.vessel.indexOf(Vessel.portalTract);
        s.tissue.cell[k] = Cell.hepatocyte;
      },
      "vessel",
    ],
    ["a negative blood level", (s) => s.meta.blood.fill(-3, 0, 1), "meta.blood[0]"],
  ];
  it.each(cases)(
    "%s: decodes (the checksum matches), and loading refuses it with an InputError naming what is wrong",
    (_what, corrupt, array) => {
      const snap = loaded();
      corrupt(snap);
      const decoded = decodeSnapshot(encodeSnapshot(snap));
      expect(() => restoreSnapshot(decoded)).toThrow(InputError);
      expect(() => restoreSnapshot(decoded)).toThrow(array);
    },
  );

  it("an in-memory snapshot whose field arrays do not fit its lattice (or its row pitch) is refused", () => {
    const short = loaded();
    short.tissue.fields[FieldIndex.hgf] = short.tissue.fields[FieldIndex.hgf]!.subarray(1);
    expect(() => restoreSnapshot(short)).toThrow(/field arrays do not match the lattice size/);
    const pitched = loaded();
    pitched.tissue.pitch = 40; // claims padded rows the arrays do not have
    expect(() => restoreSnapshot(pitched)).toThrow(/field arrays do not match the lattice size/);
  });
});
