/** Tells scenario, sweep and trial documents apart (sweeps and trials say `"kind"`), for `validate`. */
export type DocumentKind = "scenario" | "sweep" | "trial";

export function documentKind(doc: unknown): DocumentKind {
  const kind = doc !== null && typeof doc === "object" ? (doc as { kind?: unknown }).kind : undefined;
  return kind === "sweep" || kind === "trial" ? kind : "scenario";
}

export function validateStudyFile(_doc: unknown, kind: DocumentKind): string {
  return kind;
}
