/**
 * Old spellings of scenario fields that are still read. `therapy.species` became the top-level
 * `species` when the species began to set the kinetic clock as well as body and liver mass. A
 * document (file, link, `--set` path) that uses an old spelling is upgraded with a notice that the
 * caller shows to the user (CLI: `note:` on stderr; page: the warning banner).
 */
import { SPECIES } from "./scenario-schema";
import { InputError } from "./validation";

/** Old path → new path, for `--set` flags, sweep axes and cohort settings. */
export const LEGACY_PATHS: Readonly<Record<string, string>> = { "therapy.species": "species" };

export const legacyPathNotice = (from: string, to: string) =>
  `${from} is now written ${to} (the species sets the kinetic clock as well as body and liver mass); read as ${to}`;

const speciesNotice = (value: unknown) =>
  `therapy.species is now the top-level "species" (it sets the kinetic clock as well as body and liver mass); read as species: ${JSON.stringify(value)}`;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The document with old spellings moved to their new place (a copy; the input is not changed), and
 * one notice per moved field. A document that gives both spellings with different values is refused.
 */
export function upgradeLegacy(doc: unknown): { doc: unknown; notices: string[] } {
  if (!isObject(doc) || !isObject(doc.therapy) || !("species" in doc.therapy)) return { doc, notices: [] };
  const { species: old, ...therapy } = doc.therapy;
  if (doc.species !== undefined && doc.species !== old)
    throw new InputError([
      {
        path: "therapy.species",
        value: JSON.stringify(old),
        allowed: `only the top-level species (${SPECIES.join(" | ")})`,
        message: `therapy.species: ${JSON.stringify(old)} disagrees with species: ${JSON.stringify(doc.species)}; write only species`,
      },
    ]);
  return { doc: { ...doc, species: old, therapy }, notices: [speciesNotice(old)] };
}
