/**
 * Snapshots: the whole simulation as plain data (typed arrays + JSON-able scalars), and a binary
 * file format with a version and a checksum. Loading validates everything before touching state:
 * a truncated, corrupted or future-version file gives a clear error and changes nothing.
 */

import { z } from "zod";
import { fieldPitch, logicalField, setFieldPitch } from "./fields/layout";
import { FIELD_COUNT } from "./fields/registry";
import { ownTissueFields } from "./fields/solver";
import { checkInvariants, formatViolation } from "./invariants";
import { cloneTissue, STATE_ARRAY_TYPES, STATE_ARRAYS, type TissueState } from "./lattice/state";
import type { Readouts } from "./metrics/readouts";
import { type Scenario, scenarioSchema } from "./params/scenario-schema";
import { InputError, parseOrThrow } from "./params/validation";
import { COUNTERS, type Counters, type SAVED_STATE, type SavedState, type SimState } from "./sim-state";
import { newSimState, type Simulation, wrapSimulation } from "./simulation";
import { mscProfile } from "./therapy/delivery";

export const SNAPSHOT_FORMAT = "hepatosim-snapshot";
/** 2: the baseline holds the blood compartment's tissue reference (bloodReference). 3: cell identities (born, origin). */
export const SNAPSHOT_VERSION = 3;

/** The file's metadata: format, version and scenario, the saved state (sim-state SAVED_STATE), the read-out history. */
export type SnapshotMeta = { format: typeof SNAPSHOT_FORMAT; version: number; scenario: Scenario } & SavedState & {
    history: Readouts[];
  };

export interface Snapshot {
  meta: SnapshotMeta;
  tissue: TissueState;
}

export function takeSnapshot(sim: Simulation): Snapshot {
  const s = sim.state;
  const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
  const t = s.tissue;
  return {
    meta: {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      scenario: clone(s.scenario),
      seed: s.seed,
      clock: s.clock,
      step: s.step,
      counters: { ...s.counters },
      baseline: { ...s.baseline, bloodReference: [...s.baseline.bloodReference] },
      pending: clone(s.pending),
      systemicByInfusion: [...s.systemicByInfusion],
      amplification: s.amplification,
      blood: [...s.blood],
      injury: { ...s.injury },
      history: clone(sim.history()),
    },
    tissue: cloneTissue(t),
  };
}

const COUNT = "allowed: a whole number ≥ 0";
const count = z
  .number({ error: COUNT })
  .int({ error: COUNT })
  .min(0, { error: COUNT })
  .max(Number.MAX_SAFE_INTEGER, { error: COUNT });
const NON_NEGATIVE = "allowed: a finite number ≥ 0";
const nonNegative = z.number({ error: NON_NEGATIVE }).min(0, { error: NON_NEGATIVE });
const finite = z.number({ error: "allowed: a finite number" });
/** The metadata a snapshot must carry; the scenario has its own schema. */
const metaSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number().int().min(SNAPSHOT_VERSION).max(SNAPSHOT_VERSION),
  scenario: z.unknown(),
  seed: count.max(4294967295),
  clock: count,
  step: count,
  counters: z.object(
    Object.fromEntries(
      Object.entries(COUNTERS).map(([key, kind]) => [key, kind === "count" ? count : nonNegative]),
    ) as Record<keyof Counters, typeof count>,
  ),
  baseline: z.object({
    hepatocytes: count,
    sinusoids: count,
    generationSteps: count,
    generationCpaPercent: nonNegative.max(100, { error: "allowed: 0 … 100" }),
    bloodReference: z.array(nonNegative).length(4, { error: "allowed: 4 numbers ≥ 0" }),
  }),
  pending: z
    .array(
      z.object({
        infusion: count,
        remainingReal: nonNegative,
        ratePerHour: nonNegative,
        carry: nonNegative.max(1, { error: "allowed: 0 … 1" }),
      }),
    )
    .max(64),
  systemicByInfusion: z.array(nonNegative).max(64),
  amplification: z.number({ error: "allowed: a number > 0" }).positive({ error: "allowed: a number > 0" }),
  blood: z.tuple([nonNegative, nonNegative, nonNegative, nonNegative, nonNegative]),
  injury: z.object({
    type: z.enum(["none", "toxic", "biliary"]),
    intensity: nonNegative.max(5, { error: "allowed: 0 … 5" }),
  }),
  history: z.array(z.record(z.string(), finite)),
} satisfies Record<(typeof SAVED_STATE)[number], z.ZodType> & Record<string, z.ZodType>);

/**
 * Rebuilds a running simulation from a snapshot (the snapshot is copied, never shared). Every
 * metadata field is checked against its schema and the rebuilt state against the invariants, so a
 * well-formed file with impossible contents is refused with an InputError.
 */
export function restoreSnapshot(snap: Snapshot): Simulation {
  const m = parseOrThrow(metaSchema, snap.meta, "snapshot", ["meta"]) as SnapshotMeta;
  const scenario = parseOrThrow(scenarioSchema, m.scenario, "snapshot", ["scenario"]) as Scenario;
  const t = snap.tissue;
  const state = newSimState(scenario, cloneTissue(t));
  Object.assign(state, {
    seed: m.seed,
    clock: m.clock,
    step: m.step,
    counters: { ...m.counters },
    baseline: { ...m.baseline, bloodReference: [...m.baseline.bloodReference] },
    pending: m.pending.map((p) => ({ ...p })),
    systemicByInfusion: [...m.systemicByInfusion],
    amplification: m.amplification,
    blood: [...m.blood],
    injury: { ...m.injury },
  } satisfies SavedState);
  // Field rows: a snapshot's padded rows are kept; unpadded ones (files, tiled tissue) are padded as a new run of this width would be.
  const pitch = Number.isInteger(t.pitch) && t.pitch >= t.width ? t.pitch : t.width;
  if (t.fields.length !== FIELD_COUNT || t.fields.some((f) => f.length !== pitch * t.height))
    fail("the field arrays do not match the lattice size");
  state.tissue.pitch = pitch;
  setFieldPitch(state.tissue, Math.max(pitch, fieldPitch(t.width)));
  state.fieldSet = ownTissueFields(state.tissue);
  state.mscProfiles = profilesFor(state);
  if (
    state.pending.some((p) => p.infusion >= scenario.therapy.infusions.length) ||
    m.systemicByInfusion.length !== scenario.therapy.infusions.length
  )
    fail("pending deliveries do not match the scenario's infusions");
  const sim = wrapSimulation(
    state,
    m.history.map((r) => ({ ...r })),
  );
  const violation = checkInvariants(sim);
  if (violation) fail(`the state breaks an invariant: ${formatViolation(violation)}`);
  return sim;
}

function profilesFor(s: SimState) {
  return s.scenario.therapy.infusions.map((inf) => mscProfile(s.scenario, s.derived.p, inf, s.amplification));
}

// ---- binary format ----
// magic "HPSM" | u32 version | u32 metaLength | meta JSON (UTF-8) | arrays (in STATE_ARRAYS order, then fields) | u32 checksum of everything before it

const MAGIC = 0x4d535048;

/** UTF-8 codecs exist in every JS runtime, but the model's ES-only type library does not declare them. */
const Codec = globalThis as unknown as {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(b: Uint8Array): string };
}; // "HPSM" little-endian

function checksum(bytes: Uint8Array): number {
  // FNV-1a over bytes, 32-bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** Each state array's element type in the file, from lattice/state's declaration. */
const ARRAY_TYPES = Object.fromEntries(
  STATE_ARRAYS.map((name) => {
    const type = STATE_ARRAY_TYPES[name] as unknown;
    return [name, type === Float32Array ? "f32" : type === Uint32Array ? "u32" : type === Uint16Array ? "u16" : "u8"];
  }),
) as Record<(typeof STATE_ARRAYS)[number], ArrayType>;
type ArrayType = "u8" | "u16" | "u32" | "f32";
const BYTES = { u8: 1, u16: 2, u32: 4, f32: 4 } as const;

/** Bytes of the arrays for a lattice of `size` sites, each array padded to 4 bytes. */
function arraysBytes(size: number): number {
  let n = 0;
  for (const name of STATE_ARRAYS) n += Math.ceil((size * BYTES[ARRAY_TYPES[name]]) / 4) * 4;
  return n + FIELD_COUNT * size * 4;
}

export function encodeSnapshot(snap: Snapshot): Uint8Array {
  const metaBytes = new Codec.TextEncoder().encode(JSON.stringify(snap.meta));
  const metaPadded = Math.ceil(metaBytes.length / 4) * 4;
  const size = snap.tissue.size;
  const total = 12 + metaPadded + arraysBytes(size) + 4;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, snap.meta.version, true);
  dv.setUint32(8, metaBytes.length, true);
  out.set(metaBytes, 12);
  let off = 12 + metaPadded;
  for (const name of STATE_ARRAYS) {
    const a = snap.tissue[name];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += Math.ceil(a.byteLength / 4) * 4;
  }
  for (let i = 0; i < snap.tissue.fields.length; i++) {
    const f = logicalField(snap.tissue, i); // site order, without row padding
    out.set(new Uint8Array(f.buffer, f.byteOffset, f.byteLength), off);
    off += f.byteLength;
  }
  dv.setUint32(off, checksum(out.subarray(0, off)), true);
  return out;
}

function fail(what: string): never {
  throw new InputError(
    [{ path: "(snapshot)", value: "(file)", allowed: "a complete hepatosim snapshot", message: what }],
    "snapshot",
  );
}

export function decodeSnapshot(bytes: Uint8Array): Snapshot {
  if (bytes.length < 16) fail("file is too short to be a snapshot (truncated?)");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) fail("not a hepatosim snapshot (wrong magic number)");
  const version = dv.getUint32(4, true);
  if (version > SNAPSHOT_VERSION)
    fail(`format version ${version} is newer than this build supports (${SNAPSHOT_VERSION}); update hepatosim`);
  if (version < 1) fail(`format version ${version} is not valid`);
  if (version < SNAPSHOT_VERSION)
    fail(
      `format version ${version} was written before ${version < 2 ? "the measured blood compartment" : "cell identities"} (version ${SNAPSHOT_VERSION}); run the scenario again`,
    );
  const metaLength = dv.getUint32(8, true);
  const metaPadded = Math.ceil(metaLength / 4) * 4;
  if (12 + metaPadded + 4 > bytes.length) fail("file is truncated (metadata incomplete)");
  let meta: SnapshotMeta;
  try {
    meta = JSON.parse(new Codec.TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(12, 12 + metaLength)));
  } catch {
    fail("metadata is corrupted (not valid JSON)");
  }
  const w = meta?.scenario?.lattice?.width;
  const h = meta?.scenario?.lattice?.height;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1 || w * h > 1024 * 1024)
    fail("metadata names an impossible lattice size");
  const size = w * h;
  const expected = 12 + metaPadded + arraysBytes(size) + 4;
  if (bytes.length !== expected) fail(`file has ${bytes.length} bytes, expected ${expected} (truncated or corrupted)`);
  const end = expected - 4;
  if (dv.getUint32(end, true) !== checksum(bytes.subarray(0, end))) fail("checksum mismatch (the file is corrupted)");
  let off = 12 + metaPadded;
  const take = (type: ArrayType) => {
    const len = size * BYTES[type];
    const slice = bytes.slice(off, off + len);
    off += Math.ceil(len / 4) * 4;
    if (type === "u8") return slice;
    if (type === "u16") return new Uint16Array(slice.buffer);
    return type === "u32" ? new Uint32Array(slice.buffer) : new Float32Array(slice.buffer);
  };
  const arrays: Record<string, Uint8Array | Uint16Array | Uint32Array | Float32Array> = {};
  for (const name of STATE_ARRAYS) arrays[name] = take(ARRAY_TYPES[name]);
  const fields: Float32Array[] = [];
  for (let f = 0; f < FIELD_COUNT; f++) fields.push(take("f32") as Float32Array);
  const tissue = { width: w, height: h, size, pitch: w, ...arrays, fields } as unknown as TissueState;
  return { meta, tissue };
}
