/** A tiny element builder: the page is plain DOM, no framework. */

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") e.className = String(v);
    else if (k === "text") e.textContent = String(v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

let idCounter = 0;
/** A unique id for label/for and aria-describedby pairs. */
export function uid(prefix: string): string {
  idCounter++;
  return `${prefix}-${idCounter}`;
}

/** Does the focused element use Space itself (typing, pressing a button, ticking a box)? A slider does not. */
export function ownsSpaceKey(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLInputElement) return t.type !== "range";
  return ["SELECT", "TEXTAREA", "BUTTON", "SUMMARY", "A"].includes(t.tagName);
}

/** Is the focus in a text field (where every printable key is typing)? */
export function isTextEntry(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && !["range", "checkbox", "radio", "button", "submit", "reset"].includes(t.type);
}
