/**
 * A prebuilt disease stage as a file: a generated day-0 stage (src/model/simulation GeneratedStage)
 * and the key it was made for, so the page can start a preset without generating it. Built by
 * `npm run stages` (src/cli/stages-build.ts), gzip-compressed; the page fetches, decompresses and
 * checks it (src/sim/prebuilt-stages.ts). Layout: magic "HPST" | u32 version | u32 header length |
 * header JSON | state arrays (lattice/state STATE_ARRAYS order, each padded to 4 bytes) | fields in
 * site order | u32 FNV-1a checksum of everything before it.
 */
import { FIELD_COUNT } from "../model/fields/registry";
import { logicalField } from "../model/fields/layout";
import { STATE_ARRAY_TYPES, STATE_ARRAYS, type TissueState } from "../model/lattice/state";
import type { GeneratedStage } from "../model/simulation";

const MAGIC = 0x54535048; // "HPST" little-endian
export const STAGE_FILE_VERSION = 1;

interface Header {
  key: string;
  width: number;
  height: number;
  clock: number;
  generationSteps: number;
  generationCpaPercent: number;
  healthy: { hepatocytes: number; sinusoids: number };
}

function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

const pad4 = (n: number) => Math.ceil(n / 4) * 4;

function arraysBytes(size: number): number {
  let n = 0;
  for (const name of STATE_ARRAYS) n += pad4(size * STATE_ARRAY_TYPES[name].BYTES_PER_ELEMENT);
  return n + FIELD_COUNT * size * 4;
}

/** The stage as uncompressed bytes, under `key` (the model build and what shapes the stage). */
export function encodeStage(key: string, stage: GeneratedStage): Uint8Array {
  const t = stage.tissue;
  const header: Header = {
    key,
    width: t.width,
    height: t.height,
    clock: stage.clock,
    generationSteps: stage.generationSteps,
    generationCpaPercent: stage.generationCpaPercent,
    healthy: { ...stage.healthy },
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = 12 + pad4(headerBytes.length);
  const out = new Uint8Array(start + arraysBytes(t.size) + 4);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, STAGE_FILE_VERSION, true);
  dv.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  let off = start;
  for (const name of STATE_ARRAYS) {
    const a = t[name];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += pad4(a.byteLength);
  }
  for (let f = 0; f < FIELD_COUNT; f++) {
    const a = logicalField(t, f);
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += a.byteLength;
  }
  dv.setUint32(off, checksum(out.subarray(0, off)), true);
  return out;
}

/** The stage in `bytes` and its key; throws on anything but a complete, intact file of this version. */
export function decodeStage(bytes: Uint8Array): { key: string; stage: GeneratedStage } {
  const bad = (what: string): never => {
    throw new Error(`prebuilt stage: ${what}`);
  };
  if (bytes.length < 16) bad("too short");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) bad("not a stage file");
  if (dv.getUint32(4, true) !== STAGE_FILE_VERSION) bad(`format version ${dv.getUint32(4, true)}`);
  const headerLength = dv.getUint32(8, true);
  const start = 12 + pad4(headerLength);
  if (start + 4 > bytes.length) bad("truncated header");
  const h = JSON.parse(
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)),
  ) as Header;
  if (
    !Number.isInteger(h.width) ||
    !Number.isInteger(h.height) ||
    h.width < 1 ||
    h.height < 1 ||
    h.width * h.height > 1 << 20
  )
    bad("impossible lattice size");
  const size = h.width * h.height;
  const end = start + arraysBytes(size);
  if (bytes.length !== end + 4) bad(`${bytes.length} bytes, expected ${end + 4}`);
  if (dv.getUint32(end, true) !== checksum(bytes.subarray(0, end))) bad("checksum mismatch");
  let off = start;
  const tissue = { width: h.width, height: h.height, size, pitch: h.width, fields: [] } as unknown as TissueState;
  for (const name of STATE_ARRAYS) {
    const type = STATE_ARRAY_TYPES[name];
    // A copy with a buffer of its own (Node's Buffer.slice would share the file's buffer).
    const copy = new Uint8Array(bytes.subarray(off, off + size * type.BYTES_PER_ELEMENT));
    (tissue as unknown as Record<string, unknown>)[name] = new type(copy.buffer);
    off += pad4(copy.byteLength);
  }
  for (let f = 0; f < FIELD_COUNT; f++) {
    tissue.fields.push(new Float32Array(new Uint8Array(bytes.subarray(off, off + size * 4)).buffer));
    off += size * 4;
  }
  return {
    key: h.key,
    stage: {
      tissue,
      clock: h.clock,
      generationSteps: h.generationSteps,
      generationCpaPercent: h.generationCpaPercent,
      healthy: { hepatocytes: h.healthy.hepatocytes, sinusoids: h.healthy.sinusoids },
    },
  };
}
