/** The diffusible fields, in the fixed order used by TissueState.fields and snapshots. */
export const FIELDS = [
  { key: "hgf", label: "HGF", doc: "Hepatocyte growth factor: mitogen, cytoprotective, anti-fibrotic." },
  { key: "egf", label: "EGF", doc: "Epidermal growth factor: hepatocyte mitogen." },
  { key: "vegf", label: "VEGF", doc: "Vascular endothelial growth factor: drives angiogenesis." },
  { key: "tnf", label: "TNF", doc: "Tumour necrosis factor: pro-inflammatory, damages hepatocytes." },
  { key: "il10", label: "IL-10", doc: "Interleukin-10: anti-inflammatory, promotes M2 macrophages." },
  { key: "tgfb", label: "TGF-β", doc: "Transforming growth factor β: activates stellate cells (pro-fibrotic)." },
  { key: "oxygen", label: "Oxygen", doc: "Oxygen delivered by perfused sinusoids." },
  { key: "damage", label: "Damage signal", doc: "DAMPs and the SDF-1-like chemokine MSCs home to." },
] as const;

export type FieldKey = (typeof FIELDS)[number]["key"];
export const FIELD_COUNT = FIELDS.length;
export const FieldIndex = Object.fromEntries(FIELDS.map((f, i) => [f.key, i])) as Record<FieldKey, number>;
/** Unit of every field: concentrations are normalised so 1 = saturation next to a secreting cell. */
export const FIELD_UNIT = "a.u.";
