/**
 * Moves a simulation's lattice and scratch arrays onto SharedArrayBuffers so strip workers can
 * work on them in place, and rebuilds the same views inside a worker. Scalars that the serial
 * phase changes each step (clock, injury, blood levels, MSCs delivered) travel through `scalars`.
 */
import { TALLY_KEYS } from "../../model/engine";
import { FIELD_COUNT } from "../../model/fields/registry";
import { INCREMENT_SLOTS } from "../../model/fields/field-set";
import { createFieldMemory, type FieldMemory, plainFieldSet, sharedFieldSet } from "../../model/fields/solver";
import { STATE_ARRAYS, type TissueState } from "../../model/lattice/state";
import { BLOOD_FACTORS, type MscProfile, type SimState } from "../../model/sim-state";
import { CTRL } from "./barrier";

type Scratch = SimState["derived"]["scratch"];
type Typed = Uint8Array | Uint16Array | Float32Array;

export interface SharedBuffers {
  tissue: Record<string, SharedArrayBuffer>;
  /** The fields in one shared WebAssembly memory, swept in place by every thread's kernels; or null and one buffer per field. */
  fieldMemory: FieldMemory | null;
  fields: SharedArrayBuffer[];
  /** Row length of the fields (fields/layout fieldPitch): helpers' tissues take it from here. */
  pitch: number;
  scratch: Record<string, SharedArrayBuffer>;
  ctrl: SharedArrayBuffer;
  scalars: SharedArrayBuffer;
  profiles: SharedArrayBuffer;
}

/**
 * What the serial phase may change in a step and every strip must then read (publishScalars,
 * loadScalars), with its number of slots; the slots follow one another in this order.
 */
const STEP_SCALARS = {
  clock: 1,
  step: 1,
  injuryType: 1,
  injuryIntensity: 1,
  blood: BLOOD_FACTORS,
  mscDelivered: 1,
  settling: 1,
} as const;
type StepScalar = keyof typeof STEP_SCALARS;

function slots(sizes: typeof STEP_SCALARS): { at: Record<StepScalar, number>; end: number } {
  const at = {} as Record<StepScalar, number>;
  let end = 0;
  for (const key of Object.keys(sizes) as StepScalar[]) {
    at[key] = end;
    end += sizes[key];
  }
  return { at, end };
}

const LAYOUT = slots(STEP_SCALARS);
/** Scalar slots: then one slot per tally key (engine TALLY_KEYS) per worker from TALLY_BASE. */
export const SCALAR: Readonly<Record<StepScalar, number>> = LAYOUT.at;
export const TALLY_BASE = LAYOUT.end;
const INJURY_TYPES = ["none", "toxic", "biliary"] as const;
const PROFILE_KEYS: (keyof MscProfile)[] = [
  "hgf",
  "egf",
  "vegf",
  "il10",
  "contact",
  "differentiation",
  "proliferation",
];
const MAX_PROFILES = 64;

function toShared<T extends Typed>(a: T): [T, SharedArrayBuffer] {
  const sab = new SharedArrayBuffer(a.byteLength);
  const view = new (a.constructor as new (b: ArrayBufferLike) => T)(sab);
  view.set(a as never);
  return [view, sab];
}

/** Replaces the state's arrays by shared copies (in place) and returns the buffers for workers. */
export function shareState(sim: SimState, workers: number): SharedBuffers {
  const t = sim.tissue as unknown as Record<string, Typed>;
  const tissue: Record<string, SharedArrayBuffer> = {};
  for (const name of STATE_ARRAYS) [t[name], tissue[name]] = toShared(t[name]!);
  const fields: SharedArrayBuffer[] = [];
  const { width: w, height: h, pitch } = sim.tissue;
  const fieldMemory = createFieldMemory(w, h, pitch, FIELD_COUNT + INCREMENT_SLOTS, workers);
  const inMemory = fieldMemory ? sharedFieldSet(fieldMemory, w, h, pitch, FIELD_COUNT, 0) : null;
  if (inMemory?.backend.kind === "in-place") {
    inMemory.arrays.forEach((v, i) => {
      v.set(sim.tissue.fields[i]!);
    });
    sim.fieldSet = inMemory;
  } else {
    // Fields, then the increments: every thread sweeps and adds the same increment arrays.
    const shared = [...sim.tissue.fields, ...sim.fieldSet.increments].map((f) => {
      const [view, sab] = toShared(f);
      fields.push(sab);
      return view;
    });
    sim.fieldSet = plainFieldSet(shared.slice(0, FIELD_COUNT), w, h, shared.slice(FIELD_COUNT));
  }
  sim.tissue.fields = sim.fieldSet.arrays;
  const sc = sim.derived.scratch as unknown as Record<string, Typed>;
  const scratch: Record<string, SharedArrayBuffer> = {};
  for (const name of Object.keys(sc)) [sc[name], scratch[name]] = toShared(sc[name]!);
  const buffers: SharedBuffers = {
    tissue,
    fieldMemory: fields.length ? null : fieldMemory,
    fields,
    pitch,
    scratch,
    ctrl: new SharedArrayBuffer(4 * CTRL.length),
    scalars: new SharedArrayBuffer(8 * (TALLY_BASE + TALLY_KEYS.length * workers)),
    profiles: new SharedArrayBuffer(8 * MAX_PROFILES * PROFILE_KEYS.length),
  };
  writeProfiles(buffers, sim.mscProfiles);
  return buffers;
}

export function writeProfiles(b: SharedBuffers, profiles: readonly MscProfile[]): void {
  if (profiles.length > MAX_PROFILES) throw new Error(`at most ${MAX_PROFILES} MSC profiles`);
  const a = new Float64Array(b.profiles);
  profiles.forEach((p, i) => {
    PROFILE_KEYS.forEach((key, j) => {
      a[i * PROFILE_KEYS.length + j] = p[key];
    });
  });
}

export function readProfiles(b: SharedBuffers, count: number): MscProfile[] {
  const a = new Float64Array(b.profiles);
  return Array.from({ length: count }, (_, i) => {
    const p = {} as MscProfile;
    PROFILE_KEYS.forEach((key, j) => {
      p[key] = a[i * PROFILE_KEYS.length + j]!;
    });
    return p;
  });
}

/** Thread `me`'s state: the same shared arrays, its own derived tables and solver kernels. */
export function attachShared(sim: SimState, b: SharedBuffers, me: number): void {
  const t = sim.tissue as unknown as Record<string, Typed>;
  for (const name of STATE_ARRAYS)
    t[name] = new (t[name]!.constructor as new (x: ArrayBufferLike) => Typed)(b.tissue[name]!);
  const { width: w, height: h } = sim.tissue;
  (sim.tissue as TissueState).pitch = b.pitch;
  if (b.fieldMemory) {
    // If this thread cannot bind the kernels, the solver copies strips in and out instead (same bits).
    sim.fieldSet = sharedFieldSet(b.fieldMemory, w, h, b.pitch, FIELD_COUNT, me);
  } else
    sim.fieldSet = plainFieldSet(
      b.fields.slice(0, FIELD_COUNT).map((sab) => new Float32Array(sab)),
      w,
      h,
      b.fields.slice(FIELD_COUNT).map((sab) => new Float32Array(sab)),
    );
  (sim.tissue as TissueState).fields = sim.fieldSet.arrays;
  const sc = sim.derived.scratch as unknown as Record<string, Typed>;
  for (const name of Object.keys(sc) as (keyof Scratch)[])
    sc[name] = new (sc[name]!.constructor as new (x: ArrayBufferLike) => Typed)(b.scratch[name]!);
}

/** Coordinator → workers: the per-step scalars the serial phase decided. */
export function publishScalars(scalars: Float64Array, sim: SimState): void {
  scalars[SCALAR.clock] = sim.clock;
  scalars[SCALAR.step] = sim.step;
  scalars[SCALAR.injuryType] = INJURY_TYPES.indexOf(sim.injury.type);
  scalars[SCALAR.injuryIntensity] = sim.injury.intensity;
  for (let i = 0; i < BLOOD_FACTORS; i++) scalars[SCALAR.blood + i] = sim.blood[i]!;
  scalars[SCALAR.mscDelivered] = sim.counters.mscDeliveredSimulated;
  scalars[SCALAR.settling] = sim.settling ? 1 : 0;
}

export function loadScalars(scalars: Float64Array, sim: SimState): void {
  sim.clock = scalars[SCALAR.clock]!;
  sim.step = scalars[SCALAR.step]!;
  sim.injury = { type: INJURY_TYPES[scalars[SCALAR.injuryType]!]!, intensity: scalars[SCALAR.injuryIntensity]! };
  const b = SCALAR.blood;
  sim.blood = [scalars[b]!, scalars[b + 1]!, scalars[b + 2]!, scalars[b + 3]!, scalars[b + 4]!];
  sim.counters.mscDeliveredSimulated = scalars[SCALAR.mscDelivered]!;
  sim.settling = scalars[SCALAR.settling] === 1;
}
