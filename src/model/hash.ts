/**
 * State hash for determinism tests: two 32-bit lanes over every state array's bytes (read as
 * 32-bit words where aligned) plus the clock and counters. Not cryptographic; collisions are not a concern.
 */
import { logicalField } from "./fields/layout";
import { STATE_ARRAYS } from "./lattice/state";
import type { SimState } from "./sim-state";

function mixWord(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

function hashBytes(a: number, b: number, view: ArrayBufferView): [number, number] {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const words = Math.floor(bytes.byteLength / 4);
  const aligned = view.byteOffset % 4 === 0;
  const w32 = aligned ? new Uint32Array(view.buffer, view.byteOffset, words) : null;
  for (let i = 0; i < words; i++) {
    const w = w32
      ? w32[i]!
      : bytes[i * 4]! | (bytes[i * 4 + 1]! << 8) | (bytes[i * 4 + 2]! << 16) | (bytes[i * 4 + 3]! << 24);
    a = mixWord(a, w);
    b = mixWord(b ^ 0x85ebca6b, w + i);
  }
  for (let i = words * 4; i < bytes.length; i++) {
    a = mixWord(a, bytes[i]!);
    b = mixWord(b, bytes[i]! + i);
  }
  return [a, b];
}

export function stateHash(sim: SimState): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const t = sim.tissue;
  for (const name of STATE_ARRAYS) [a, b] = hashBytes(a, b, t[name]);
  // Field values in site order: the hash does not depend on the fields' row padding.
  for (let f = 0; f < t.fields.length; f++) [a, b] = hashBytes(a, b, logicalField(t, f));
  const scalars = new Float64Array([
    sim.clock,
    sim.step,
    ...Object.values(sim.counters),
    ...sim.blood,
    ...sim.systemicByInfusion,
  ]);
  [a, b] = hashBytes(a, b, scalars);
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
