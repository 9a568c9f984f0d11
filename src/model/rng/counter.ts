/**
 * Counter-based random numbers: every draw is a pure hash of (seed, step, site, purpose),
 * so a draw never depends on which sites were visited before it or on how the lattice is
 * split among workers. Hash: the lowbias32 integer finaliser (Chris Wellons' "hash prospector")
 * chained over the four keys; passes practical avalanche tests and costs ~10 integer ops.
 */

/** One 32-bit mixing round (lowbias32). Input and output are uint32. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * One chain of hashes, in three stages: (seed, step) → a stream key, once per phase; + site → a
 * site key, once per site; + purpose → the draw. Every draw of the model goes through it:
 * `uniformAt` / `siteKey` + `uniformFrom` in hot loops, `uniform` and `hash4` all at once.
 */
export function streamKey(seed: number, step: number): number {
  return mix32(mix32(seed ^ 0x9e3779b9) ^ step);
}

/** The per-site stage: a rule that draws several purposes at one site mixes it once. */
export function siteKey(key: number, site: number): number {
  return mix32((key + Math.imul(site, 0x85ebca6b)) >>> 0);
}

/** The last stage as a uint32 (priorities compare these whole). */
function draw32(siteKeyValue: number, purpose: number): number {
  return mix32(siteKeyValue ^ Math.imul(purpose, 0xc2b2ae35));
}

const INV_2_32 = 1 / 4294967296;

/** Uniform draw in [0, 1) given siteKey(key, site). */
export function uniformFrom(siteKeyValue: number, purpose: number): number {
  return draw32(siteKeyValue, purpose) * INV_2_32;
}

/** Uniform draw in [0, 1) keyed by a phase's stream key, a site and a purpose. */
export function uniformAt(key: number, site: number, purpose: number): number {
  return uniformFrom(siteKey(key, site), purpose);
}

/** Uniform draw in [0, 1) keyed by (seed, step, site, purpose): the whole chain, for draws outside the phases. */
export function uniform(seed: number, step: number, site: number, purpose: number): number {
  return uniformAt(streamKey(seed, step), site, purpose);
}

/** The whole chain as a uint32. */
export function hash4(seed: number, step: number, site: number, purpose: number): number {
  return draw32(siteKey(streamKey(seed, step), site), purpose);
}

/** Normalises any finite integer seed to uint32 (negative seeds wrap). */
export function seedToUint32(seed: number): number {
  return Number(BigInt.asUintN(32, BigInt(Math.trunc(seed))));
}
