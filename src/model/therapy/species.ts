/** Body and liver mass per species (the scenario's top-level `species`), for the dose → cells-in-section conversion. */
export const SPECIES_MASS = {
  // Adult human: ≈70 kg, liver ≈1.5 kg (docs/model.md, "Scale").
  human: { bodyKg: 70, liverG: 1500 },
  // Rat ≈250 g, liver ≈10 g (assumed, as in rodent MSC protocols).
  rat: { bodyKg: 0.25, liverG: 10 },
  // Mouse ≈25 g, liver ≈1.3 g (assumed, ≈5 % of body mass).
  mouse: { bodyKg: 0.025, liverG: 1.3 },
} as const;

/** Liver tissue density (g/cm³), standard value. */
export const LIVER_DENSITY = 1.05;
