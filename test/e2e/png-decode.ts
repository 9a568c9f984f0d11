/** A small PNG decoder for the screenshots the tests take (8-bit RGB/RGBA, not interlaced). */
import { inflateSync } from "node:zlib";

export interface Pixels {
  width: number;
  height: number;
  /** RGBA bytes, row by row. */
  rgba: Uint8Array;
}

export function decodePng(png: Uint8Array): Pixels {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Uint8Array[] = [];
  while (pos < png.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("only 8-bit, non-interlaced PNGs");
      colourType = data[9]!;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (!channels) throw new Error(`PNG colour type ${colourType} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let v = line[i]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * channels]!;
      out[o + 1] = cur[x * channels + 1]!;
      out[o + 2] = cur[x * channels + 2]!;
      out[o + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev.set(cur);
  }
  return { width, height, rgba: out };
}

/** Number of distinct RGB colours. */
export function distinctColours(p: Pixels): number {
  const seen = new Set<number>();
  for (let k = 0; k < p.rgba.length; k += 4) seen.add((p.rgba[k]! << 16) | (p.rgba[k + 1]! << 8) | p.rgba[k + 2]!);
  return seen.size;
}

/** Share of the most common colour (1 = a uniform picture). */
export function dominantShare(p: Pixels): number {
  const counts = new Map<number, number>();
  for (let k = 0; k < p.rgba.length; k += 4) {
    const c = (p.rgba[k]! << 16) | (p.rgba[k + 1]! << 8) | p.rgba[k + 2]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return Math.max(...counts.values()) / (p.rgba.length / 4);
}

/** Fraction of pixels whose colour differs between two pictures of the same size. */
export function changedFraction(a: Pixels, b: Pixels): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let changed = 0;
  for (let k = 0; k < a.rgba.length; k += 4)
    if (a.rgba[k] !== b.rgba[k] || a.rgba[k + 1] !== b.rgba[k + 1] || a.rgba[k + 2] !== b.rgba[k + 2]) changed++;
  return changed / (a.rgba.length / 4);
}

function colourShares(p: Pixels): Map<number, number> {
  const shares = new Map<number, number>();
  const n = p.rgba.length / 4;
  for (let k = 0; k < p.rgba.length; k += 4) {
    const c = (p.rgba[k]! << 16) | (p.rgba[k + 1]! << 8) | p.rgba[k + 2]!;
    shares.set(c, (shares.get(c) ?? 0) + 1 / n);
  }
  return shares;
}

/**
 * Total-variation distance between two pictures' colour distributions: 0 = the same colours in the
 * same shares, 1 = no colour in common. Needs no alignment, so two panes laid out a pixel apart compare.
 */
export function colourDistance(a: Pixels, b: Pixels): number {
  const sa = colourShares(a);
  const sb = colourShares(b);
  let d = 0;
  for (const c of new Set([...sa.keys(), ...sb.keys()])) d += Math.abs((sa.get(c) ?? 0) - (sb.get(c) ?? 0));
  return d / 2;
}
