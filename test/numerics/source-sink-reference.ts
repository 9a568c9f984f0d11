/**
 * The source/sink law applied site by site, every term written out: the reference for the engine's
 * table-driven passes (src/model/fields/secretion.ts), which the engine runs instead.
 */

import { FieldIndex } from "../../src/model/fields/registry";
import {
  BLOOD_FIELD,
  MSC_PROFILE_FIELD,
  type SecretionTables,
  SITE_TERM,
} from "../../src/model/fields/source-sink-law";
import { Cell, KIND_COUNT, Vessel } from "../../src/model/lattice/codes";
import type { TissueState } from "../../src/model/lattice/state";
import type { MscProfile } from "../../src/model/sim-state";

const HEPATOCYTE = Cell.hepatocyte;
const MSC = Cell.msc;
const V_SINUSOID = Vessel.sinusoid;

/**
 * Applies secretion and uptake of field `f` over rows [y0, y1) for a time dt (h), every term of its
 * law (src/model/fields/source-sink-law.ts) per site. `blood` holds the blood levels of MSC-derived
 * factors; `profiles` the per-infusion MSC rates. The reference the engine's table-driven passes
 * (sourceSinkFast, sourceSinkMsc) are tested against (source-paths.test.ts).
 */
export function sourceSinkRows(
  t: TissueState,
  f: number,
  tab: SecretionTables,
  profiles: readonly MscProfile[],
  blood: readonly number[],
  dt: number,
  y0: number,
  y1: number,
): void {
  const c = t.fields[f]!;
  const { cell, state, vessel, damage, zone } = t;
  const kBase = f * KIND_COUNT;
  const vBase = f * 5;
  const isDamage = SITE_TERM[f] === "damage";
  const isVegf = SITE_TERM[f] === "hypoxic";
  const isOxygen = SITE_TERM[f] === "zonated";
  const bloodSlot = BLOOD_FIELD.indexOf(f);
  const bloodLevel = bloodSlot >= 0 ? blood[bloodSlot]! : 0;
  const decay = tab.decay[f]!;
  const profileKey = MSC_PROFILE_FIELD[f];
  const oxygen = t.fields[FieldIndex.oxygen]!;
  const { width: w, pitch } = t;
  for (let y = y0; y < y1; y++) {
    for (let k = y * w, end = k + w, fk = y * pitch; k < end; k++, fk++) {
      const cellK = cell[k]!;
      const kind = cellK * 4 + (state[k]! & 3);
      const v = vessel[k]!;
      const s = tab.kindSecretion[kBase + kind]!;
      let production = s;
      let loss = s + tab.kindUptake[kBase + kind]! + tab.vesselUptake[vBase + v]!;
      const vs = tab.vesselSecretion[vBase + v]!;
      if (vs > 0) {
        const target = isOxygen ? 1 - tab.oxygenZonation * zone[k]! : 1;
        production += vs * target;
        loss += vs;
      }
      if (isDamage && cellK !== HEPATOCYTE && damage[k]! > 0) production += tab.debrisRelease * damage[k]!;
      const comboLoss = loss;
      if (cellK === HEPATOCYTE) {
        if (isDamage) {
          const sd = tab.damagePerDamage * damage[k]!;
          production += sd;
          loss += sd;
        } else if (isVegf) {
          const hyp = 1 - oxygen[fk]! / tab.hypoxiaThreshold;
          if (hyp > 0) {
            const sv = tab.vegfHypoxic * hyp;
            production += sv;
            loss += sv;
          }
        }
      } else if (cellK === MSC && profileKey !== undefined) {
        const sm = profiles[state[k]! >> 2]![profileKey] as number;
        production += sm;
        loss += sm;
      }
      // MSC-derived factors arrive with perfusion on top of the endogenous levels: a source only, the
      // blood level b times the site's own loss (decay + the loss of its combo, MSC profile excluded).
      if (bloodLevel > 0 && v === V_SINUSOID) production += bloodLevel * (decay + comboLoss);
      c[fk] = (c[fk]! + dt * production) / (1 + dt * loss);
    }
  }
}
