/**
 * The own-site phase: each agent's rules that read and write only its own site (plus neighbour data
 * fixed during the phase). Each rule visits only its own agents (schedule/site-lists); since no rule
 * reads another site's changing state, this equals one raster pass applying, at each site, the
 * hepatocyte rules, then niche refill (also where a hepatocyte just died), then the stellate,
 * Kupffer and MSC rules.
 */
import { Cell } from "../lattice/codes";
import type { SimState } from "../sim-state";
import { hepatocyteOwnSite } from "../agents/hepatocyte";
import { kupfferOwnSite } from "../agents/kupffer";
import { mscOwnSite } from "../agents/msc";
import type { RuleConstants } from "../agents/rates";
import { sortSitesByCell } from "./site-lists";
import { stellateNicheRefill, stellateOwnSite } from "../agents/stellate";

const EMPTY = Cell.empty;
const HEPATOCYTE = Cell.hepatocyte;
const STELLATE = Cell.stellate;
const KUPFFER = Cell.kupffer;
const MSC = Cell.msc;

/**
 * Own-site rules over rows [y0, y1); adds deaths and MSC differentiations to `tally`. The site lists
 * live in scratch.contactRows, free once the contact columns pass has read it (each strip uses its
 * own rows' part).
 */
export function ownSiteRows(
  sim: SimState,
  rc: RuleConstants,
  key: number,
  mscPresent: boolean,
  tally: { deaths: number; differentiated: number },
  y0: number,
  y1: number,
): void {
  const w = sim.tissue.width;
  const sites = sim.derived.scratch.contactRows;
  const at = sortSitesByCell(sim.tissue.cell, sites, y0 * w, y1 * w, sim.derived.local.groups);
  const hep = at[HEPATOCYTE]!;
  const hsc = at[STELLATE]!;
  const kup = at[KUPFFER]!;
  const msc = at[MSC]!;
  const end = at[MSC + 1]!;
  const deaths = hepatocyteOwnSite(sim, rc.hepatocyte, key, sites, hep, hsc);
  tally.deaths += deaths;
  stellateNicheRefill(sim, rc.stellate, key, sites, hep, hep + deaths); // the sites whose hepatocyte just died
  stellateNicheRefill(sim, rc.stellate, key, sites, at[EMPTY]!, hep);
  stellateOwnSite(sim, rc.stellate, key, sites, hsc, kup);
  kupfferOwnSite(sim, rc.kupffer, key, sites, kup, msc);
  if (mscPresent) tally.differentiated += mscOwnSite(sim, rc.msc, key, sites, msc, end);
}
