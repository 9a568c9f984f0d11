/**
 * Colour-vision checks for the palettes: simulated dichromacy (Machado, Oliveira & Fernandes 2009,
 * severity 1, applied in linear sRGB) and the CIEDE2000 colour difference. Pure, used by a test
 * that keeps every pair of legend colours apart for deuteranopes, protanopes and tritanopes.
 */
import type { RGB } from "./palette";

export const DICHROMACIES = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
} as const;
export type Dichromacy = keyof typeof DICHROMACIES;

const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const toByte = (v: number) => {
  const c = Math.min(1, Math.max(0, v));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** How a colour looks to a dichromat (sRGB bytes in, sRGB bytes out). */
export function simulate(rgb: RGB, kind: Dichromacy): RGB {
  const m = DICHROMACIES[kind];
  const l = rgb.map(toLinear);
  const out = m.map((row) => toByte(row[0] * l[0]! + row[1] * l[1]! + row[2] * l[2]!));
  return [out[0]!, out[1]!, out[2]!];
}

/** sRGB bytes → CIELAB (D65). */
export function toLab(rgb: RGB): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deg = Math.PI / 180;

/** CIEDE2000 difference between two sRGB colours (≈ 1 just noticeable; ≥ 10 clearly different). */
export function deltaE2000(a: RGB, b: RGB): number {
  return deltaE2000Lab(toLab(a), toLab(b));
}

/** CIEDE2000 between two CIELAB colours (Sharma, Wu & Dalal 2005). */
export function deltaE2000Lab(
  [L1, a1, b1]: readonly [number, number, number],
  [L2, a2, b2]: readonly [number, number, number],
): number {
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + 25 ** 7)));
  const ap1 = (1 + G) * a1;
  const ap2 = (1 + G) * a2;
  const Cp1 = Math.hypot(ap1, b1);
  const Cp2 = Math.hypot(ap2, b2);
  const hue = (x: number, y: number) => (x === 0 && y === 0 ? 0 : (Math.atan2(y, x) / deg + 360) % 360);
  const hp1 = hue(ap1, b1);
  const hp2 = hue(ap2, b2);
  const dL = L2 - L1;
  const dC = Cp2 - Cp1;
  let dh = 0;
  if (Cp1 * Cp2 !== 0) {
    dh = hp2 - hp1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(Cp1 * Cp2) * Math.sin((dh / 2) * deg);
  const Lbar = (L1 + L2) / 2;
  const Cbar = (Cp1 + Cp2) / 2;
  let hbar = hp1 + hp2;
  if (Cp1 * Cp2 !== 0) {
    if (Math.abs(hp1 - hp2) > 180) hbar += hp1 + hp2 < 360 ? 360 : -360;
    hbar /= 2;
  }
  const T =
    1 -
    0.17 * Math.cos((hbar - 30) * deg) +
    0.24 * Math.cos(2 * hbar * deg) +
    0.32 * Math.cos((3 * hbar + 6) * deg) -
    0.2 * Math.cos((4 * hbar - 63) * deg);
  const Sl = 1 + (0.015 * (Lbar - 50) ** 2) / Math.sqrt(20 + (Lbar - 50) ** 2);
  const Sc = 1 + 0.045 * Cbar;
  const Sh = 1 + 0.015 * Cbar * T;
  const Cbar7p = Cbar ** 7;
  const Rt = -2 * Math.sqrt(Cbar7p / (Cbar7p + 25 ** 7)) * Math.sin(60 * Math.exp(-(((hbar - 275) / 25) ** 2)) * deg);
  return Math.sqrt((dL / Sl) ** 2 + (dC / Sc) ** 2 + (dH / Sh) ** 2 + Rt * (dC / Sc) * (dH / Sh));
}
