/** Turns schema failures into messages that name the field, the value given and what is allowed. */
import type { z } from "zod";

export interface InputIssue {
  /** Field path, e.g. `lattice.width` or `parameters["fields.tnf.decay"]`. */
  path: string;
  /** The offending value as written (JSON), or "(missing)". */
  value: string;
  /** What is allowed. */
  allowed: string;
  /** Full one-line message. */
  message: string;
}

export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[], context = "scenario") {
    const first = issues[0]?.message ?? "invalid input";
    const more =
      issues.length > 1
        ? ` (and ${issues.length - 1} more: ${issues
            .slice(1, 4)
            .map((i) => i.path)
            .join(", ")})`
        : "";
    super(`invalid ${context}: ${first}${more}`);
    this.name = "InputError";
    this.issues = issues;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || "(document)";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part as string];
  }
  return cur;
}

export function showValue(v: unknown): string {
  if (v === undefined) return "(missing)";
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  if (typeof v === "bigint") return `${v}n`;
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    // Too deep, circular or otherwise unprintable: describe it instead of failing.
    return Array.isArray(v)
      ? "(an array too deep or circular to show)"
      : `(a ${typeof v} too deep or circular to show)`;
  }
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Converts zod issues to InputIssues, reading the offending values from the input. */
export function toInputIssues(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): InputIssue[] {
  const out: InputIssue[] = [];
  for (const iss of error.issues) {
    if (iss.code === "unrecognized_keys") {
      const parentPath = [...prefix, ...iss.path];
      const parent = valueAt(input, iss.path);
      for (const key of iss.keys) {
        const path = formatPath([...parentPath, key]);
        const value = showValue(
          parent && typeof parent === "object" ? (parent as Record<string, unknown>)[key] : undefined,
        );
        const allowed = "no such field (check the spelling; see docs/scenario.schema.json)";
        out.push({ path, value, allowed, message: `${path}: unknown field (value ${value}); ${allowed}` });
      }
      continue;
    }
    const path = formatPath([...prefix, ...iss.path]);
    const raw = "input" in iss ? (iss as { input?: unknown }).input : valueAt(input, iss.path);
    const value = showValue(raw === undefined ? valueAt(input, iss.path) : raw);
    const allowed = iss.message.startsWith("allowed") ? iss.message.replace(/^allowed:\s*/, "") : iss.message;
    out.push({ path, value, allowed, message: `${path}: ${value} is not allowed; allowed: ${allowed}` });
  }
  return out;
}

/** Parses with a schema or throws an InputError listing every problem. */
export function parseOrThrow<T>(
  schema: z.ZodType<T>,
  input: unknown,
  context = "scenario",
  prefix: readonly PropertyKey[] = [],
): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new InputError(toInputIssues(r.error, input, prefix), context);
}

/** Parses JSON text, turning syntax errors into an InputError with the position. */
export function parseJsonText(text: string, context = "scenario"): unknown {
  try {
    // Editors on some systems save UTF-8 with a byte-order mark: it is not part of the document.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new InputError(
      [
        {
          path: "(document)",
          value: showValue(text.slice(0, 40)),
          allowed: "valid JSON",
          message: `malformed JSON: ${msg}`,
        },
      ],
      context,
    );
  }
}
