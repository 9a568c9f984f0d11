/** Play/pause, step (only while paused), restart, reset all, and the speed choice. */
import { el, uid } from "./dom";
import { TEXT } from "./text";
import { SPEEDS, type Speed } from "./url-options";

export interface TimeActions {
  toggle(): void;
  stepDay(): void;
  restart(): void;
  resetAll(): void;
  setSpeed(s: Speed): void;
}

export class TimeControls {
  readonly root: HTMLElement;
  private playButton: HTMLButtonElement;
  private stepButton: HTMLButtonElement;
  private status: HTMLElement;
  private radios: HTMLInputElement[] = [];

  constructor(actions: TimeActions, speed: Speed) {
    this.playButton = el("button", { type: "button", class: "primary", id: "play-button", text: TEXT.play });
    this.playButton.addEventListener("click", () => actions.toggle());
    this.stepButton = el("button", { type: "button", id: "step-button", title: TEXT.stepHint, text: TEXT.stepDay });
    this.stepButton.addEventListener("click", () => actions.stepDay());
    const restart = el("button", { type: "button", id: "restart-button", title: TEXT.restartHint, text: TEXT.restart });
    restart.addEventListener("click", () => actions.restart());
    const reset = el("button", { type: "button", id: "reset-button", title: TEXT.resetHint, text: TEXT.resetAll });
    reset.addEventListener("click", () => actions.resetAll());
    const name = uid("speed");
    const options = SPEEDS.map((s) => {
      const id = uid("speed");
      const r = el("input", { type: "radio", name, id, value: s, "data-speed": s });
      r.checked = s === speed;
      r.addEventListener("change", () => r.checked && actions.setSpeed(s));
      this.radios.push(r);
      return el("span", { class: "radio" }, [r, el("label", { for: id, text: TEXT.speeds[s] })]);
    });
    const speedGroup = el("fieldset", { class: "speed" }, [el("legend", { text: TEXT.speed }), ...options]);
    this.status = el("span", { class: "run-status", id: "run-status", "data-run-status": "paused", text: TEXT.paused });
    this.root = el("div", { class: "time-controls", role: "group", "aria-label": TEXT.speed }, [
      this.playButton,
      this.stepButton,
      speedGroup,
      restart,
      reset,
      this.status,
    ]);
  }

  private seeking: string | null = null;
  private shown = { playing: false, done: false };

  /** While the run goes to a day (a shared link's day): says so in the status; null when arrived. */
  setSeeking(text: string | null): void {
    this.seeking = text;
    this.show(this.shown.playing, this.shown.done);
  }

  show(playing: boolean, done: boolean): void {
    this.shown = { playing, done };
    this.playButton.textContent = playing ? TEXT.pause : TEXT.play;
    this.playButton.setAttribute("aria-pressed", String(playing));
    this.playButton.disabled = done && !playing;
    this.stepButton.disabled = playing || done;
    const state = done ? "finished" : playing ? "playing" : "paused";
    this.status.dataset.runStatus = this.seeking ? "seeking" : state;
    this.status.textContent = this.seeking ?? (done ? TEXT.finished : playing ? TEXT.playing : TEXT.paused);
  }

  setSpeed(s: Speed): void {
    for (const r of this.radios) r.checked = r.value === s;
  }
}
