/** Number formatting for labels and input boxes, and lenient parsing of what a user types. */
import { superscript } from "../study/superscript";
import { TEXT } from "./text";

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Short, round-trippable text for an input box (e.g. 0.0173, 2400, 1e6). */
export function formatNumber(v: number, significant = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e6) return String(v);
  if (a >= 1e6 || a < 1e-3) {
    const [mantissa, exponent] = v.toExponential(significant - 1).split("e");
    return `${Number(mantissa)}e${Number(exponent)}`;
  }
  return String(Number(v.toPrecision(significant)));
}

/** Text for reading (e.g. 1×10⁶), not for typing back. */
export function formatReadable(v: number, significant = 3): string {
  const s = formatNumber(v, significant);
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s);
  if (!m) return s;
  const exp = superscript(m[2]!);
  return m[1] === "1" ? `10${exp}` : `${m[1]}×10${exp}`;
}

/**
 * Axis tick labels: `significant` digits, or more until neighbouring ticks read differently
 * (ticks 99.9, 99.95 and 100 must not all read "100").
 */
export function formatTicks(values: number[], significant = 2): string[] {
  for (let digits = significant; digits < 7; digits++) {
    const labels = values.map((v) => formatReadable(v, digits));
    if (labels.every((l, i) => i === 0 || l !== labels[i - 1])) return labels;
  }
  return values.map((v) => formatReadable(v, 7));
}

/** Fixed decimals for read-outs that change continuously. */
export function formatFixed(v: number, decimals: number): string {
  return Number.isFinite(v) ? v.toFixed(decimals) : "–";
}

/**
 * A typed number, or the text itself when it is not one — the schema then refuses it and the
 * message shows exactly what was typed.
 */
export function parseNumberText(text: string): number | string {
  const t = text.trim();
  return NUMBER_TEXT.test(t) ? Number(t) : t;
}

/**
 * A count for students: whole numbers as they are; otherwise rounded (one decimal from 1 to 10,
 * one significant digit below 1) and marked approximate.
 */
export function approximateCount(v: number): { text: string; approximate: boolean } {
  if (!Number.isFinite(v)) return { text: "–", approximate: false };
  if (Number.isInteger(v)) return { text: String(v), approximate: false };
  const a = Math.abs(v);
  const rounded = a >= 10 ? Math.round(v) : a >= 1 ? Number(v.toFixed(1)) : Number(v.toPrecision(1));
  const text = String(rounded);
  return { text: /e/.test(text) ? formatReadable(rounded, 1) : text, approximate: true };
}

/**
 * The MSC read-out: the real cells the section stands for (often a fraction of one) and the
 * simulated agents drawn for them, e.g. "≈ 0.1" + " real MSCs (drawn as 28 dots)". The two parts
 * read as one sentence (value + note), on screen and for screen readers.
 */
export function mscReadout(real: number, drawn: number): { value: string; note: string } {
  if (!(drawn > 0)) return { value: "0", note: "" };
  const { text, approximate } = approximateCount(real);
  return { value: TEXT.mscs.value(text, approximate), note: TEXT.mscs.note(text, drawn) };
}
