/**
 * Maps a slider position (0 … POSITIONS) to a parameter value and back. Ranges that span orders of
 * magnitude (diffusion 10 … 200000 µm²/min, dose 0 … 10⁹ cells/kg) get a logarithmic scale so the
 * default sits mid-track rather than squeezed against one end.
 */

export const POSITIONS = 1000;

export interface SliderScale {
  readonly log: boolean;
  toValue(position: number): number;
  toPosition(value: number): number;
}

export interface ScaleSpec {
  min: number;
  max: number;
  default: number;
  integer?: boolean;
  step?: number;
}

function roundSignificant(v: number, digits: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(digits));
}

export function wantsLogScale(s: ScaleSpec): boolean {
  if (s.min > 0) return s.max / s.min >= 1000;
  if (s.min < 0) return false;
  return s.default > 0 ? s.max / s.default >= 100 : s.max >= 1000;
}

export function sliderScale(s: ScaleSpec): SliderScale {
  const clamp = (v: number) => Math.min(s.max, Math.max(s.min, v));
  const finish = (v: number) => {
    let out = s.step ? Math.round(v / s.step) * s.step : v;
    out = s.integer ? Math.round(out) : roundSignificant(out, 3);
    return clamp(out);
  };
  if (!wantsLogScale(s)) {
    return {
      log: false,
      toValue: (p) => finish(s.min + ((s.max - s.min) * p) / POSITIONS),
      toPosition: (v) => Math.round(((clamp(v) - s.min) / (s.max - s.min || 1)) * POSITIONS),
    };
  }
  // With min = 0, position 0 is exactly 0 and the log scale starts at `lo` from position 1.
  const zeroSlot = s.min === 0 ? 1 : 0;
  const lo = s.min > 0 ? s.min : s.default > 0 ? Math.min(s.default / 100, s.max * 1e-6) : s.max * 1e-6;
  const span = Math.log(s.max / lo);
  const usable = POSITIONS - zeroSlot;
  return {
    log: true,
    toValue: (p) => (zeroSlot && p <= 0 ? 0 : finish(lo * Math.exp((span * (p - zeroSlot)) / usable))),
    toPosition: (v) => {
      if (zeroSlot && v <= 0) return 0;
      if (v <= lo) return zeroSlot;
      return Math.round(zeroSlot + (Math.log(clamp(v) / lo) / span) * usable);
    },
  };
}
