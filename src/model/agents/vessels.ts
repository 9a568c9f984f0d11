/**
 * Sinusoids: scar capillarises them (less oxygen delivered); they recover when the scar is gone,
 * faster with VEGF; VEGF grows new sinusoid sites into free, poorly perfused parenchyma.
 * Sprouting is decided for every site first, then applied, so it does not depend on visiting order.
 */
import { FieldIndex } from "../fields/registry";
import { Cell, Vessel } from "../lattice/codes";
import { DX, DY } from "../lattice/neighbours";
import { hazard, need, type Params, saturating } from "../params/compiled";
import { uniformAt } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";
import { ROW_SPROUT } from "../schedule/row-flags";

/** The vessel rules' constants, read from the registry once per step: rates per hour, probabilities per step. */
export interface VesselConstants {
  dt: number;
  scarThreshold: number;
  capillarisationP: number;
  recoveryRate: number;
  sproutRate: number;
  vegfHalf: number;
  vegfRefenestration: number;
  hypoxiaThreshold: number;
}

export function vesselConstants(p: Params, dt: number): VesselConstants {
  return {
    dt,
    scarThreshold: need(p, "collagen.scar_threshold"),
    capillarisationP: hazard(need(p, "vessels.capillarisation_rate"), dt),
    recoveryRate: need(p, "vessels.recovery_rate"),
    sproutRate: need(p, "vessels.sprout_rate"),
    vegfHalf: need(p, "vessels.vegf_half_saturation"),
    vegfRefenestration: need(p, "vessels.vegf_refenestration"),
    hypoxiaThreshold: need(p, "hepatocyte.hypoxia_threshold"),
  };
}

export function vesselRows(sim: SimState, rc: VesselConstants, key: number, y0: number, y1: number): void {
  const t = sim.tissue;
  const { width: w, height: h, vessel, collagen, cell } = t;
  const { pitch, arrays } = sim.fieldSet;
  const vegf = arrays[FieldIndex.vegf]!;
  const oxygen = arrays[FieldIndex.oxygen]!;
  // Sprout marks share the births' claim array: placeBirths rewrites every row of it each step, and
  // a row is cleared here when its first sprout is marked (applySprouts reads marked rows only).
  const mark = sim.derived.scratch.claim;
  const rowFlags = sim.derived.scratch.rowFlags;
  const { scarThreshold, capillarisationP, vegfHalf, recoveryRate, vegfRefenestration, dt } = rc;
  const hypoxic = 2 * rc.hypoxiaThreshold;
  const sproutRate = rc.sproutRate;
  for (let y = y0; y < y1; y++) {
    const row = y * w;
    const off = y * (pitch - w); // site k's field values are at k + off
    for (let k = row; k < row + w; k++) {
      const v = vessel[k]!;
      // Scarred sinusoids capillarise; capillarised ones recover; empty hypoxic parenchyma sprouts.
      if (v === Vessel.sinusoid) {
        if (collagen[k]! >= scarThreshold && uniformAt(key, k, Purpose.sinusoidCapillarise) < capillarisationP)
          vessel[k] = Vessel.capillarised;
      } else if (v === Vessel.capillarised) {
        const vs = saturating(vegf[k + off]!, vegfHalf);
        // Outside scar fenestrae return (faster with VEGF); inside scar only VEGF restores them.
        const rate =
          collagen[k]! < scarThreshold ? recoveryRate * (1 + 3 * vs) : recoveryRate * vegfRefenestration * vs;
        if (uniformAt(key, k, Purpose.sinusoidCapillarise) < rate * dt) vessel[k] = Vessel.sinusoid;
      } else if (v === Vessel.none && oxygen[k + off]! < hypoxic && cell[k] === Cell.empty) {
        // Sinusoid ↔ capillarised changes above do not change this count (both are vessels).
        const vesselsNear = vesselNeighbours(vessel, k, w, h);
        if (vesselsNear > 0 && vesselsNear < 3) {
          const p = sproutRate * saturating(vegf[k + off]!, vegfHalf) * dt;
          if (uniformAt(key, k, Purpose.sinusoidSprout) < p) {
            if ((rowFlags[y]! & ROW_SPROUT) === 0) mark.fill(0, row, row + w);
            mark[k] = 1;
            rowFlags[y] = rowFlags[y]! | ROW_SPROUT;
          }
        }
      }
    }
  }
}

/** Moore neighbours of k that hold any vessel. */
function vesselNeighbours(vessel: Uint8Array, k: number, w: number, h: number): number {
  const x = k % w;
  const y = (k - x) / w;
  if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
    const up = k - w;
    const down = k + w;
    return (
      +(vessel[up - 1] !== Vessel.none) +
      +(vessel[up] !== Vessel.none) +
      +(vessel[up + 1] !== Vessel.none) +
      +(vessel[k - 1] !== Vessel.none) +
      +(vessel[k + 1] !== Vessel.none) +
      +(vessel[down - 1] !== Vessel.none) +
      +(vessel[down] !== Vessel.none) +
      +(vessel[down + 1] !== Vessel.none)
    );
  }
  let n = 0;
  for (let d = 1; d <= 8; d++) {
    const nx = x + DX[d]!;
    const ny = y + DY[d]!;
    if (nx >= 0 && ny >= 0 && nx < w && ny < h && vessel[ny * w + nx] !== Vessel.none) n++;
  }
  return n;
}

/** Applies the sprouts marked by vesselRows (a separate pass: marks never see each other). */
export function applySprouts(sim: SimState, y0: number, y1: number): void {
  const t = sim.tissue;
  const mark = sim.derived.scratch.claim;
  const rowFlags = sim.derived.scratch.rowFlags;
  const w = t.width;
  for (let y = y0; y < y1; y++) {
    if ((rowFlags[y]! & ROW_SPROUT) === 0) continue;
    const end = (y + 1) * w;
    for (let k = y * w; k < end; k++) {
      if (mark[k]) {
        t.vessel[k] = Vessel.sinusoid;
        mark[k] = 0;
      }
    }
  }
}
