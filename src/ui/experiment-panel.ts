/**
 * The Experiment panel (a modal dialog opened from the control area): a sweep from the simple form
 * or a sweep file, or a virtual trial (a trial file, or a published replica from public/trials scaled
 * down for a class), checked as the CLI checks it, run on a few Web Workers with progress and cancel;
 * a sweep's end points plotted per arm, a trial's forest and replica plots shown, and the CLI's own
 * tables offered for download. *Fit to data* (experiment-fit*.ts) runs `hepatosim calibrate`'s
 * sampler round by round on the same workers and redraws its pictures after every generation.
 */
import { PRESET_NAMES, presetLookup } from "../model/params/presets";
import { resolveScenario } from "../model/params/scenario";
import { InputError } from "../model/params/validation";
import { parseCsv } from "../study/csv";
import { initialState } from "../study/calibration/abc-smc";
import { el, uid } from "./dom";
import { plotSvg } from "./experiment-plot";
import {
  type ExperimentFile,
  experimentFiles,
  experimentTables,
  type PlotData,
  plotData,
  plotOutputs,
} from "./experiment-results";
import { type BatchProgress, defaultWorkerCount, MAX_EXPERIMENT_WORKERS, runPlan } from "./experiment-runner";
import {
  defaultForm,
  describeSweep,
  formSweep,
  pageSweep,
  parameterChoices,
  type SweepForm,
  suggestedValues,
} from "./experiment-sweep";
import {
  describeTrial,
  type PageStudy,
  pageStudyFromText,
  pageTrial,
  type ScaledTrial,
  scaleNote,
  scaleTrial,
} from "./experiment-trial";
import { generationLine, type PageFit } from "./experiment-fit";
import { runFit } from "./experiment-fit-run";
import { FitView } from "./experiment-fit-view";
import { download } from "./export-files";
import { TEXT } from "./text";
import { loadTrialFile, loadTrialIndex } from "./trial-library";

const T = TEXT.experiment;
const TR = T.trialResults;
const SIZES = [32, 48, 64, 96, 128, 192, 256];

export interface ExperimentHost {
  /** The page's current preset, to start the form from. */
  preset(): string | null;
  /** Pause the page's own run, so the experiment gets the processor. */
  pauseMain(): void;
}

type Mode = "form" | "file" | "trial" | "fit";

interface Finished {
  study: PageStudy;
  files: ExperimentFile[];
  tables: ReturnType<typeof experimentTables>;
}

/** What the panel would run now: a checked study or fit, the problems to show, or a file still loading. */
type Current =
  | { study: PageStudy }
  | { fit: PageFit }
  | { problems: string[]; trial: boolean; fit?: boolean }
  | { waiting: string };

/** Does this text look like a trial file (for the heading of its problems)? */
function looksLikeTrial(text: string): boolean {
  return /"kind"\s*:\s*"trial"/.test(text);
}

function labelled(label: string, input: HTMLElement, hint?: string): HTMLElement {
  const id = uid("experiment");
  input.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) input.setAttribute("aria-describedby", hintId);
  return el("div", { class: "control" }, [
    el("label", { for: id, text: label }),
    input,
    hint ? el("p", { class: "note", id: hintId, text: hint }) : null,
  ]);
}

function select(name: string, options: { value: string; text: string; group?: string }[]): HTMLSelectElement {
  const s = el("select", { "data-experiment": name });
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const o of options) {
    const option = el("option", { value: o.value, text: o.text });
    if (!o.group) s.append(option);
    else {
      let g = groups.get(o.group);
      if (!g) {
        g = el("optgroup", { label: o.group });
        groups.set(o.group, g);
        s.append(g);
      }
      g.append(option);
    }
  }
  return s;
}

export class ExperimentPanel {
  readonly opener: HTMLButtonElement;
  readonly dialog: HTMLDialogElement;
  private mode: Mode = "form";
  private form: SweepForm;
  private inputs: {
    preset: HTMLSelectElement;
    parameter: HTMLSelectElement;
    values: HTMLInputElement;
    arms: HTMLSelectElement;
    armValues: HTMLInputElement;
    seeds: HTMLInputElement;
    days: HTMLInputElement;
    size: HTMLSelectElement;
  };
  private formBlock: HTMLElement;
  private fileBlock: HTMLElement;
  private trialBlock: HTMLElement;
  private trialChoice: HTMLSelectElement;
  private trialNote: HTMLElement;
  private trialCitation: HTMLElement;
  private trialLoading: string | null = null;
  /** The list of replicas, loading or loaded (first asked for when the *Clinical trial* choice is made). */
  private trialsReady: Promise<void> | null = null;
  private trialScaled: ScaledTrial | null = null;
  private readonly trialDocs = new Map<string, unknown>();
  private radios = new Map<Mode, HTMLInputElement>();
  private fileText: HTMLTextAreaElement;
  private fileEdited = false;
  private setup: HTMLFieldSetElement;
  private check: HTMLElement;
  private problems: HTMLElement;
  private workers: HTMLSelectElement;
  private runButton: HTMLButtonElement;
  private cancelButton: HTMLButtonElement;
  private bar: HTMLProgressElement;
  private status: HTMLElement;
  private workerLines: HTMLElement;
  private results: HTMLElement;
  private output: HTMLSelectElement;
  private plotHost: HTMLElement;
  private numbers: HTMLElement;
  private sweepResults: HTMLElement;
  private trialResults: HTMLElement;
  private figures: HTMLElement;
  private trialNumbers: HTMLElement;
  private downloads: HTMLElement;
  private saved: HTMLElement;
  private abort: AbortController | null = null;
  private finished: Finished | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingProgress: BatchProgress | null = null;
  private started = 0;
  private live: HTMLElement;
  private lastSaid = 0;
  private lastDone = -1;
  private edited = false;
  private readonly fit: FitView;

  /** `opener`: the button made by the page before this panel's code was loaded (experiment-opener.ts). */
  constructor(
    private readonly host: ExperimentHost,
    opener: HTMLButtonElement,
  ) {
    this.form = defaultForm(host.preset());
    this.opener = opener;
    this.opener.addEventListener("click", () => this.open());

    // ---- what to run
    const choices = parameterChoices();
    this.inputs = {
      preset: select(
        "preset",
        PRESET_NAMES.map((name) => ({ value: name, text: resolveScenario({ preset: name }, presetLookup).title })),
      ),
      parameter: select(
        "parameter",
        choices.map((c) => ({ value: c.name, text: c.label, group: c.group })),
      ),
      values: el("input", { type: "text", "data-experiment": "values", spellcheck: "false", autocomplete: "off" }),
      arms: select("arms", [
        { value: "", text: T.armsNone },
        ...choices.map((c) => ({ value: c.name, text: c.label, group: c.group })),
      ]),
      armValues: el("input", {
        type: "text",
        "data-experiment": "arm-values",
        spellcheck: "false",
        autocomplete: "off",
      }),
      seeds: el("input", { type: "text", "data-experiment": "seeds", spellcheck: "false", autocomplete: "off" }),
      days: el("input", { type: "text", inputmode: "numeric", "data-experiment": "days", autocomplete: "off" }),
      size: select(
        "size",
        SIZES.map((n) => ({ value: String(n), text: T.sizeOption(n) })),
      ),
    };
    this.showForm();
    for (const input of Object.values(this.inputs))
      input.addEventListener(input instanceof HTMLSelectElement ? "change" : "input", () => this.formChanged(input));

    const armValuesRow = labelled(T.armValues, this.inputs.armValues, T.valuesHint);
    this.formBlock = el("div", { class: "experiment-form", "data-experiment-mode": "form" }, [
      labelled(T.preset, this.inputs.preset),
      labelled(T.parameter, this.inputs.parameter),
      labelled(T.values, this.inputs.values, T.valuesHint),
      labelled(T.arms, this.inputs.arms),
      armValuesRow,
      el("div", { class: "experiment-row" }, [
        labelled(T.seeds, this.inputs.seeds, T.seedsHint),
        labelled(T.days, this.inputs.days),
        labelled(T.size, this.inputs.size),
      ]),
    ]);

    this.fileText = el("textarea", {
      rows: 14,
      spellcheck: "false",
      "data-experiment-file": "",
      class: "experiment-file",
    });
    this.fileText.addEventListener("input", () => {
      this.fileEdited = true;
      this.edited = true;
      this.scheduleCheck();
    });
    const upload = el("input", { type: "file", accept: ".json,application/json", "data-experiment-upload": "" });
    upload.addEventListener("change", () => void this.loadFile(upload));
    this.fileBlock = el("div", { class: "experiment-file-block", "data-experiment-mode": "file", hidden: true }, [
      labelled(T.file, this.fileText, T.fileHint),
      labelled(T.load, upload),
    ]);

    // A published replica (public/trials), fetched when this choice is first made.
    this.trialChoice = el("select", { "data-experiment-trial": "" });
    this.trialChoice.addEventListener("change", () => void this.chooseTrial(this.trialChoice.value));
    this.trialNote = el("p", { class: "note", "data-experiment-trial-scale": "" });
    this.trialCitation = el("p", { class: "note", "data-experiment-trial-citation": "" });
    const edit = el("button", {
      type: "button",
      "data-experiment-trial-edit": "",
      title: T.trial.editHint,
      text: T.trial.edit,
    });
    edit.addEventListener("click", () => this.editTrial());
    this.trialBlock = el("div", { class: "experiment-trial-block", "data-experiment-mode": "trial", hidden: true }, [
      labelled(T.trial.choose, this.trialChoice),
      this.trialNote,
      this.trialCitation,
      el("p", { class: "note", "data-experiment-trial-explain": "", text: T.trial.explain }),
      edit,
    ]);

    const modeName = uid("experiment-mode");
    const radio = (mode: Mode, text: string) => {
      const input = el("input", { type: "radio", name: modeName, value: mode, "data-experiment-mode-choice": mode });
      input.checked = mode === this.mode;
      input.addEventListener("change", () => input.checked && this.setMode(mode));
      this.radios.set(mode, input);
      const id = uid("experiment-mode");
      input.id = id;
      return el("span", { class: "toggle-control" }, [input, el("label", { for: id, text })]);
    };
    this.fit = new FitView(() => this.scheduleCheck());
    this.setup = el("fieldset", { class: "experiment-setup" }, [
      el("legend", { text: T.mode }),
      el("div", { class: "experiment-modes" }, [
        radio("form", T.modeForm),
        radio("file", T.modeFile),
        radio("trial", T.modeTrial),
        radio("fit", T.modeFit),
      ]),
      this.formBlock,
      this.fileBlock,
      this.trialBlock,
      this.fit.block,
    ]);

    this.check = el("p", { class: "note experiment-check", "data-experiment-check": "" });
    this.problems = el("div", {
      class: "field-error",
      role: "alert",
      "data-experiment-error": "",
      hidden: true,
      tabindex: -1,
    });

    // ---- running
    const cores = navigator.hardwareConcurrency || 1;
    this.workers = select(
      "workers",
      Array.from({ length: MAX_EXPERIMENT_WORKERS }, (_, i) => ({ value: String(i + 1), text: String(i + 1) })),
    );
    this.workers.value = String(defaultWorkerCount(navigator.hardwareConcurrency));
    this.runButton = el("button", { type: "button", class: "primary", "data-experiment-run": "", text: T.run });
    this.runButton.addEventListener("click", () => void this.run());
    this.cancelButton = el("button", { type: "button", "data-experiment-cancel": "", text: T.cancel, disabled: true });
    this.cancelButton.addEventListener("click", () => this.abort?.abort());
    this.bar = el("progress", {
      max: 1,
      value: 0,
      "aria-label": T.progressLabel,
      "data-experiment-progress": "",
    }) as HTMLProgressElement;
    // The line changes every simulated day; screen readers hear a calmer copy (`say`).
    this.status = el("p", {
      class: "experiment-status",
      "aria-live": "off",
      "data-experiment-status": "",
      "data-state": "idle",
    });
    this.live = el("p", { class: "visually-hidden", role: "status" });
    this.workerLines = el("ul", { class: "experiment-workers note", "data-experiment-workers": "" });

    // ---- results
    this.output = el("select", { "data-experiment": "output" });
    this.output.addEventListener("change", () => this.drawPlot());
    this.plotHost = el("div", { class: "experiment-plot-host" });
    this.numbers = el("div", { class: "experiment-numbers" });
    this.downloads = el("div", { class: "export-buttons experiment-downloads" });
    this.saved = el("p", { class: "note", role: "status", "data-experiment-saved": "" });
    this.sweepResults = el("div", { "data-experiment-sweep-results": "" }, [
      labelled(T.output, this.output),
      this.plotHost,
      el("p", { class: "note", text: T.plotNote }),
      el("details", { class: "experiment-numbers-box" }, [el("summary", { text: T.numbers }), this.numbers]),
    ]);
    this.figures = el("div", { class: "experiment-figures" });
    this.trialNumbers = el("div", { class: "experiment-numbers" });
    this.trialResults = el("div", { "data-experiment-trial-results": "", hidden: true }, [
      this.figures,
      el("p", { class: "note", text: TR.note }),
      el("details", { class: "experiment-numbers-box" }, [el("summary", { text: TR.numbers }), this.trialNumbers]),
    ]);
    this.results = el("section", { class: "experiment-results", "data-experiment-results": "", hidden: true }, [
      el("h3", { text: T.results }),
      this.sweepResults,
      this.trialResults,
      this.fit.results,
      el("h4", { text: T.downloads }),
      this.downloads,
      this.saved,
    ]);

    const close = el("button", {
      type: "button",
      class: "experiment-close",
      "aria-label": T.close,
      title: T.close,
      text: "×",
    });
    close.addEventListener("click", () => this.dialog.close());
    const titleId = uid("experiment-title");
    this.dialog = el("dialog", { class: "experiment", "aria-labelledby": titleId, "data-experiment-dialog": "" }, [
      el("div", { class: "experiment-head" }, [el("h2", { id: titleId, text: T.title }), close]),
      el("p", { class: "note", "data-experiment-intro": "", text: T.intro(Number(this.workers.value)) }),
      this.setup,
      this.check,
      this.problems,
      el("div", { class: "experiment-run-row" }, [
        labelled(T.workers, this.workers, T.workersHint(cores)),
        this.runButton,
        this.cancelButton,
      ]),
      this.bar,
      this.status,
      this.live,
      this.workerLines,
      this.results,
    ]);
    this.workers.addEventListener("change", () => {
      this.dialog.querySelector("[data-experiment-intro]")!.textContent = T.intro(Number(this.workers.value));
    });
  }

  open(): void {
    if (!this.abort && !this.finished && !this.edited) {
      // Nothing run or typed yet: start from the scenario the page shows now.
      const preset = this.host.preset();
      if (preset && preset !== this.form.preset) {
        this.form = defaultForm(preset);
        this.showForm();
      }
    }
    if (!this.dialog.open) this.dialog.showModal();
    this.scheduleCheck(0);
  }

  private showForm(): void {
    const f = this.form;
    const i = this.inputs;
    i.preset.value = f.preset;
    i.parameter.value = f.parameter;
    i.values.value = f.values;
    i.arms.value = f.arms;
    i.armValues.value = f.armValues;
    i.armValues.disabled = f.arms === "";
    i.seeds.value = f.seeds;
    i.days.value = f.days;
    i.size.value = String(f.size);
  }

  private formChanged(input: HTMLElement): void {
    const i = this.inputs;
    if (input === i.parameter) i.values.value = suggestedValues(i.parameter.value);
    if (input === i.arms) i.armValues.value = i.arms.value ? suggestedValues(i.arms.value) : "";
    i.armValues.disabled = i.arms.value === "";
    this.edited = true;
    this.form = {
      preset: i.preset.value,
      parameter: i.parameter.value,
      values: i.values.value,
      arms: i.arms.value,
      armValues: i.armValues.value,
      seeds: i.seeds.value,
      days: i.days.value,
      size: Number(i.size.value),
    };
    this.scheduleCheck();
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    this.radios.get(mode)!.checked = true;
    this.formBlock.hidden = mode !== "form";
    this.fileBlock.hidden = mode !== "file";
    this.trialBlock.hidden = mode !== "trial";
    this.fit.block.hidden = mode !== "fit";
    if (mode === "fit") this.fit.load();
    // The form's sweep file is where a file starts: the format is then right there to edit.
    if (mode === "file" && !this.fileEdited) this.fileText.value = `${JSON.stringify(formSweep(this.form), null, 2)}\n`;
    if (mode === "trial" && !this.trialsReady) this.trialsReady = this.loadTrials();
    this.scheduleCheck(0);
  }

  /** The list of published replicas, then the first (the shortest to run). */
  private async loadTrials(): Promise<void> {
    this.trialLoading = T.trial.loading;
    try {
      const entries = await loadTrialIndex();
      this.trialChoice.replaceChildren(
        ...entries.map((e) => el("option", { value: e.file, text: T.trial.option(e.title, e.weeks) })),
      );
      if (entries[0]) await this.chooseTrial(entries[0].file);
      else this.trialLoading = T.trial.loadFailed("trials/index.json lists no trial");
    } catch (e) {
      this.trialLoading = T.trial.loadFailed(e instanceof Error ? e.message : String(e));
    }
    this.scheduleCheck(0);
  }

  /**
   * The Clinical-trial lesson's run: this panel opened on a published replica with `patients` virtual
   * patients, run as the Run button would. The finished run's files, or null (cancelled, failed,
   * refused, or another run still going).
   */
  async runReplica(file: string, patients: number): Promise<readonly ExperimentFile[] | null> {
    if (this.abort) return null;
    this.open();
    this.setMode("trial");
    await this.trialsReady;
    await this.chooseTrial(file, patients);
    if (!this.trialScaled) return null;
    await this.run();
    return this.status.dataset.state === "done" ? (this.finished?.files ?? null) : null;
  }

  private async chooseTrial(file: string, patients?: number): Promise<void> {
    this.trialChoice.value = file;
    this.trialScaled = null;
    this.trialLoading = T.trial.loading;
    this.scheduleCheck(0);
    try {
      let doc = this.trialDocs.get(file);
      if (doc === undefined) {
        doc = await loadTrialFile(file);
        this.trialDocs.set(file, doc);
      }
      if (this.trialChoice.value !== file) return; // another trial was chosen meanwhile
      const scaled = scaleTrial(doc, patients);
      this.trialScaled = scaled;
      this.trialLoading = null;
      this.trialNote.textContent = scaleNote(scaled);
      const published = (doc as { published?: { citation?: string; doi?: string } }).published;
      this.trialCitation.textContent = published?.citation
        ? T.trial.citation(`${published.citation}${published.doi ? `, doi:${published.doi}` : ""}`)
        : "";
    } catch (e) {
      this.trialLoading = T.trial.loadFailed(e instanceof Error ? e.message : String(e));
    }
    this.scheduleCheck(0);
  }

  /** The scaled-down replica into the file box, to change and run as any trial file. */
  private editTrial(): void {
    if (!this.trialScaled) return;
    this.fileText.value = `${JSON.stringify(this.trialScaled.doc, null, 2)}\n`;
    this.fileEdited = true;
    this.edited = true;
    this.setMode("file");
    this.fileText.focus();
  }

  private async loadFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    this.fileText.value = await file.text();
    this.fileEdited = true;
    this.edited = true;
    this.scheduleCheck(0);
  }

  /** The study as it stands: checked and expanded, or the problems to show. */
  private current(): Current {
    if (this.mode === "fit") {
      const c = this.fit.current();
      return "problems" in c ? { problems: c.problems, trial: false, fit: true } : c;
    }
    if (this.mode === "trial" && !this.trialScaled) return { waiting: this.trialLoading ?? T.trial.loading };
    try {
      if (this.mode === "form") return { study: { kind: "sweep", ...pageSweep(formSweep(this.form)) } };
      if (this.mode === "trial") return { study: { kind: "trial", ...pageTrial(this.trialScaled!.doc) } };
      return { study: pageStudyFromText(this.fileText.value) };
    } catch (e) {
      const trial = this.mode === "trial" || (this.mode === "file" && looksLikeTrial(this.fileText.value));
      if (e instanceof InputError) return { problems: e.issues.map((i) => i.message), trial };
      return { problems: [e instanceof Error ? e.message : String(e)], trial };
    }
  }

  private scheduleCheck(delay = 250): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      this.showCheck();
    }, delay);
  }

  private showCheck(): Current {
    const c = this.current();
    if ("waiting" in c) {
      this.check.textContent = c.waiting;
      this.problems.hidden = true;
      this.problems.replaceChildren();
    } else if ("problems" in c) {
      this.check.textContent = "";
      this.problems.replaceChildren(
        el("p", { text: c.fit ? T.fit.problems : c.trial ? T.trialProblems : T.problems }),
        el(
          "ul",
          {},
          c.problems.map((m) => el("li", { text: m })),
        ),
      );
      this.problems.hidden = false;
    } else if ("fit" in c) {
      this.check.textContent = this.fit.describe(c.fit);
      this.problems.hidden = true;
      this.problems.replaceChildren();
    } else {
      this.check.textContent = c.study.kind === "trial" ? describeTrial(c.study) : describeSweep(c.study);
      this.problems.hidden = true;
      this.problems.replaceChildren();
    }
    if (!this.abort)
      this.runButton.textContent =
        this.mode === "fit" ? T.runFit : "study" in c && c.study.kind === "trial" ? T.runTrial : T.run;
    return c;
  }

  private async run(): Promise<void> {
    if (this.abort) return;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    const c = this.showCheck();
    if ("waiting" in c) return;
    if ("problems" in c) {
      this.problems.focus();
      return;
    }
    this.host.pauseMain();
    if ("fit" in c) return this.runFitMode(c.fit);
    const { study } = c;
    const plan = study.plan;
    const abort = new AbortController();
    this.abort = abort;
    this.finished = null;
    this.results.hidden = true;
    this.fit.results.hidden = true;
    this.setup.disabled = true;
    this.workers.disabled = true;
    this.runButton.disabled = true;
    this.cancelButton.disabled = false;
    this.cancelButton.focus();
    this.started = performance.now();
    this.lastSaid = 0;
    this.lastDone = -1;
    this.status.dataset.state = "running";
    this.showProgress({ done: 0, failed: 0, total: plan.runs.length, fraction: 0, running: [] });
    try {
      const outcome = await runPlan(plan, Number(this.workers.value), abort.signal, (p) => this.queueProgress(p));
      this.pendingProgress = null;
      if (outcome.cancelled) {
        this.status.dataset.state = "cancelled";
        this.status.textContent = T.cancelled(outcome.statuses.size, plan.runs.length);
        this.say(this.status.textContent);
        return;
      }
      const tables = experimentTables(plan, outcome.statuses);
      const files = await experimentFiles(plan, tables, {
        base: study.base,
        workers: outcome.workers,
        wallTimeS: outcome.wallTimeS,
        userAgent: navigator.userAgent,
        created: new Date().toISOString(),
      });
      this.finished = { study, files, tables };
      this.bar.value = 1;
      this.status.dataset.state = "done";
      this.status.textContent = T.done(plan.runs.length, tables.failed.length, T.seconds(outcome.wallTimeS));
      this.say(this.status.textContent);
      this.showResults();
    } catch (e) {
      this.status.dataset.state = "failed";
      this.status.textContent = T.failed(e instanceof Error ? e.message : String(e));
      this.say(this.status.textContent);
    } finally {
      this.abort = null;
      this.workerLines.replaceChildren();
      this.setup.disabled = false;
      this.workers.disabled = false;
      this.runButton.disabled = false;
      this.cancelButton.disabled = true;
      this.opener.textContent = T.open;
      if (this.dialog.open && document.activeElement === this.cancelButton) this.runButton.focus();
    }
  }

  private say(text: string): void {
    this.lastSaid = performance.now();
    this.live.textContent = text;
  }

  /** Progress arrives once per simulated day per worker: draw it at most once per frame. */
  private queueProgress(p: BatchProgress): void {
    const first = this.pendingProgress === null;
    this.pendingProgress = p;
    if (first)
      requestAnimationFrame(() => {
        if (this.pendingProgress && this.abort) this.showProgress(this.pendingProgress);
        this.pendingProgress = null;
      });
  }

  private showProgress(p: BatchProgress): void {
    this.bar.value = p.fraction;
    const elapsed = (performance.now() - this.started) / 1000;
    const left = p.fraction > 0.02 && elapsed > 2 ? T.seconds((elapsed / p.fraction) * (1 - p.fraction)) : "";
    this.status.textContent = T.progress(p.done, p.total, p.failed, T.seconds(elapsed), left);
    this.status.dataset.done = String(p.done);
    // Runs done, at most every ten seconds (as the page's own summary is read).
    if (p.done !== this.lastDone && performance.now() - this.lastSaid > 10_000) {
      this.lastDone = p.done;
      this.say(T.progress(p.done, p.total, p.failed, T.seconds(elapsed), left));
    }
    this.opener.textContent = T.running(p.done, p.total);
    this.workerLines.replaceChildren(
      ...p.running.map((r) =>
        el("li", {
          text: T.workerLine(
            r.worker,
            r.runId,
            r.phase === "generating"
              ? T.workerGenerating(r.at.toFixed(1))
              : T.workerDay(String(Math.floor(r.at)), String(r.of)),
          ),
        }),
      ),
    );
  }

  /** Before and after a run: the form locked while it runs, the buttons swapped. */
  private lock(running: boolean): void {
    this.setup.disabled = running;
    this.workers.disabled = running;
    this.runButton.disabled = running;
    this.cancelButton.disabled = !running;
  }

  /** A fit: rounds on the workers, the pictures redrawn after each generation, the CLI's files at the end. */
  private async runFitMode(fit: PageFit): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.finished = null;
    this.results.hidden = true;
    this.fit.clear();
    this.lock(true);
    this.cancelButton.focus();
    this.started = performance.now();
    this.lastSaid = 0;
    this.status.dataset.state = "running";
    const started = new Date().toISOString();
    const workers = Number(this.workers.value);
    const s = fit.setup;
    let line = generationLine(initialState(s.options), s.runsPerCandidate, fit.budgetRuns);
    this.status.textContent = line;
    this.bar.value = 0;
    const showFinished = (files: ExperimentFile[]) => {
      this.sweepResults.hidden = true;
      this.trialResults.hidden = true;
      this.downloads.replaceChildren();
      this.saved.textContent = "";
      this.results.hidden = files.length === 0;
    };
    try {
      const outcome = await runFit(
        fit,
        workers,
        abort.signal,
        (p) => {
          line = generationLine(p.state, s.runsPerCandidate, fit.budgetRuns);
          if (p.newGeneration) {
            showFinished(this.fit.show(fit, p, { workers, started }));
            this.say(line);
          }
        },
        (runsBefore, round) => {
          if (!this.abort) return;
          this.bar.value = Math.min(1, (runsBefore + round.fraction * round.total) / fit.budgetRuns);
          this.status.textContent = `${line} · ${T.seconds((performance.now() - this.started) / 1000)}`;
          this.status.dataset.done = String(runsBefore + round.done);
          this.opener.textContent = T.running(runsBefore + round.done, fit.budgetRuns);
        },
      );
      const generations = outcome.state.history.length;
      const files = generations > 0 ? this.fit.show(fit, outcome, { workers: outcome.workers, started }) : [];
      showFinished(files);
      if (outcome.cancelled) {
        this.status.dataset.state = "cancelled";
        this.status.textContent = T.fit.cancelled(generations);
      } else if (generations === 0) {
        this.status.dataset.state = "failed";
        this.status.textContent = T.fit.nothing;
      } else {
        this.bar.value = 1;
        this.status.dataset.state = "done";
        this.status.textContent = T.fit.finished(
          generations,
          outcome.state.runs * s.runsPerCandidate,
          T.seconds(outcome.wallTimeS),
          T.fit.stopReasons[outcome.state.stopReason ?? ""] ?? String(outcome.state.stopReason),
        );
      }
      this.say(this.status.textContent);
      if (files.length) this.showFitDownloads(files);
    } catch (e) {
      this.status.dataset.state = "failed";
      this.status.textContent = T.failed(e instanceof Error ? e.message : String(e));
      this.say(this.status.textContent);
    } finally {
      this.abort = null;
      this.workerLines.replaceChildren();
      this.lock(false);
      this.opener.textContent = T.open;
      if (this.dialog.open && document.activeElement === this.cancelButton) this.runButton.focus();
    }
  }

  private showFitDownloads(files: readonly ExperimentFile[]): void {
    this.downloads.replaceChildren(
      ...files.map((file) => {
        const b = el("button", {
          type: "button",
          "data-experiment-download": file.name,
          title: T.fit.downloadHint(file.name),
          text: file.name,
        });
        b.addEventListener("click", () => {
          download(new Blob([file.text], { type: file.type }), file.name);
          this.saved.textContent = T.saved(file.name);
        });
        return b;
      }),
    );
  }

  private showResults(): void {
    const f = this.finished!;
    const study = f.study;
    this.sweepResults.hidden = study.kind !== "sweep";
    this.trialResults.hidden = study.kind !== "trial";
    this.fit.results.hidden = true;
    if (study.kind === "sweep") {
      const outputs = plotOutputs(study.sweep);
      this.output.replaceChildren(...outputs.map((o) => el("option", { value: o, text: o })));
      this.output.value = outputs[0]!;
      this.drawPlot();
    } else this.showTrial(study.trial.title ?? "the virtual trial", f.files);
    const button = (name: string, hint: string, save: () => void) => {
      const b = el("button", { type: "button", "data-experiment-download": name, title: hint, text: name });
      b.addEventListener("click", () => {
        save();
        this.saved.textContent = T.saved(name);
      });
      return b;
    };
    const specText = `${JSON.stringify(study.plan.spec, null, 2)}\n`;
    const fileButtons = f.files.map((file) =>
      button(file.name, (study.kind === "trial" ? T.downloadTrialHint : T.downloadHint)(file.name), () =>
        download(new Blob([file.text], { type: file.type }), file.name),
      ),
    );
    if (study.kind === "trial")
      this.downloads.replaceChildren(
        ...fileButtons,
        button(T.trialFile, T.trialFileHint, () =>
          download(new Blob([specText], { type: "application/json" }), T.trialFile),
        ),
      );
    else
      this.downloads.replaceChildren(
        ...fileButtons,
        button(T.sweepFile, T.sweepFileHint, () =>
          download(new Blob([specText], { type: "application/json" }), T.sweepFile),
        ),
        button(T.plotFile, T.plotFileHint, () => {
          const svg = this.plotHost.querySelector("svg");
          if (svg)
            download(new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }), T.plotFile);
        }),
      );
    this.saved.textContent = "";
    this.results.hidden = false;
  }

  /** forest.svg and (with a `published` block) replica.svg as pictures, and their numbers as tables. */
  private showTrial(title: string, files: readonly ExperimentFile[]): void {
    const file = (name: string) => files.find((x) => x.name === name);
    const figure = (name: string, caption: string, alt: string) => {
      const svg = file(name);
      if (!svg) return null;
      return el("figure", { class: "experiment-figure", "data-experiment-figure": name }, [
        el("img", { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`, alt }),
        el("figcaption", { text: caption }),
      ]);
    };
    this.figures.replaceChildren(
      ...[
        figure("forest.svg", TR.forest, TR.forestAlt(title)),
        figure("replica.svg", TR.replica, TR.replicaAlt(title)),
      ].filter((x) => x !== null),
    );
    this.trialNumbers.replaceChildren(
      ...["effects.csv", "replica.csv"].flatMap((name) => {
        const csv = file(name);
        if (!csv) return [];
        // A wide table scrolls sideways; the keyboard can reach it (tabindex) to scroll it.
        const box = el("div", { class: "experiment-scroll", tabindex: 0, role: "region", "aria-label": name }, [
          csvTable(csv.text, name),
        ]);
        return [el("h4", { text: name }), box];
      }),
    );
  }

  private drawPlot(): void {
    const f = this.finished;
    if (f?.study.kind !== "sweep") return;
    const data = plotData(f.tables, f.study.sweep, this.output.value);
    this.plotHost.replaceChildren(plotSvg(data, T.plotTitle(data.output, data.xName)));
    this.numbers.replaceChildren(numbersTable(data));
  }
}

/** The plotted means as a table, for screen readers and for reading exact values. */
function numbersTable(data: PlotData): HTMLTableElement {
  const h = T.numbersHead;
  const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : "–");
  return el("table", { class: "experiment-table" }, [
    el("thead", {}, [
      el(
        "tr",
        {},
        [h.arm, h.x, h.n, h.mean, h.sd].map((t) => el("th", { scope: "col", text: t })),
      ),
    ]),
    el(
      "tbody",
      {},
      data.arms.flatMap((arm) =>
        arm.points.map((p) =>
          el(
            "tr",
            {},
            [arm.label || T.allRuns, p.x, String(p.ys.length), fmt(p.mean), fmt(p.sd)].map((t) =>
              el("td", { text: t }),
            ),
          ),
        ),
      ),
    ),
  ]);
}

/** A CSV file of the analysis as a table (numbers to 4 significant digits), for reading exact values. */
function csvTable(text: string, name: string): HTMLTableElement {
  const { header, rows } = parseCsv(text);
  const cell = (v: string) => {
    const n = Number(v);
    return v !== "" && Number.isFinite(n) && !Number.isInteger(n) ? String(Number(n.toPrecision(4))) : v;
  };
  return el("table", { class: "experiment-table", "data-experiment-table": name }, [
    el("thead", {}, [
      el(
        "tr",
        {},
        header.map((t) => el("th", { scope: "col", text: t })),
      ),
    ]),
    el(
      "tbody",
      {},
      rows.map((r) =>
        el(
          "tr",
          {},
          r.map((t) => el("td", { text: cell(t) })),
        ),
      ),
    ),
  ]);
}
