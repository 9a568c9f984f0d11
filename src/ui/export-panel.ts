/**
 * "Share and export": a link that reproduces the run, and downloads of the picture (PNG), the charted
 * data (CSV), the scenario (JSON) and a video of the run (WebM).
 */
import type { Scenario } from "../model/params/scenario-schema";
import { type ComposeOptions, type ComposePane, composeView } from "../render/compose-view";
import { el, uid } from "./dom";
import { download, exportFileName, scenarioFile, seriesCsv } from "./export-files";
import { encodeShare, shareDocument } from "./share-link";
import type { ViewMode } from "./split-docs";
import { TEXT } from "./text";
import { VideoRecorder, webmType } from "./video-recorder";

export interface ExportSource {
  view: ViewMode;
  scenario(): Scenario;
  /** Day of the frames on screen. */
  day(): number;
  /** The painted panes, or null before the first frame. */
  panes(): ComposePane[] | null;
  composeOptions(): ComposeOptions;
  series(): Record<string, number[]>;
  columns(): string[];
  /** Page options a shared link should keep (overlay, projector …). */
  linkOptions(): Record<string, string>;
  /** Were settings changed while this run was under way? A link replays the current settings from day 0. */
  editedMidRun(): boolean;
}

/** The page address that reopens this scenario (and view options), optionally at a day. */
export function shareUrl(base: string, s: Scenario, options: Record<string, string>, day: number | null): string {
  const url = new URL(base);
  const q = new URLSearchParams({ s: encodeShare(shareDocument(s)), ...options });
  if (day !== null && day > 0) q.set("day", String(day));
  url.search = q.toString();
  url.hash = "";
  return url.toString();
}

export class ExportPanel {
  readonly root: HTMLElement;
  private link: HTMLInputElement;
  private atDay: HTMLInputElement;
  private atDayLabel: HTMLLabelElement;
  private status: HTMLElement;
  private midRunNote: HTMLElement;
  private recordButton: HTMLButtonElement;
  private recordCanvas = document.createElement("canvas");
  private recorder = new VideoRecorder(this.recordCanvas);
  private shownDay = -1;

  constructor(private readonly source: ExportSource) {
    const linkId = uid("share");
    const dayId = uid("share-day");
    this.link = el("input", {
      type: "text",
      id: linkId,
      readonly: true,
      class: "share-link",
      "data-share-link": "",
      spellcheck: "false",
    });
    this.link.addEventListener("focus", () => this.link.select());
    this.atDay = el("input", { type: "checkbox", id: dayId, "data-share-day": "" });
    this.atDay.checked = true;
    this.atDay.addEventListener("change", () => this.refresh(true));
    this.atDayLabel = el("label", { for: dayId });
    const copy = this.button(TEXT.share.copy, TEXT.share.hint, "copy", () => void this.copy());
    this.status = el("p", { class: "note export-status", role: "status", "data-export-status": "" });
    this.midRunNote = el("p", { class: "note", "data-share-note": "", hidden: true, text: TEXT.share.midRun });

    const type = webmType();
    this.recordButton = this.button(
      TEXT.exports.record,
      TEXT.exports.recordHint,
      "webm",
      () => void this.toggleRecording(type),
    );
    const noRecorder = el("p", {
      class: "note",
      "data-no-recorder": "",
      hidden: type !== null,
      text: TEXT.exports.noRecorder,
    });
    if (!type) this.recordButton.disabled = true;

    this.root = el("div", { class: "export-panel" }, [
      el("div", { class: "control" }, [el("label", { for: linkId, text: TEXT.share.label }), this.link]),
      el("div", { class: "control toggle-control" }, [this.atDay, this.atDayLabel]),
      this.midRunNote,
      copy,
      el("div", { class: "export-buttons" }, [
        this.button(TEXT.exports.png, TEXT.exports.pngHint, "png", () => void this.png()),
        this.button(TEXT.exports.csv, TEXT.exports.csvHint, "csv", () => this.csv()),
        this.button(TEXT.exports.json, TEXT.exports.jsonHint, "json", () => this.json()),
        this.recordButton,
      ]),
      noRecorder,
      this.status,
    ]);
    this.refresh(true);
  }

  private button(text: string, hint: string, name: string, fn: () => void): HTMLButtonElement {
    const b = el("button", { type: "button", title: hint, "data-export": name, text });
    b.addEventListener("click", fn);
    return b;
  }

  /** Rebuilds the link (after a change of scenario, view options or day). */
  refresh(force = false): void {
    const day = Math.floor(this.source.day());
    if (!force && day === this.shownDay) return;
    this.shownDay = day;
    this.midRunNote.hidden = !this.source.editedMidRun();
    this.atDayLabel.textContent = TEXT.share.atDay(day);
    this.link.value = shareUrl(
      location.href,
      this.source.scenario(),
      this.source.linkOptions(),
      this.atDay.checked ? day : null,
    );
  }

  /** A new frame is on screen: follow it in the link, and in the video while recording. */
  frameDrawn(): void {
    this.refresh();
    if (this.recorder.active) this.compose(this.recordCanvas);
  }

  private async copy(): Promise<void> {
    this.refresh(true);
    try {
      await navigator.clipboard.writeText(this.link.value);
      this.say(TEXT.share.copied);
    } catch {
      this.link.focus();
      this.link.select();
      this.say(TEXT.share.copyFailed);
    }
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private compose(canvas: HTMLCanvasElement): boolean {
    const panes = this.source.panes();
    if (!panes) return false;
    composeView(canvas, panes, this.source.composeOptions());
    return true;
  }

  private name(extension: string): string {
    return exportFileName(this.source.scenario(), this.source.view, this.source.day(), extension);
  }

  private async png(): Promise<void> {
    const canvas = document.createElement("canvas");
    if (!this.compose(canvas)) return;
    const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, "image/png"));
    if (!blob) return;
    const name = this.name("png");
    download(blob, name);
    this.say(TEXT.exports.saved(name));
  }

  private csv(): void {
    const name = this.name("csv");
    download(new Blob([seriesCsv(this.source.series(), this.source.columns())], { type: "text/csv" }), name);
    this.say(TEXT.exports.saved(name));
  }

  private json(): void {
    const name = this.name("json");
    download(
      new Blob([`${JSON.stringify(scenarioFile(this.source.scenario()), null, 2)}\n`], { type: "application/json" }),
      name,
    );
    this.say(TEXT.exports.saved(name));
  }

  private async toggleRecording(type: string | null): Promise<void> {
    if (!type) return;
    if (!this.recorder.active) {
      if (!this.compose(this.recordCanvas)) return;
      this.recorder.start(type);
      this.recordButton.textContent = TEXT.exports.stop;
      this.recordButton.setAttribute("aria-pressed", "true");
      this.say(TEXT.exports.recording);
      return;
    }
    const blob = await this.recorder.stop();
    this.recordButton.textContent = TEXT.exports.record;
    this.recordButton.setAttribute("aria-pressed", "false");
    const name = this.name("webm");
    download(blob, name);
    this.say(TEXT.exports.saved(name));
  }
}
