/**
 * Purpose keys for counter-based draws. Each rule owns its own key, so adding a rule never
 * shifts another rule's numbers. Never renumber a published key: it changes every result.
 */
export const Purpose = {
  tissueLobuleJitter: 1,
  tissueKupffer: 2,
  tissueStellate: 3,
  tissueSinusoidBranch: 4,
  hepatectomy: 10,
  hepatocyteDeath: 20,
  hepatocyteDivide: 21,
  hepatocyteDivideTarget: 22,
  hepatocyteSenescence: 23,
  hepatocyteApoptosis: 24,
  divisionPriority: 25,
  stellateActivate: 30,
  stellateRevert: 31,
  stellateApoptosis: 32,
  stellateDivide: 33,
  stellateDivideTarget: 34,
  stellateRepopulate: 35,
  kupfferPolarise: 40,
  kupfferRepopulate: 41,
  sinusoidCapillarise: 50,
  sinusoidSprout: 51,
  mscArrive: 60,
  mscArriveSite: 61,
  mscMove: 62,
  mscLoss: 63,
  mscDifferentiate: 64,
  mscDivide: 65,
  moveTarget: 66,
} as const;
