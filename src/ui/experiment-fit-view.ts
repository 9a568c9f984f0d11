/**
 * The DOM of the Experiment panel's *Fit to data*: the form (datasets of the library as checkboxes,
 * 1–3 parameters, particles, budget, seed, section size), and the results that change after every
 * generation: the posterior histograms (pairs.svg) and the fit band over the data (fit.svg), drawn
 * by the same SVG writers as `npx hepatosim calibrate`, with one line per parameter.
 */
import { InputError } from "../model/params/validation";
import { calibrationFiles, calibrationManifest } from "../study/calibration/outputs";
import type { CalibrationProgress } from "../study/calibration/rounds";
import type { Dataset } from "../study/reference/dataset";
import { el, uid } from "./dom";
import {
  describeFit,
  type FitForm,
  fitCommand,
  fitDatasets,
  fitParameters,
  PAGE_FIT,
  type PageFit,
  pageFit,
} from "./experiment-fit";
import type { ExperimentFile } from "./experiment-results";
import { fileType } from "./experiment-results";
import pkg from "../../package.json" with { type: "json" };
import { loadLibraryDatasets } from "./reference-library";
import { TEXT } from "./text";

const F = TEXT.experiment.fit;
const DEFAULT_DATASET = "marongiu-2017-rat-ph-liver-dna";
const fmt = (v: number) => String(Number(v.toPrecision(3)));

export type FitCurrent = { fit: PageFit } | { problems: string[] } | { waiting: string };

function labelled(label: string, input: HTMLElement, hint?: string): HTMLElement {
  const id = uid("experiment-fit");
  input.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) input.setAttribute("aria-describedby", hintId);
  return el("div", { class: "control" }, [
    el("label", { for: id, text: label }),
    input,
    hint ? el("p", { class: "note", id: hintId, text: hint }) : null,
  ]);
}

export class FitView {
  readonly block: HTMLElement;
  readonly results: HTMLElement;
  private library: Dataset[] | null = null;
  private loading: string | null = null;
  private readonly dataBox: HTMLElement;
  private readonly params: HTMLSelectElement;
  private readonly particles: HTMLInputElement;
  private readonly budget: HTMLInputElement;
  private readonly seed: HTMLInputElement;
  private readonly size: HTMLSelectElement;
  private readonly command: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly summary: HTMLElement;

  constructor(private readonly changed: () => void) {
    this.dataBox = el("div", { class: "experiment-fit-data", "data-experiment-fit-data": "" });
    this.params = el("select", { multiple: true, size: 8, "data-experiment": "fit-params" });
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const p of fitParameters()) {
      let g = groups.get(p.group);
      if (!g) {
        g = el("optgroup", { label: p.group });
        groups.set(p.group, g);
        this.params.append(g);
      }
      g.append(el("option", { value: p.name, text: p.label }));
    }
    const input = (name: string, value: string) =>
      el("input", { type: "text", inputmode: "numeric", "data-experiment": name, autocomplete: "off", value });
    const d = PAGE_FIT.defaults;
    this.particles = input("fit-particles", d.particles);
    this.budget = input("fit-budget", d.budget);
    this.seed = input("fit-seed", d.seed);
    this.size = el("select", { "data-experiment": "fit-size" });
    for (const n of PAGE_FIT.sizes)
      this.size.append(el("option", { value: String(n), text: TEXT.experiment.sizeOption(n) }));
    this.size.value = String(d.size);
    for (const i of [this.params, this.particles, this.budget, this.seed, this.size])
      i.addEventListener(i instanceof HTMLSelectElement ? "change" : "input", () => this.changed());
    this.command = el("p", { class: "note", "data-experiment-fit-command": "" });
    const dataId = uid("experiment-fit-data");
    this.block = el("div", { class: "experiment-fit-block", "data-experiment-mode": "fit", hidden: true }, [
      el("p", { class: "note", "data-experiment-fit-explain": "", text: F.explain }),
      el("div", { class: "control", role: "group", "aria-labelledby": dataId }, [
        el("p", { id: dataId, class: "label", text: F.datasets }),
        this.dataBox,
        el("p", { class: "note", text: F.datasetsHint }),
      ]),
      labelled(F.params, this.params, F.paramsHint),
      el("div", { class: "experiment-row" }, [
        labelled(F.particles, this.particles, F.particlesHint),
        labelled(F.budget, this.budget, F.budgetHint),
        labelled(F.seed, this.seed),
        labelled(F.size, this.size),
      ]),
      this.command,
    ]);
    this.figures = el("div", { class: "experiment-figures" });
    this.summary = el("ul", { class: "note", "data-experiment-fit-summary": "" });
    this.results = el("div", { "data-experiment-fit-results": "", hidden: true }, [
      this.figures,
      this.summary,
      el("p", { class: "note", text: F.explain }),
    ]);
  }

  /** Fetches the library on first use, then shows its fittable datasets. */
  load(): void {
    if (this.library || this.loading) return;
    this.loading = F.loading;
    loadLibraryDatasets()
      .then((library) => {
        this.library = library;
        this.loading = null;
        const choices = fitDatasets(library);
        // A 10-day rat hepatectomy: no chronic injury to generate first, so a class sees a fit finish in minutes.
        const first = choices.find((c) => c.id === DEFAULT_DATASET) ?? choices[0];
        this.dataBox.replaceChildren(
          ...choices.map((c) => {
            const id = uid("experiment-fit-dataset");
            const box = el("input", { type: "checkbox", id, value: c.id, "data-experiment-fit-dataset": c.id });
            box.checked = c === first;
            box.addEventListener("change", () => this.changed());
            return el("div", { class: "toggle-control" }, [box, el("label", { for: id, text: c.label })]);
          }),
        );
        if (this.params.selectedOptions.length === 0) {
          const first = [...this.params.options].find((o) => o.value === "hepatocyte.regenerative_capacity");
          if (first) first.selected = true;
        }
        this.changed();
      })
      .catch((e: unknown) => {
        this.loading = F.loadFailed(e instanceof Error ? e.message : String(e));
        this.changed();
      });
  }

  private form(): FitForm {
    return {
      data: [...this.dataBox.querySelectorAll<HTMLInputElement>("input:checked")].map((b) => b.value),
      params: [...this.params.selectedOptions].map((o) => o.value),
      particles: this.particles.value,
      budget: this.budget.value,
      seed: this.seed.value,
      size: Number(this.size.value),
    };
  }

  current(): FitCurrent {
    if (!this.library) return { waiting: this.loading ?? F.loading };
    try {
      const fit = pageFit(this.library, this.form());
      this.command.textContent = F.command(fitCommand(fit));
      return { fit };
    } catch (e) {
      this.command.textContent = "";
      if (e instanceof InputError) return { problems: e.issues.map((i) => i.message) };
      return { problems: [e instanceof Error ? e.message : String(e)] };
    }
  }

  describe(fit: PageFit): string {
    return describeFit(fit);
  }

  clear(): void {
    this.figures.replaceChildren();
    this.summary.replaceChildren();
    this.results.hidden = true;
  }

  /** The pictures and lines of the last finished generation; returns the files to download. */
  show(fit: PageFit, p: CalibrationProgress, ctx: { workers: number; started: string }): ExperimentFile[] {
    const { files, summary } = calibrationFiles(fit.setup, p.state, p.wallSeconds, p.populationValues);
    if (!summary) return [];
    const file = (name: string) => files.find((f) => f.name === name);
    const figure = (name: string, caption: string, alt: string) => {
      const svg = file(name);
      if (!svg) return null;
      return el("figure", { class: "experiment-figure", "data-experiment-figure": name }, [
        el("img", { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`, alt }),
        el("figcaption", { text: caption }),
      ]);
    };
    const last = p.state.history.length - 1;
    this.figures.replaceChildren(
      ...[
        figure("pairs.svg", F.posterior(last), F.posteriorAlt(fit.setup.names.join(", "))),
        figure("fit.svg", F.band, F.bandAlt),
      ].filter((x) => x !== null),
    );
    this.figures.dataset.generation = String(last);
    this.summary.replaceChildren(
      ...summary.parameters.map((q) =>
        el("li", {
          text: F.summaryLine(
            q.name,
            fmt(q.median),
            fmt(q.lower),
            fmt(q.upper),
            fmt(q.priorLower),
            fmt(q.priorUpper),
            Number.isFinite(q.narrowing) ? q.narrowing.toFixed(1) : "∞",
          ),
        }),
      ),
    );
    this.results.hidden = false;
    const manifest = {
      generator: "browser",
      hepatosim_version: pkg.version,
      user_agent: navigator.userAgent,
      command: fitCommand(fit),
      started: ctx.started,
      ...calibrationManifest(fit.setup, p.state, p.wallSeconds, summary),
      workers: ctx.workers,
      outputs: files.map((f) => f.name),
    };
    return [
      ...files.map((f) => ({ ...f, type: fileType(f.name) })),
      { name: "manifest.json", text: `${JSON.stringify(manifest, null, 2)}\n`, type: "application/json" },
    ];
  }
}
