/** Keyboard shortcuts from one table (TEXT.shortcutTable), and the dialog that lists them. */
import { el, isTextEntry, ownsSpaceKey } from "./dom";
import { TEXT } from "./text";

export interface ShortcutActions {
  toggle(): void;
  stepDay(): void;
  zoom(factor: number): void;
  fit(): void;
}

export function shortcutsDialog(): { dialog: HTMLDialogElement; open(): void } {
  const rows = TEXT.shortcutTable.map((s) => el("tr", {}, [el("th", { scope: "row" }, [el("kbd", { text: s.keys })]), el("td", { text: s.action })]));
  const close = el("button", { type: "button", text: TEXT.close });
  const dialog = el("dialog", { class: "shortcuts", "aria-label": TEXT.shortcuts }, [el("h2", { text: TEXT.shortcuts }), el("table", {}, rows), close]);
  close.addEventListener("click", () => dialog.close());
  return { dialog, open: () => dialog.showModal() };
}

export function installShortcuts(actions: ShortcutActions, openHelp: () => void): void {
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
      case "?":
        openHelp();
        break;
    }
  });
}
