/**
 * Sinusoids: scar capillarises them (less oxygen delivered); they recover when the scar is gone,
 * faster with VEGF; VEGF grows new sinusoid sites into free, poorly perfused parenchyma.
 * Sprouting is decided for every site first, then applied, so it does not depend on visiting order.
 */
import { FieldIndex } from "../fields/registry";
import { Cell, Vessel } from "../lattice/codes";
import { DX, DY } from "../lattice/neighbours";
import { saturating } from "../params/compiled";
import { uniformAt } from "../rng/counter";
import { Purpose } from "../rng/purposes";
import type { SimState } from "../sim-state";
import type { RuleConstants } from "./rates";
import { ROW_SPROUT } from "./row-flags";

// Local copies of the codes: hot loops must not go through module-export getters.
const EMPTY = Cell.empty;
const V_SINUSOID = Vessel.sinusoid;
const V_CAPILLARISED = Vessel.capillarised;
const V_NONE = Vessel.none;
const DXS: readonly number[] = DX;
const DYS: readonly number[] = DY;

export function vesselRows(sim: SimState, rc: RuleConstants, key: number, y0: number, y1: number): void {
  const t = sim.tissue;
  const { width: w, height: h, vessel, collagen, cell } = t;
  const vegf = t.fields[FieldIndex.vegf]!;
  const oxygen = t.fields[FieldIndex.oxygen]!;
  const mark = sim.derived.scratch.claim;
  const rowFlags = sim.derived.scratch.rowFlags;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < w; x++) {
      const k = y * w + x;
      mark[k] = 0;
      const v = vessel[k]!;
      if (v === V_SINUSOID) {
        if (collagen[k]! >= rc.scarThreshold && uniformAt(key, k, Purpose.sinusoidCapillarise) < rc.capillarisationP) vessel[k] = V_CAPILLARISED;
      } else if (v === V_CAPILLARISED) {
        const vs = saturating(vegf[k]!, rc.vegfHalf);
        // Outside scar fenestrae return (faster with VEGF); inside scar only VEGF restores them.
        const rate = collagen[k]! < rc.scarThreshold ? rc.recoveryRate * (1 + 3 * vs) : rc.recoveryRate * rc.vegfRefenestration * vs;
        if (uniformAt(key, k, Purpose.sinusoidCapillarise) < rate * rc.dt) vessel[k] = V_SINUSOID;
      } else if (v === V_NONE && cell[k] === EMPTY && oxygen[k]! < 2 * rc.hypoxiaThreshold) {
        let vesselsNear = 0;
        for (let d = 1; d <= 8; d++) {
          const nx = x + DXS[d]!;
          const ny = y + DYS[d]!;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const nv = vessel[ny * w + nx]!;
          if (nv !== V_NONE) vesselsNear++;
        }
        if (vesselsNear > 0 && vesselsNear < 3) {
          const p = rc.sproutRate * saturating(vegf[k]!, rc.vegfHalf) * rc.dt;
          if (uniformAt(key, k, Purpose.sinusoidSprout) < p) {
            mark[k] = 1;
            rowFlags[y] = rowFlags[y]! | ROW_SPROUT;
          }
        }
      }
    }
  }
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
        t.vessel[k] = V_SINUSOID;
        mark[k] = 0;
      }
    }
  }
}
