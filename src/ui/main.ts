/** The page: builds the play area and the control area, and wires them to the run. */
import "./styles.css";
import { FIELDS } from "../model/fields/registry";
import { paintFrame } from "../render/frame-painter";
import { createTissueView, type TissueView } from "../render/tissue-view";
import type { FrameView } from "../sim/api";
import { ChartPanel } from "./charts";
import type { Control, ControlContext } from "./controls/context";
import { diseaseSection } from "./controls/disease-section";
import { mechanismsSection } from "./controls/mechanisms-section";
import { simulationSection } from "./controls/simulation-section";
import { therapySection } from "./controls/therapy-section";
import { el } from "./dom";
import { ErrorBanner } from "./error-banner";
import { formatFixed } from "./format";
import { installShortcuts, shortcutsDialog } from "./keyboard";
import { CellLegend, FieldLegend } from "./legend";
import { LoadingOverlay } from "./loading-overlay";
import { PerfProbe } from "./perf-probe";
import { PresetPicker } from "./preset-picker";
import { ReadoutPanel } from "./readout-panel";
import { ScenarioEditor } from "./scenario-editor";
import { Session } from "./session";
import { type FailureReport, SimClient, WorkerFailure } from "./sim-client";
import { TEXT } from "./text";
import { TimeControls } from "./time-controls";
import { parseUrlOptions } from "./url-options";
import { ViewControls, type ViewState } from "./view-controls";

async function start(app: HTMLElement): Promise<void> {
  const options = parseUrlOptions(location.search);
  const initialDoc = options.doc;
  const editor = new ScenarioEditor(initialDoc);
  const banner = new ErrorBanner();
  for (const w of options.warnings) banner.show(w, "warning");

  // ---- play area
  const tissueHost = el("div", { class: "tissue-host", "aria-busy": "false" });
  const loading = new LoadingOverlay();
  tissueHost.append(loading.root);
  const readouts = new ReadoutPanel();
  const cellLegend = new CellLegend();
  const fieldLegend = new FieldLegend();
  const chartsHost = el("div", { class: "charts" });

  // ---- the run
  let session: Session;
  const client = new SimClient((report: FailureReport) => {
    const r = report.recovery;
    if (r.kind === "snapshot") banner.show(TEXT.workerFailed(report.message, formatFixed(r.day, 0)));
    else if (r.kind === "fresh") banner.show(TEXT.workerFailedFresh(report.message));
    else banner.show(TEXT.workerDead(`${report.message}; ${r.message}`));
    if (r.kind !== "failed") session.resync();
  });

  let view: TissueView | null = null;
  let viewState: ViewState = {
    overlay: options.overlay === null ? null : FIELDS.findIndex((f) => f.key === options.overlay),
    colormap: options.colormap,
    opacity: 0.7,
    projector: options.projector,
  };
  let rgba = new Uint8Array(0);
  let lastFrame: FrameView | null = null;

  const paint = (f: FrameView) => {
    lastFrame = f;
    const bytes = f.width * f.height * 4;
    if (rgba.length !== bytes) rgba = new Uint8Array(bytes);
    const overlay = viewState.overlay === null ? null : { field: viewState.overlay, colormap: viewState.colormap, opacity: viewState.opacity };
    const range = paintFrame(f, overlay, rgba);
    fieldLegend.show(viewState.overlay, viewState.colormap, range);
    if (view) {
      view.setImage(rgba, f.width, f.height);
      view.setDay(TEXT.dayLabel(formatFixed(f.day, 1)));
      view.setSiteSize(editor.scenario.parameters["simulation.site_size"] ?? 20);
    }
    cellLegend.setAmplification(f.amplification);
    readouts.show(f.metrics);
  };

  const charts = new ChartPanel(chartsHost);
  let timeControls: TimeControls;
  session = new Session(client, {
    loading: (active) => loading.show(active),
    loaded: (r, history) => {
      if (history) charts.reset(history);
      readouts.show(r.metrics);
    },
    stepped: (r) => charts.append(r.newRows),
    frame: paint,
    playState: (playing, done) => {
      timeControls.show(playing, done);
      readouts.setState(done ? TEXT.finished : playing ? TEXT.playing : TEXT.paused);
    },
    failed: (e) => {
      if (!(e instanceof WorkerFailure)) banner.show(e instanceof Error ? e.message : String(e));
    },
  });
  session.setSpeed(options.speed);

  // ---- controls
  const controls: Control[] = [];
  const ctx: ControlContext = {
    scenario: () => editor.scenario,
    change(patch) {
      const r = editor.apply(patch);
      if (r.ok) session.load(editor.doc);
      return r;
    },
  };
  // A new scenario keeps the seed and section size the user chose.
  const presetPicker = new PresetPicker((name) => {
    const keep = editor.doc;
    const r = editor.replace({ preset: name, ...(keep.seed !== undefined && { seed: keep.seed }), ...(keep.lattice && { lattice: keep.lattice }) });
    if (r.ok) session.load(editor.doc, true);
  });

  editor.onChange((s) => {
    for (const c of controls) c.refresh(s);
    presetPicker.show(s.preset);
  });

  const section = (key: keyof typeof TEXT.sections, built: { nodes: HTMLElement[]; controls: Control[] }, open = false) => {
    controls.push(...built.controls);
    return el("details", { class: "section", "data-section": key, open }, [el("summary", {}, [el("h2", { text: TEXT.sections[key] })]), ...built.nodes]);
  };

  const actions = {
    toggle: () => session.toggle(),
    stepDay: () => session.stepDay(),
    restart: () => session.load(editor.doc, true),
    resetAll: () => {
      banner.clear();
      editor.replace(initialDoc);
      viewState = {
        overlay: options.overlay === null ? null : FIELDS.findIndex((f) => f.key === options.overlay),
        colormap: options.colormap,
        opacity: 0.7,
        projector: options.projector,
      };
      viewControls.show(viewState);
      applyView(viewState);
      session.setSpeed(options.speed);
      timeControls.setSpeed(options.speed);
      session.pause();
      session.load(editor.doc, true);
      if (options.autoplay) session.play();
    },
    setSpeed: (s: Parameters<Session["setSpeed"]>[0]) => session.setSpeed(s),
  };
  timeControls = new TimeControls(actions, options.speed);

  const applyView = (v: ViewState) => {
    viewState = v;
    document.documentElement.dataset.theme = v.projector ? "projector" : "standard";
    view?.setHighContrast(v.projector);
    session.setFields(v.overlay === null ? [] : [v.overlay]);
    if (lastFrame) paint(lastFrame);
  };
  const viewControls = new ViewControls(viewState, {
    changed: applyView,
    zoom: (f) => view?.zoomBy(f),
    fit: () => view?.fit(),
  });

  const help = shortcutsDialog();
  const helpButton = el("button", { type: "button", class: "link-button", text: TEXT.shortcuts });
  helpButton.addEventListener("click", help.open);

  const playArea = el("section", { class: "play-area", "aria-label": TEXT.playArea }, [
    el("div", { class: "view-frame" }, [tissueHost, viewControls.zoomRoot]),
    timeControls.root,
    readouts.root,
    el("div", { class: "legends" }, [viewControls.overlayRoot, fieldLegend.root, cellLegend.root]),
    chartsHost,
  ]);
  const controlArea = el("aside", { class: "control-area", id: "controls", "aria-label": TEXT.controlArea }, [
    presetPicker.root,
    section("therapy", therapySection(ctx), true),
    section("mechanisms", mechanismsSection(ctx)),
    section("disease", diseaseSection(ctx)),
    section("simulation", simulationSection(ctx)),
    el("details", { class: "section", "data-section": "view" }, [
      el("summary", {}, [el("h2", { text: TEXT.sections.view })]),
      viewControls.projectorRoot,
      helpButton,
    ]),
  ]);
  const header = el("header", { class: "app-header" }, [
    el("h1", {}, [TEXT.appTitle, el("span", { class: "subtitle", text: ` — ${TEXT.appSubtitle}` })]),
  ]);
  app.replaceChildren(readouts.summary, header, banner.root, el("main", { class: "layout" }, [playArea, controlArea]), help.dialog);

  for (const c of controls) c.refresh(editor.scenario);
  presetPicker.show(editor.scenario.preset);
  timeControls.show(false, false);

  try {
    view = await createTissueView(tissueHost, TEXT.tissueCanvas, options.renderer);
  } catch (e) {
    banner.show(TEXT.pixiFailed(e instanceof Error ? e.message : String(e)));
  }
  applyView(viewState);

  installShortcuts({ toggle: actions.toggle, stepDay: actions.stepDay, zoom: (f) => view?.zoomBy(f), fit: () => view?.fit() }, help.open);

  const perf = new PerfProbe();
  // A small read-only handle for tests and curious users in the console.
  Object.assign(window, {
    hepatosim: {
      series: () => charts.series(),
      perf: () => perf.read(),
      resetPerf: () => perf.reset(),
      state: () => ({
        day: lastFrame?.day ?? null,
        playing: session.isPlaying,
        done: session.isDone,
        loading: loading.active,
        scenario: editor.scenario,
        lattice: lastFrame ? [lastFrame.width, lastFrame.height] : null,
        renderer: view?.renderer ?? null,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
      }),
      failWorkerForTest: () => client.failForTest(),
    },
  });

  session.load(editor.doc, true);
  if (options.autoplay) session.play();
}

const root = document.getElementById("app");
if (root) {
  start(root).catch((e) => {
    // Never a blank page: say what happened where the app would be.
    root.append(el("p", { class: "fatal", role: "alert", text: `${TEXT.errorTitle}: ${e instanceof Error ? e.message : String(e)}` }));
  });
}
