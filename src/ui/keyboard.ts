/**
 * Keyboard: page shortcuts from one table (TEXT.shortcutTable) and the dialog that lists them, and
 * slider keys for every range input — arrows move 1 % of the track (Shift: one step, for fine
 * settings), Page Up/Down 10 %, Home/End the ends.
 */
import { el, isTextEntry, ownsSpaceKey } from "./dom";
import { TEXT } from "./text";

export interface ShortcutActions {
  toggle(): void;
  stepDay(): void;
  zoom(factor: number): void;
  fit(): void;
  lesson(): void;
  /** Follow the cell at the centre of the view. */
  follow(): void;
  /** Stop following; false when nothing was followed (the key is left to others). */
  unfollow(): boolean;
}

export function shortcutsDialog(): { dialog: HTMLDialogElement; open(): void } {
  const rows = TEXT.shortcutTable.map((s) =>
    el("tr", {}, [el("th", { scope: "row" }, [el("kbd", { text: s.keys })]), el("td", { text: s.action })]),
  );
  const close = el("button", { type: "button", text: TEXT.close });
  const dialog = el("dialog", { class: "shortcuts", "aria-label": TEXT.shortcuts }, [
    el("h2", { text: TEXT.shortcuts }),
    el("table", {}, rows),
    close,
  ]);
  close.addEventListener("click", () => dialog.close());
  return { dialog, open: () => dialog.showModal() };
}

export interface SliderTrack {
  min: number;
  max: number;
  step: number;
  value: number;
}

/** Where a slider key moves a slider, or null for keys a slider does not take. */
export function sliderKeyTarget(key: string, shift: boolean, t: SliderTrack): number | null {
  const step = t.step > 0 ? t.step : 1;
  const span = t.max - t.min;
  const stepsOf = (fraction: number) => Math.max(step, Math.round((span * fraction) / step) * step);
  let next: number;
  switch (key) {
    case "ArrowRight":
    case "ArrowUp":
      next = t.value + (shift ? step : stepsOf(0.01));
      break;
    case "ArrowLeft":
    case "ArrowDown":
      next = t.value - (shift ? step : stepsOf(0.01));
      break;
    case "PageUp":
      next = t.value + stepsOf(0.1);
      break;
    case "PageDown":
      next = t.value - stepsOf(0.1);
      break;
    case "Home":
      next = t.min;
      break;
    case "End":
      next = t.max;
      break;
    default:
      return null;
  }
  return Math.min(t.max, Math.max(t.min, next));
}

function installSliderKeys(): void {
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (!(t instanceof HTMLInputElement) || t.type !== "range" || t.disabled || e.ctrlKey || e.metaKey || e.altKey)
      return;
    const next = sliderKeyTarget(e.key, e.shiftKey, {
      min: Number(t.min || 0),
      max: Number(t.max || 100),
      step: Number(t.step || 1),
      value: Number(t.value),
    });
    if (next === null) return;
    e.preventDefault();
    if (Number(t.value) === next) return;
    t.value = String(next);
    t.dispatchEvent(new Event("input", { bubbles: true }));
    t.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

export function installShortcuts(actions: ShortcutActions, openHelp: () => void): void {
  installSliderKeys();
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (document.querySelector("dialog[open]")) return;
    if (isTextEntry(e.target)) return;
    switch (e.key) {
      case " ":
        // Space presses a focused button or ticks a focused box; everywhere else it is play/pause.
        if (ownsSpaceKey(e.target)) return;
        e.preventDefault();
        actions.toggle();
        break;
      case ".":
        actions.stepDay();
        break;
      case "+":
      case "=":
        actions.zoom(1.5);
        break;
      case "-":
        actions.zoom(1 / 1.5);
        break;
      case "0":
        actions.fit();
        break;
      case "l":
      case "L":
        actions.lesson();
        break;
      case "f":
      case "F":
        actions.follow();
        break;
      case "Escape":
        if (actions.unfollow()) e.preventDefault();
        break;
      case "?":
        openHelp();
        break;
    }
  });
}
