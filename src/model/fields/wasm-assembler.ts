/**
 * A byte emitter for the few WebAssembly opcodes the solver's kernels use (kernels.ts): LEB128
 * integers, sections, locals, loads and stores, f64 and f64x2 arithmetic, and a while loop.
 */

export type Bytes = number[];

export function leb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export const vec = (items: Bytes[]): Bytes => [...leb(items.length), ...items.flat()];
export const section = (id: number, body: Bytes): Bytes => [id, ...leb(body.length), ...body];
export const name = (s: string): Bytes => vec([...s].map((c) => [c.charCodeAt(0)]));

export const T_I32 = 0x7f;
export const T_F64 = 0x7c;
export const T_V128 = 0x7b;
export const get = (i: number): Bytes => [0x20, ...leb(i)];
export const set = (i: number): Bytes => [0x21, ...leb(i)];
export const tee = (i: number): Bytes => [0x22, ...leb(i)];
export const i32 = (v: number): Bytes => [0x41, ...sleb(v)];
/** memarg: log2 alignment, offset. */
export const mem = (align: number, offset: number): Bytes => [align, ...leb(offset)];
export const f32Load = (offset: number): Bytes => [0x2a, ...mem(2, offset)];
export const f64Load = (offset: number): Bytes => [0x2b, ...mem(3, offset)];
export const f32Store = (offset: number): Bytes => [0x38, ...mem(2, offset)];
export const f64Store = (offset: number): Bytes => [0x39, ...mem(3, offset)];
export const simd = (op: number, ...immediates: number[]): Bytes => [0xfd, ...leb(op), ...immediates];
export const v128Load = (offset: number): Bytes => simd(0x00, ...mem(4, offset));
export const v128Store = (offset: number): Bytes => simd(0x0b, ...mem(4, offset));
export const v128Load32Zero = (offset: number): Bytes => simd(0x5c, ...mem(2, offset));
export const v128Load64Zero = (offset: number): Bytes => simd(0x5d, ...mem(3, offset));
export const v128Load32Lane = (offset: number, lane: number): Bytes => [...simd(0x56, ...mem(2, offset)), lane];
export const v128Store32Lane = (offset: number, lane: number): Bytes => [...simd(0x5a, ...mem(2, offset)), lane];
export const v128Store64Lane = (offset: number, lane: number): Bytes => [...simd(0x5b, ...mem(3, offset)), lane];
export const F64X2_SPLAT = simd(0x14);
export const I32_ADD = [0x6a];
export const I32_SUB = [0x6b];
export const I32_SHL = [0x74];
export const I32_GE_S = [0x4e];
export const I32_LT_S = [0x48];
export const F32_DEMOTE_F64 = [0xb6];
export const F64_PROMOTE_F32 = [0xbb];
/** f64 and f64x2 arithmetic: the same IEEE double operation per lane. */
export const ARITH = {
  1: { add: [0xa0], sub: [0xa1], mul: [0xa2], promote: F64_PROMOTE_F32, demote: F32_DEMOTE_F64, type: T_F64 },
  2: { add: simd(0xf0), sub: simd(0xf1), mul: simd(0xf2), promote: simd(0x5f), demote: simd(0x5e), type: T_V128 },
} as const;
/** block { loop { if (exit) break; body; continue } } */
export const whileNot = (exit: Bytes, body: Bytes): Bytes => [
  0x02,
  0x40,
  0x03,
  0x40,
  ...exit,
  0x0d,
  1,
  ...body,
  0x0c,
  0,
  0x0b,
  0x0b,
];
