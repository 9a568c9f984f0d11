/**
 * Tidy CSV text: numbers in their shortest round-trip form (so a re-read gives the same doubles),
 * text quoted only when it must be. No node: imports, so the page can build the same files.
 */
export type Cell = string | number | boolean | null | undefined;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? "NaN" : v > 0 ? "Inf" : "-Inf";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(",");
}

export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  let out = `${csvLine(header)}\n`;
  for (const r of rows) out += `${csvLine(r)}\n`;
  return out;
}

/** Parses CSV written by csvText (RFC 4180 quoting); returns the header and the rows as strings. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rows] = records;
  return { header, rows };
}

/** Reads a numeric cell written by csvCell. */
export function csvNumber(s: string): number {
  if (s === "Inf") return Number.POSITIVE_INFINITY;
  if (s === "-Inf") return Number.NEGATIVE_INFINITY;
  return s === "" ? Number.NaN : Number(s);
}
