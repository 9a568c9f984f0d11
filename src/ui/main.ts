/**
 * The page: builds the play area (one tissue pane, or the split view's untreated and treated panes)
 * and the control area, and wires them to the run.
 */
// First: the simulation workers start while the rest of the page's code is evaluated.
import "./early-workers";
import "./styles.css";
import { FIELD_UNIT, FIELDS } from "../model/fields/registry";
import { presetLookup } from "../model/params/presets";
import { paramDefault } from "../model/params/registry";
import { resolveScenario } from "../model/params/scenario";
import type { ScenarioInput } from "../model/params/scenario-schema";
import type { ComposeOptions } from "../render/compose-view";
import { lutOf, sharedRange } from "../render/frame-painter";
import { stainOf } from "../render/stains";
import type { FrameView, LoadResult } from "../sim/api";
import { ChartPanel } from "./charts";
import type { Control, ControlContext } from "./controls/context";
import { diseaseSection } from "./controls/disease-section";
import { mechanismsSection, mechanismToggles } from "./controls/mechanisms-section";
import { simulationSection } from "./controls/simulation-section";
import { therapySection } from "./controls/therapy-section";
import { el } from "./dom";
import { ErrorBanner } from "./error-banner";
import { ExperimentLauncher } from "./experiment-opener";
import { ExportPanel, shareUrl } from "./export-panel";
import { FollowCard } from "./follow-card";
import { formatFixed } from "./format";
import { installShortcuts, shortcutsDialog } from "./keyboard";
import { CellLegend, FieldLegend } from "./legend";
import { LessonPanel } from "./lesson-panel";
import { LoadingOverlay } from "./loading-overlay";
import { PerfProbe } from "./perf-probe";
import { PresetPicker } from "./preset-picker";
import { ReadoutPanel } from "./readout-panel";
import { loadReferenceLibrary } from "./reference-library";
import { ScenarioEditor } from "./scenario-editor";
import { Session } from "./session";
import { type FailureReport, SimClient, WorkerFailure } from "./sim-client";
import { LANES, laneDocuments, treatedDocument, type ViewMode } from "./split-docs";
import { TEXT } from "./text";
import { ThreadsControl } from "./threads-control";
import { TimeControls } from "./time-controls";
import { TissuePane } from "./tissue-pane";
import { parseUrlOptions } from "./url-options";
import { ViewControls, type ViewState } from "./view-controls";

/** How long the renderer waits for the first picture, and for the run to move, before it starts anyway. */
const RENDERER_WAIT_MS = 3000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The Simulation section with the threads setting after its controls (not a scenario value: no Control). */
function withThreads(
  built: { nodes: HTMLElement[]; controls: Control[] },
  root: HTMLElement,
): { nodes: HTMLElement[]; controls: Control[] } {
  return { nodes: [...built.nodes, root], controls: built.controls };
}

async function start(app: HTMLElement): Promise<void> {
  // A turn of the event loop first: the browser starts the simulation workers (early-workers.ts)
  // before the page builds its controls, a long task on a slow machine.
  await nextTask();
  const options = parseUrlOptions(location.search);
  const mode = options.view;
  const lanes = LANES[mode];
  /** The split view edits the treated run; an untreated scenario gets the standard infusion there. */
  const forView = (doc: ScenarioInput): ScenarioInput =>
    mode === "split" ? treatedDocument(doc, resolveScenario(doc, presetLookup)) : doc;
  const initialDoc = forView(options.doc);
  const editor = new ScenarioEditor(initialDoc);
  const laneDocs = () => laneDocuments(mode, editor.doc);
  const banner = new ErrorBanner();
  for (const w of options.warnings) banner.show(w, "warning");

  // ---- play area
  const panes = lanes.map((lane) => new TissuePane(lane));
  const loading = new LoadingOverlay();
  const stage = el("div", { class: "stage", "aria-busy": "false" }, [
    el(
      "div",
      { class: "panes", "data-count": panes.length },
      panes.map((p) => p.root),
    ),
    loading.root,
  ]);
  const readouts = new ReadoutPanel(lanes);
  const cellLegend = new CellLegend();
  const fieldLegend = new FieldLegend();
  const chartsHost = el("div", { class: "charts" });

  // ---- the run
  let session: Session;
  const onFailure = (report: FailureReport) => {
    const r = report.recovery;
    if (r.kind === "failed") banner.show(TEXT.workerDead(`${report.message}; ${r.message}`));
    else if (lanes.length > 1) banner.show(TEXT.workerFailedSplit(report.message));
    else if (r.kind === "snapshot") banner.show(TEXT.workerFailed(report.message, formatFixed(r.day, 0)));
    else banner.show(TEXT.workerFailedFresh(report.message));
    if (r.kind !== "failed") session.resync();
  };
  const clients = lanes.map(() => new SimClient(onFailure));
  const follow = new FollowCard(
    clients,
    () => panes.map((p) => p.view),
    (pane) => ({
      siteMicrometres: siteSize(),
      infusions: lastLoad[pane]?.scenario.therapy.infusions ?? [],
      amplification: lastFrames[pane]?.amplification ?? 1,
    }),
  );
  const cores = navigator.hardwareConcurrency || 1;
  /** Threads stepping the panes: below the core count, frames are painted while they step. */
  const pipelineFor = (threadsPerPane: number) => lanes.length * threadsPerPane < cores;
  const threads = new ThreadsControl(options.threads, lanes.length, cores, async (n) => {
    const infos = await Promise.all(clients.map((c) => c.setThreads(n).catch(() => null)));
    session.setPipelined(pipelineFor(infos[0]?.active ?? 1));
    return infos[0] ?? null;
  });

  const initialView = (): ViewState => ({
    stain: options.stain,
    overlay: options.overlay === null ? null : FIELDS.findIndex((f) => f.key === options.overlay),
    colormap: options.colormap,
    opacity: 0.7,
    projector: options.projector,
  });
  let viewState = initialView();
  let lastFrames: FrameView[] = [];
  let lastLoad: LoadResult[] = [];
  /** A setting changed after day 0 without starting over: a link cannot replay that history. */
  let editedMidRun = false;

  const siteSize = () => editor.scenario.parameters["simulation.site_size"] ?? paramDefault("simulation.site_size");
  // The species beside the day: it sets the clock the days run on.
  const dayLabel = (day: number) => TEXT.dayLabel(formatFixed(day, 1), editor.scenario.species);
  const paint = (frames: FrameView[]) => {
    lastFrames = frames;
    const overlay =
      viewState.overlay === null
        ? null
        : { field: viewState.overlay, colormap: viewState.colormap, opacity: viewState.opacity };
    // Side-by-side panes share one colour scale, so equal colours mean equal values.
    const range = overlay && frames.length > 1 ? (sharedRange(frames, overlay.field) ?? undefined) : undefined;
    let shown: [number, number] | null = null;
    const stain = stainOf(viewState.stain);
    frames.forEach((f, i) => {
      shown = panes[i]?.paint(f, overlay, range, dayLabel(f.day), siteSize(), stain) ?? shown;
    });
    cellLegend.setStain(viewState.stain);
    fieldLegend.show(viewState.overlay, viewState.colormap, shown);
    const last = frames.at(-1);
    if (last) cellLegend.setAmplification(last.amplification);
    readouts.show(frames.map((f) => f.metrics));
    void follow.update();
    if (frames[0]) lesson.follow(frames[0].day);
    exportPanel.frameDrawn();
    if (panes.every((p) => p.shown)) onScreen(frames[0]?.step ?? 0);
  };
  /**
   * A picture is on screen in every pane (the renderer's or the plain canvas before it): page-speed
   * marks for test/e2e/perf.test.ts — the first picture, and the first of a run that has moved —
   * which the renderer and the charts wait for (start, below).
   */
  let pictures = 0;
  let running = false;
  let pictureShown = () => {};
  const firstPicture = new Promise<void>((resolve) => {
    pictureShown = resolve;
  });
  let movingShown = () => {};
  const firstMove = new Promise<void>((resolve) => {
    movingShown = resolve;
  });
  const onScreen = (step: number) => {
    if (pictures++ === 0) {
      performance.mark("hepatosim:first-picture");
      pictureShown();
    }
    if (step > 0 && !running) {
      performance.mark("hepatosim:running");
      movingShown();
    }
    running = step > 0;
  };
  let libraryAsked = false;
  const loadLibrary = () => {
    if (libraryAsked) return;
    libraryAsked = true;
    void loadReferenceLibrary().then(() => charts.refreshReferences());
  };

  const charts = new ChartPanel(chartsHost, lanes, () => editor.scenario);
  let timeControls: TimeControls;
  session = new Session(clients, {
    loading: (active) => loading.show(active),
    progress: (p) => loading.progress(p),
    loaded: (results, histories) => {
      if (!lastLoad.length) performance.mark("hepatosim:loaded");
      lastLoad = results;
      if (results[0]) void threads.lattice(results[0].width, results[0].height);
      if (histories) {
        charts.reset(histories);
        editedMidRun = false;
      }
      readouts.show(results.map((r) => r.metrics));
    },
    stepped: (results) => charts.append(results.map((r) => r.newRows)),
    frame: paint,
    playState: (playing, done) => {
      timeControls.show(playing, done);
      readouts.setState(done ? TEXT.finished : playing ? TEXT.playing : TEXT.paused);
    },
    seeking: (day) => timeControls.setSeeking(day === null ? null : TEXT.seekingTo(formatFixed(day, 0))),
    failed: (e) => {
      if (!(e instanceof WorkerFailure)) banner.show(e instanceof Error ? e.message : String(e));
    },
  });
  session.setSpeed(options.speed);
  session.setPipelined(pipelineFor(1));
  // The run starts loading now, while the controls are built and the renderer starts (a first picture
  // sooner): its events arrive after this function's synchronous part, when everything they use exists.
  session.load(laneDocs(), true);
  // The load request reaches the workers now, not after the controls are built.
  await nextTask();

  // ---- controls
  const controls: Control[] = [];
  const ctx: ControlContext = {
    scenario: () => editor.scenario,
    change(patch) {
      const r = editor.apply(patch);
      if (r.ok) {
        if ((lastFrames[0]?.day ?? 0) > 0) editedMidRun = true;
        session.load(laneDocs());
        exportPanel.refresh(true);
      }
      return r;
    },
  };
  // A new scenario keeps the seed and section size the user chose.
  const presetPicker = new PresetPicker((name) => {
    const keep = editor.doc;
    const r = editor.replace(
      forView({
        preset: name,
        ...(keep.seed !== undefined && { seed: keep.seed }),
        ...(keep.lattice && { lattice: keep.lattice }),
      }),
    );
    if (r.ok) session.load(laneDocs(), true);
  });

  const section = (
    key: keyof typeof TEXT.sections,
    built: { nodes: HTMLElement[]; controls: Control[] },
    open = false,
  ) => {
    controls.push(...built.controls);
    return el("details", { class: "section", "data-section": key, open }, [
      el("summary", {}, [el("h2", { text: TEXT.sections[key] })]),
      ...built.nodes,
    ]);
  };

  const actions = {
    toggle: () => session.toggle(),
    stepDay: () => session.stepDay(),
    restart: () => session.load(laneDocs(), true),
    resetAll: () => {
      banner.clear();
      editor.replace(initialDoc);
      viewState = initialView();
      viewControls.show(viewState);
      applyView(viewState);
      session.setSpeed(options.speed);
      timeControls.setSpeed(options.speed);
      session.pause();
      session.load(laneDocs(), true);
      if (options.autoplay) session.play();
    },
    setSpeed: (s: Parameters<Session["setSpeed"]>[0]) => session.setSpeed(s),
  };
  timeControls = new TimeControls(actions, options.speed);

  const views = () => panes.map((p) => p.view).filter((v) => v !== null);
  const applyView = (v: ViewState) => {
    viewState = v;
    document.documentElement.dataset.theme = v.projector ? "projector" : "standard";
    for (const view of views()) view.setHighContrast(v.projector);
    session.setFields(v.overlay === null ? [] : [v.overlay]);
    if (lastFrames.length) paint(lastFrames);
    exportPanel.refresh(true);
  };
  const viewControls = new ViewControls(viewState, {
    changed: applyView,
    zoom: (f) => {
      for (const view of views()) view.zoomBy(f);
    },
    fit: () => {
      for (const view of views()) view.fit();
    },
  });

  /** Page options a link keeps besides the scenario. */
  const linkOptions = (view: ViewMode = mode): Record<string, string> => {
    const o: Record<string, string> = {};
    if (view === "split") o.view = "split";
    if (viewState.overlay !== null) o.overlay = FIELDS[viewState.overlay]!.key;
    if (viewState.colormap !== "viridis") o.colormap = viewState.colormap;
    if (viewState.stain !== "schematic") o.stain = viewState.stain;
    if (viewState.projector) o.projector = "1";
    if (lesson.isOpen) o.lesson = "1";
    return o;
  };
  const pageUrl = (query: Record<string, string>) => {
    const url = new URL(location.href);
    url.search = new URLSearchParams(query).toString();
    url.hash = "";
    return url.toString();
  };

  const lesson = new LessonPanel(mode, {
    overlay: (key) => {
      const v = { ...viewState, overlay: FIELDS.findIndex((f) => f.key === key) };
      viewControls.show(v);
      applyView(v);
    },
    highlight: (keys) => cellLegend.highlight(keys),
    linkTo: (preset, view) =>
      pageUrl({
        preset,
        ...(view === "split" && { view }),
        size: String(editor.scenario.lattice.width),
        lesson: "1",
        ...(viewState.projector && { projector: "1" }),
      }),
    // The Experiment panel is made below; the lesson calls it only on a click.
    runTrial: (file, patients) => experiment.runReplica(file, patients),
  });

  const exportPanel = new ExportPanel({
    view: mode,
    scenario: () => editor.scenario,
    day: () => lastFrames[0]?.day ?? 0,
    panes: () => {
      const pictures = panes.map((p) => p.picture());
      if (pictures.some((p) => p === null)) return null;
      return pictures.map((p) => ({ ...p!, title: p!.title || editor.scenario.title }));
    },
    composeOptions: (): ComposeOptions => {
      const s = editor.scenario;
      const overlay = viewState.overlay === null ? null : FIELDS[viewState.overlay]!;
      const range = fieldLegend.root.querySelector("[data-field-range]")?.textContent ?? "";
      return {
        dayLabel: dayLabel(lastFrames[0]?.day ?? 0),
        siteMicrometres: siteSize(),
        caption: `Hepatosim · ${TEXT.exports.scenarioLine(s.title, s.seed, s.lattice.width)}`,
        legendTitle:
          viewState.stain === "schematic"
            ? TEXT.exports.legendTitle
            : `${TEXT.exports.legendTitle} (${stainOf(viewState.stain).label})`,
        legend: stainOf(viewState.stain).legend.map((e) => ({ label: e.label, colour: e.colour })),
        note: cellLegend.note ?? undefined,
        field: overlay ? { label: `${overlay.label} (${FIELD_UNIT})`, range, lut: lutOf(viewState.colormap) } : null,
      };
    },
    series: () => charts.series(),
    columns: () => charts.columns(),
    linkOptions: () => linkOptions(),
    editedMidRun: () => editedMidRun,
  });

  const experiment = new ExperimentLauncher(
    { preset: () => editor.scenario.preset, pauseMain: () => session.pause() },
    (dialog) => app.append(dialog),
  );

  editor.onChange((s) => {
    for (const c of controls) c.refresh(s);
    presetPicker.show(s.preset);
    lesson.setPreset(s.preset);
    exportPanel.refresh(true);
  });

  // ---- header: view switch, lesson, shortcuts
  const help = shortcutsDialog();
  const helpButton = el("button", { type: "button", class: "link-button", text: TEXT.shortcuts });
  helpButton.addEventListener("click", help.open);
  const viewButton = (view: ViewMode) => {
    const b = el("button", {
      type: "button",
      "data-view-mode": view,
      title: TEXT.views[`${view}Hint`],
      "aria-pressed": String(view === mode),
      text: TEXT.views[view],
    });
    // Another view is another page: the link carries the scenario as it is now.
    b.addEventListener("click", () => {
      if (view !== mode) location.assign(shareUrl(location.href, editor.scenario, linkOptions(view), null));
    });
    return b;
  };
  const lessonButton = el("button", {
    type: "button",
    "data-lesson-toggle": "",
    "aria-controls": "lesson",
    "aria-expanded": "false",
    text: TEXT.lesson.open,
  });
  const toggleLesson = () => {
    lesson.toggle();
    lessonButton.setAttribute("aria-expanded", String(lesson.isOpen));
    exportPanel.refresh(true);
  };
  lessonButton.addEventListener("click", toggleLesson);
  const header = el("header", { class: "app-header" }, [
    el("h1", {}, [TEXT.appTitle, el("span", { class: "subtitle", text: ` — ${TEXT.appSubtitle}` })]),
    el("div", { class: "header-tools" }, [
      el("div", { class: "view-switch", role: "group", "aria-label": TEXT.views.label }, [
        viewButton("single"),
        viewButton("split"),
      ]),
      lessonButton,
    ]),
  ]);

  const knockouts = mode === "split" ? mechanismToggles(ctx, TEXT.knockouts, "knockout") : null;
  if (knockouts) controls.push(...knockouts.controls);

  const playArea = el("section", { class: "play-area", "aria-label": TEXT.playArea }, [
    lesson.root,
    el("div", { class: "view-frame" }, [
      el("div", { class: "stage-box" }, [stage, viewControls.zoomRoot]),
      el("div", { class: "side-column" }, [follow.root, cellLegend.root]),
    ]),
    timeControls.root,
    knockouts?.root,
    readouts.root,
    el("div", { class: "legends" }, [viewControls.overlayRoot, fieldLegend.root]),
    chartsHost,
  ]);
  const controlArea = el("aside", { class: "control-area", id: "controls", "aria-label": TEXT.controlArea }, [
    presetPicker.root,
    el("details", { class: "section", "data-section": "export" }, [
      el("summary", {}, [el("h2", { text: TEXT.exportsTitle })]),
      exportPanel.root,
    ]),
    experiment.opener,
    section("therapy", therapySection(ctx), true),
    section("mechanisms", mechanismsSection(ctx)),
    section("disease", diseaseSection(ctx)),
    section("simulation", withThreads(simulationSection(ctx), threads.root)),
    el("details", { class: "section", "data-section": "view" }, [
      el("summary", {}, [el("h2", { text: TEXT.sections.view })]),
      viewControls.projectorRoot,
      helpButton,
    ]),
  ]);
  app.replaceChildren(
    readouts.summary,
    header,
    banner.root,
    el("main", { class: "layout", "data-view": mode }, [playArea, controlArea]),
    help.dialog,
  );

  for (const c of controls) c.refresh(editor.scenario);
  presetPicker.show(editor.scenario.preset);
  lesson.setPreset(editor.scenario.preset);
  if (options.lesson) toggleLesson();
  timeControls.show(false, false);

  performance.mark("hepatosim:controls-built");
  // Play (or go to a shared link's day) now: until the renderer is mounted, the panes show their
  // pictures on plain canvases.
  if (options.day !== null) session.goToDay(options.day);
  else if (options.autoplay) session.play();
  // Starting the renderer holds the page's thread for a while (≈ 1 s a pane on a slow laptop), so it
  // waits for the first picture and, when playing, for the first one of the moving run — or for a
  // moment, when the tissue is still being generated.
  const orMoment = (p: Promise<void>) =>
    Promise.race([p, new Promise<void>((resolve) => setTimeout(resolve, RENDERER_WAIT_MS))]);
  await orMoment(firstPicture);
  if (session.isPlaying) await orMoment(firstMove);
  try {
    for (const p of panes) await p.mount(options.renderer);
  } catch (e) {
    banner.show(TEXT.pixiFailed(e instanceof Error ? e.message : String(e)));
  }
  performance.mark("hepatosim:renderer-ready");
  // The charts after the tissue and its renderer (their canvases and layout would delay both).
  requestAnimationFrame(() => charts.show());
  loadLibrary();
  // Zoom and pan move every pane together.
  for (const p of panes)
    p.view?.onViewChange((t) => {
      for (const other of views()) if (other !== p.view) other.setViewTransform(t);
    });
  applyView(viewState);

  panes.forEach((p, i) => {
    p.view?.onSiteClick((x, y) => {
      if (p.frame) void follow.start(i, y * p.frame.width + x);
    });
  });
  const followCentre = () => {
    const p = panes[0];
    const c = p?.view?.centreSite();
    if (p?.frame && c) void follow.start(0, c.y * p.frame.width + c.x);
  };
  installShortcuts(
    {
      follow: followCentre,
      unfollow: () => {
        if (!follow.following) return false;
        follow.stop();
        return true;
      },
      toggle: actions.toggle,
      stepDay: actions.stepDay,
      zoom: (f) => {
        for (const view of views()) view.zoomBy(f);
      },
      fit: () => {
        for (const view of views()) view.fit();
      },
      lesson: toggleLesson,
    },
    help.open,
  );

  const perf = new PerfProbe();
  // A small read-only handle for tests and curious users in the console.
  Object.assign(window, {
    hepatosim: {
      series: () => charts.series(),
      perf: () => perf.read(),
      resetPerf: () => perf.reset(),
      state: () => ({
        day: lastFrames[0]?.day ?? null,
        playing: session.isPlaying,
        busy: session.isBusy,
        done: session.isDone,
        loading: loading.active,
        view: mode,
        scenario: editor.scenario,
        lattice: lastFrames[0] ? [lastFrames[0].width, lastFrames[0].height] : null,
        panes: lastFrames.map((f, i) => ({ lane: lanes[i], day: f.day, metrics: f.metrics })),
        amplification: lastLoad.map((r) => r.amplification),
        fromStore: lastLoad.map((r) => r.fromStore),
        prebuilt: lastLoad.map((r) => r.prebuilt),
        loadMs: lastLoad.map((r) => r.loadMs),
        renderer: panes[0]?.view?.renderer ?? null,
        stain: viewState.stain,
        zoom: panes[0]?.view?.zoom ?? null,
        closeUp: panes[0]?.view?.closeUpState() ?? null,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
      }),
      failWorkerForTest: () => clients[0]!.failForTest(),
      hash: () => clients[0]!.hash(),
    },
  });
}

const root = document.getElementById("app");
if (root) {
  start(root).catch((e) => {
    // Never a blank page: say what happened where the app would be.
    root.append(
      el("p", {
        class: "fatal",
        role: "alert",
        text: `${TEXT.errorTitle}: ${e instanceof Error ? e.message : String(e)}`,
      }),
    );
  });
}
