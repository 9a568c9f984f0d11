/** Plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const numeric = (s: string) => /^[\d.,×≤≥ ]+[A-Za-z/%×²]*/.test(s) && /\d/.test(s[0] ?? "");
  const line = (cells: string[]) =>
    cells
      .map((s, c) => (numeric(s) ? s.padStart(widths[c]!) : s.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** 123456789 → "123.5 M". */
export function mega(x: number): string {
  return `${(x / 1e6).toFixed(1)} M`;
}

export function ratio(x: number, anchor: number | undefined): string {
  return anchor ? `${(x / anchor).toFixed(2)}×` : "";
}
