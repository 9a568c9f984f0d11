/** Exponents written as superscript digits (10⁻³), for numbers meant to be read rather than typed back. */
const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** "-3" → "⁻³" (a leading "+" is dropped). */
export const superscript = (exponent: string): string =>
  [...exponent.replace("+", "")].map((c) => SUPERSCRIPT[c] ?? c).join("");
