/**
 * Where the WebAssembly kernels find their coefficients, scratch and fields. Fields in a WebAssembly
 * memory are shared by a partitioned run's threads, each of which instantiates the kernels on it and
 * sweeps its rows or columns in place (no copies in or out), or are a one-thread run's own. Each
 * thread has its own scratch region (coefficients and forward values) before the fields.
 */
import {
  activeKernels,
  instantiateKernels,
  kernelModuleBytes,
  WASM_COLUMN_GROUP,
  WASM_ROW_GROUP,
  type WasmApi,
  type WasmKernels,
  type WasmMemory,
} from "./kernels";

/**
 * Wasm memory layout for one call, in bytes: x then y coefficients (inv, c'), the interleaved
 * forward values, then the float32 field (or the part of it being swept).
 */
export interface Layout {
  xInv: number;
  xCp: number;
  yInv: number;
  yCp: number;
  d: number;
  field: number;
}

export function wasmLayout(w: number, h: number): Layout {
  const xInv = 0;
  const xCp = xInv + 8 * w;
  const yInv = xCp + 8 * w;
  const yCp = yInv + 8 * h;
  const d = yCp + 8 * h;
  const field = d + 8 * Math.max(WASM_ROW_GROUP * w, WASM_COLUMN_GROUP * h);
  return { xInv, xCp, yInv, yCp, d, field };
}

/** Kernels instantiated on a field memory, with this thread's scratch region: they sweep its fields in place. */
export interface InPlace {
  k: WasmKernels;
  L: Layout;
}

/** Bytes of one thread's scratch region for a width × height lattice (64-byte aligned). */
export function threadScratchBytes(w: number, h: number): number {
  const L = wasmLayout(w, h);
  return Math.ceil(L.field / 64) * 64;
}

/** A memory holding `fields` float32 fields of `pitch` × height values after `threads` scratch regions. */
export interface FieldMemory {
  /** A shared WebAssembly.Memory (structured-cloneable to workers). */
  memory: unknown;
  /** Byte offset of field i: fieldBase + 4 · pitch · height · i. */
  fieldBase: number;
  threads: number;
}

/**
 * Allocates shared field memory if the wasm kernels are in use and shared memories are available
 * (Node; a cross-origin-isolated page); null otherwise (the caller keeps per-field buffers).
 */
export function createFieldMemory(
  width: number,
  height: number,
  pitch: number,
  fields: number,
  threads: number,
): FieldMemory | null {
  const k = activeKernels();
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!k || !api || typeof SharedArrayBuffer === "undefined") return null;
  const fieldBase = threads * threadScratchBytes(width, height);
  const pages = Math.ceil((fieldBase + 4 * pitch * height * fields) / 65536);
  if (pages > 65536) return null;
  try {
    const memory = new api.Memory({ initial: pages, maximum: pages, shared: true });
    return { memory, fieldBase, threads };
  } catch {
    return null;
  }
}

/** The float32 views of the fields (`pitch` × height values each) in a field memory. */
export function fieldViews(m: FieldMemory, pitch: number, height: number, fields: number): Float32Array[] {
  const buffer = (m.memory as WasmMemory).buffer;
  const n = pitch * height;
  return Array.from({ length: fields }, (_, i) => new Float32Array(buffer, m.fieldBase + 4 * n * i, n));
}

/**
 * This thread's kernels instantiated on a shared field memory, using scratch region `thread`; null
 * if that fails (the fields are then swept on copies, with the same bits).
 */
export function bindFieldMemory(m: FieldMemory, width: number, height: number, thread: number): InPlace | null {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  const own = activeKernels();
  const memory = m.memory as WasmMemory;
  if (!api || !own || thread < 0 || thread >= m.threads) return null;
  try {
    const pages = memory.buffer.byteLength / 65536;
    return bind(
      own.lanes,
      new api.Module(kernelModuleBytes(own.lanes, pages)),
      memory,
      thread * threadScratchBytes(width, height),
      m.fieldBase,
      width,
      height,
    );
  } catch {
    return null;
  }
}

/** Instantiates compiled kernels on `memory` with their scratch at byte `base`. */
function bind(
  lanes: 1 | 2,
  module: object,
  memory: WasmMemory,
  base: number,
  fieldBase: number,
  width: number,
  height: number,
): InPlace {
  const k = instantiateKernels(lanes, module, memory);
  const L0 = wasmLayout(width, height);
  const L: Layout = {
    xInv: base + L0.xInv,
    xCp: base + L0.xCp,
    yInv: base + L0.yInv,
    yCp: base + L0.yCp,
    d: base + L0.d,
    field: fieldBase,
  };
  return { k, L };
}

/**
 * A one-thread run's fields copied into a private WebAssembly memory after one scratch region, so
 * its kernels sweep them in place as strip threads do (copying a field into the kernels' memory
 * and back cost ≈ 40 % of a 1024² sweep), followed by `extra` zero arrays of the same size. Null
 * when the wasm kernels are not in use or the memory cannot be made. Same bits on every path.
 */
export function ownFieldMemory(
  fields: readonly Float32Array[],
  extra: number,
  width: number,
  height: number,
): { views: Float32Array[]; kernels: InPlace } | null {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  const own = activeKernels();
  if (!api || !own || fields.length === 0) return null;
  const n = fields[0]!.length;
  const fieldBase = threadScratchBytes(width, height);
  const count = fields.length + extra;
  const pages = Math.ceil((fieldBase + 4 * n * count) / 65536);
  if (pages > 65536) return null;
  try {
    const memory = new api.Memory({ initial: pages, maximum: pages });
    const kernels = bind(own.lanes, own.module, memory, 0, fieldBase, width, height);
    const views = Array.from({ length: count }, (_, i) => new Float32Array(memory.buffer, fieldBase + 4 * n * i, n));
    fields.forEach((f, i) => {
      views[i]!.set(f);
    });
    return { views, kernels };
  } catch {
    return null;
  }
}
