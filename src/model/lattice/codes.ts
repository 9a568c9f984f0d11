/** Codes stored in the lattice's Uint8 layers. Stable: snapshots and the renderer depend on them. */

/** The agent on a site (at most one). */
export const Cell = { empty: 0, hepatocyte: 1, stellate: 2, kupffer: 3, msc: 4 } as const;
/** Per-agent state, meaning depends on the agent. */
export const HepState = { normal: 0, cycling: 1, senescent: 2 } as const;
export const HscState = { quiescent: 0, activated: 1 } as const;
export const KupState = { m0: 0, m1: 1, m2: 2 } as const;
export const MscState = { homing: 0, engrafted: 1 } as const;
/** The vascular structure of a site, independent of the agent on it. */
export const Vessel = { none: 0, sinusoid: 1, capillarised: 2, centralVein: 3, portalTract: 4 } as const;

/** Combined (cell, state) index for lookup tables: cell * 4 + state. */
export const KIND_COUNT = 20;
export const kindOf = (cell: number, state: number): number => cell * 4 + state;

/** Vessel codes (Vessel above). */
export const VESSEL_COUNT = 5;
/** A site's (agent kind, vessel) pair for lookup tables (secretion, contact units): kind * VESSEL_COUNT + vessel. */
export const COMBO_COUNT = KIND_COUNT * VESSEL_COUNT;

export const Kind = {
  empty: kindOf(Cell.empty, 0),
  hepatocyte: kindOf(Cell.hepatocyte, HepState.normal),
  hepatocyteCycling: kindOf(Cell.hepatocyte, HepState.cycling),
  hepatocyteSenescent: kindOf(Cell.hepatocyte, HepState.senescent),
  hscQuiescent: kindOf(Cell.stellate, HscState.quiescent),
  hscActivated: kindOf(Cell.stellate, HscState.activated),
  kupfferM0: kindOf(Cell.kupffer, KupState.m0),
  kupfferM1: kindOf(Cell.kupffer, KupState.m1),
  kupfferM2: kindOf(Cell.kupffer, KupState.m2),
  mscHoming: kindOf(Cell.msc, MscState.homing),
  mscEngrafted: kindOf(Cell.msc, MscState.engrafted),
} as const;

/** Can a hepatocyte or stellate cell live here? (parenchyma, not a vessel) */
export const isParenchyma = (vessel: number): boolean => vessel === Vessel.none;
export const isSinusoid = (vessel: number): boolean => vessel === Vessel.sinusoid || vessel === Vessel.capillarised;
