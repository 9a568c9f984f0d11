/**
 * The Experiment button, on the page from the start, and the panel behind it, loaded on the first
 * click: the panel's code (the study library, its statistics and mathjs) is a large part of the
 * page's script, and nothing of it is needed for the first picture.
 */
import { el } from "./dom";
import type { ExperimentHost, ExperimentPanel } from "./experiment-panel";
import type { ExperimentFile } from "./experiment-results";
import { TEXT } from "./text";

function experimentOpenerButton(): HTMLButtonElement {
  return el("button", {
    type: "button",
    class: "experiment-open",
    "data-experiment-open": "",
    "aria-haspopup": "dialog",
    title: TEXT.experiment.openHint,
    text: TEXT.experiment.open,
  });
}

export class ExperimentLauncher {
  readonly opener = experimentOpenerButton();
  private panel: Promise<ExperimentPanel> | null = null;

  /** `mount` puts the panel's dialog on the page when it is made. */
  constructor(
    private readonly host: ExperimentHost,
    private readonly mount: (dialog: HTMLDialogElement) => void,
  ) {
    const first = () => {
      this.opener.removeEventListener("click", first);
      void this.load().then((p) => p.open());
    };
    this.opener.addEventListener("click", first);
  }

  /** The panel, loading its code the first time. */
  load(): Promise<ExperimentPanel> {
    this.panel ??= import("./experiment-panel").then(({ ExperimentPanel }) => {
      const panel = new ExperimentPanel(this.host, this.opener);
      this.mount(panel.dialog);
      return panel;
    });
    return this.panel;
  }

  /** Runs a published replica from a lesson (ExperimentPanel.runReplica). */
  async runReplica(file: string, patients: number): Promise<readonly ExperimentFile[] | null> {
    return (await this.load()).runReplica(file, patients);
  }
}
