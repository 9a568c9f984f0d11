/** Every user-facing string of the page, in one place (ready for translation). */

const SPECIES_NAMES: Record<string, string> = { human: "Human", rat: "Rat", mouse: "Mouse" };

export const TEXT = {
  appTitle: "Hepatosim",
  appSubtitle: "Liver regeneration in cirrhosis under MSC therapy",
  playArea: "Tissue and read-outs",
  controlArea: "Settings",

  play: "Play",
  pause: "Pause",
  stepDay: "Step one day",
  restart: "Restart run",
  resetAll: "Reset all",
  speed: "Speed",
  speeds: { slow: "Slow", normal: "Normal", fast: "Fast" },
  playing: "Playing",
  paused: "Paused",
  finished: "Run finished",
  restartHint: "Restart the run with the current settings, same seed, from day 0",
  resetHint: "Reset every setting and the run to how the page opened",
  stepHint: "Advance one simulated day (only while paused)",

  preset: "Scenario",
  presetHint: "A ready-made scenario: disease stage, therapy and run length",

  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  zoomFit: "Fit",
  tissueCanvas: "Tissue section: cells, collagen and an optional signal overlay",
  tissueCanvasLane: (lane: string) => `Tissue section, ${lane}: cells, collagen and an optional signal overlay`,

  stain: "Stain",
  stainHint:
    "Colour the whole section as a schematic (one colour per cell type), like an H&E slide, or like Sirius red (collagen red: the stain collagen area, CPA, is measured on)",
  closeUpHint: "Zoom in (+ or the mouse wheel) to see cells drawn as shapes",
  overlay: "Signal overlay",
  overlayNone: "None",
  colormap: "Colour map",
  overlayOpacity: "Overlay opacity",
  fieldLegendRange: (lo: string, hi: string, unit: string) => `${lo} – ${hi} ${unit}`,
  cellLegend: "What the colours mean",
  mscAmplification: (a: string) =>
    `Each real MSC is drawn as ${a} dots (display scale; effects are divided accordingly).`,

  sections: {
    disease: "Disease",
    therapy: "MSC therapy",
    mechanisms: "Mechanisms",
    simulation: "Simulation",
    view: "View",
  },
  paramGroups: {
    fields: "Signal diffusion and decay",
    hepatocyte: "Hepatocytes",
    stellate: "Stellate cells",
    kupffer: "Kupffer cells",
    collagen: "Collagen",
    vessels: "Vessels and oxygen",
    injury: "Injury",
    msc: "MSC behaviour",
    "msc-source": "MSC sources (relative to bone marrow)",
    species: "Species clocks (human, × rat time)",
    simulation: "Simulation and tissue",
    readout: "Read-outs",
  } as Record<string, string>,
  moreParameters: (group: string) => `${group}: all parameters`,

  stage: "Fibrosis stage at day 0",
  cirrhosisGrade: "Cirrhosis grade (F4)",
  hepatectomy: "Hepatocytes removed at day 0",
  injuryType: "Injury during the run",
  injuryIntensity: "Injury intensity",
  injuryStart: "Injury from day",
  injuryEnd: "Injury until day",
  injuryTypes: { none: "None", toxic: "Toxic (pericentral)", biliary: "Biliary (periportal)" } as Record<
    string,
    string
  >,
  grades: { early: "Early (compensated)", advanced: "Advanced (cross-linked)" } as Record<string, string>,

  therapyOn: "Give MSCs",
  source: "MSC source",
  route: "Route",
  dose: "Dose",
  infusionDay: "Infusion day",
  species: "Species",
  sources: { "bone-marrow": "Bone marrow", adipose: "Adipose tissue", "umbilical-cord": "Umbilical cord" } as Record<
    string,
    string
  >,
  routes: {
    intravenous: "Intravenous",
    "portal-vein": "Portal vein",
    "hepatic-artery": "Hepatic artery",
    intraparenchymal: "Direct injection",
  } as Record<string, string>,
  doseSource:
    "Human trials: 1–10 × 10⁵ cells/kg weekly (Zhang 2012), 0.5 × 10⁶ cells/kg IV (Mohamadnejad 2013), 2.5–7.5 × 10⁶ cells/kg into the hepatic artery (Stempeucel phase II)",
  schemaSource: "scenario schema",
  latticeHint:
    "Width and height of the simulated section in sites (one site ≈ one hepatocyte). Larger sections take longer to generate and step.",
  speciesNames: SPECIES_NAMES,
  moreInfusions: (n: number) => `This scenario has ${n} infusions; the controls edit the first one.`,

  mechanismToggles: "MSC mechanisms (switch one off to see its share)",
  mechanisms: {
    hgf: "HGF (growth, anti-fibrotic)",
    egf: "EGF (growth)",
    vegf: "VEGF (new vessels)",
    immunomodulation: "Immunomodulation (M1 → M2, IL-10)",
    mmp: "MMP (collagen breakdown)",
    differentiation: "Differentiation into hepatocytes",
  } as Record<string, string>,

  seed: "Random seed",
  seedHint: "The same seed gives the same run; change it to see another sample of the same biology.",
  latticeSize: "Section size",
  threads: {
    label: "Threads per run",
    auto: "auto",
    hint: "How many Web Workers step one run's lattice, in strips over shared memory. The results are identical whatever the number; only the speed changes. Auto uses several only for one pane at 512 × 512 sites or more.",
    active: (n: number) => (n === 1 ? "Running on 1 thread." : `Running on ${n} threads (shared memory).`),
    limited: (n: number, why: string) =>
      `Running on ${n} thread${n === 1 ? "" : "s"}: ${
        why === "no-shared-memory"
          ? "shared memory is not available (the page is not cross-origin isolated: the server must send COOP/COEP headers)"
          : why === "lattice"
            ? "the lattice is too small to split that many ways"
            : "this browser cannot start helper workers"
      }.`,
  },
  latticeOption: (n: number, mm: string) => `${n} × ${n} sites (${mm} mm)`,
  days: "Run length",
  projector: "Projector mode (high contrast)",
  shortcuts: "Keyboard shortcuts",
  close: "Close",

  tooltip: (doc: string, range: string, source: string) => `${doc}\nAllowed: ${range}\nSource: ${source}`,
  rangeText: (min: string, max: string, unit: string) => `${min} … ${max} ${unit}`.trim(),

  preparing: "Preparing the tissue…",
  preparingDetail: (seconds: number) =>
    `Loading the starting tissue (${seconds} s so far). The page stays usable; settings you change now apply when it is ready.`,
  generating: "Generating tissue…",
  generatingDetail: (seconds: number) =>
    `Simulating the chronic injury that produces this disease stage (${seconds} s so far). The page stays usable; settings you change now apply when it is ready.`,
  generatingStage: (weeks: string, cpa: string, target: string) =>
    `Week ${weeks} of chronic injury: collagen area ${cpa} % of the stage's ${target} %.`,
  settlingStage: (weeks: string, of: string, cpa: string) =>
    `Stage reached (collagen area ${cpa} %). The cells settle under the run's own injury, collagen held: week ${weeks} of ${of}.`,
  loading: "Loading…",

  dayLabel: (day: string, species: string) => `Day ${day} · ${SPECIES_NAMES[species] ?? species}`,
  summary: (day: string, cpa: string, mscs: string, state: string) =>
    `${state}. Day ${day}. Collagen area ${cpa} %. MSCs present: ${mscs}.`,
  summarySplit: (day: string, cpaUntreated: string, cpaTreated: string, mscs: string, state: string) =>
    `${state}. Day ${day}. Collagen area untreated ${cpaUntreated} %, treated ${cpaTreated} %. MSCs present in the treated pane: ${mscs}.`,
  /** The MSC read-out: real cells (a fraction of one is normal) and the simulated agents drawn. */
  mscs: {
    value: (real: string, approximate: boolean) => `${approximate ? "≈ " : ""}${real}`,
    note: (real: string, drawn: number) =>
      ` real MSC${real === "1" ? "" : "s"} (drawn as ${drawn} dot${drawn === 1 ? "" : "s"})`,
  },
  readouts: {
    day: "Day",
    cpa: "Collagen area",
    mass: "Hepatocyte mass",
    inflammation: "Inflammation",
    mscs: "MSCs present",
  },

  charts: {
    cpa: "Collagen area (CPA)",
    mass: "Functional hepatocyte mass",
    proliferation: "Hepatocytes in the cell cycle",
    inflammation: "Inflammation (M1 Kupffer cells)",
    hsc: "Activated stellate cells",
    msc: "MSCs in the section",
    growth: "Growth signals (mean)",
    inflammatory: "Inflammatory and fibrotic signals (mean)",
    oxygen: "Oxygen (mean)",
    meld: "MELD score (proxy)",
    hvpg: "Portal pressure, HVPG (proxy)",
    stiffness: "Liver stiffness (proxy)",
    albumin: "Serum albumin (proxy)",
  },
  chartDay: "Day",
  chartSeries: {
    cpa_percent: "CPA",
    hepatocyte_mass_percent: "Hepatocyte mass",
    proliferation_index: "In cycle",
    inflammation_index: "M1 Kupffer",
    activated_hsc_fraction: "Activated HSC",
    msc_count: "MSCs",
    meld_score: "MELD",
    hvpg_mmhg: "HVPG",
    liver_stiffness_kpa: "Stiffness",
    albumin_g_per_l: "Albumin",
  },

  errorTitle: "Something went wrong",
  dismiss: "Dismiss",
  workerFailed: (msg: string, day: string) =>
    `The simulation stopped unexpectedly (${msg}). It was restarted from day ${day}; press Play to continue. If this happens again, press "Reset all" or reload the page.`,
  workerFailedFresh: (msg: string) =>
    `The simulation stopped unexpectedly (${msg}). It was restarted from the beginning; press Play to continue. If this happens again, reload the page.`,
  workerFailedSplit: (msg: string) =>
    `The simulation stopped unexpectedly (${msg}). Both panes were restarted together from day 0; press Play to continue. If this happens again, reload the page.`,
  workerDead: (msg: string) =>
    `The simulation could not be restarted (${msg}). Reload the page; if it keeps failing, try a smaller section size.`,
  pixiFailed: (msg: string) =>
    `The tissue picture cannot be drawn in this browser (${msg}). Charts and numbers still work.`,
  urlWarning: (name: string, value: string, allowed: string) =>
    `Link option "${name}=${value}" was ignored (allowed: ${allowed}); using the default.`,
  inputRefused: (path: string, value: string, allowed: string) =>
    `${path}: ${value} is not allowed (allowed: ${allowed}). Nothing was changed.`,
  notANumber: "a number",

  seekingTo: (day: string) => `Going to day ${day}…`,

  views: {
    label: "View",
    single: "One run",
    split: "Untreated vs treated",
    singleHint: "Show one run of the current scenario",
    splitHint:
      "Show the current scenario beside its untreated twin: same seed, same starting tissue, stepping together",
  },
  lanes: { single: "", untreated: "Untreated", treated: "Treated (MSC)", difference: "Treated − untreated" } as Record<
    string,
    string
  >,
  laneReadouts: (lane: string) => `Read-outs, ${lane}`,
  knockouts: "MSC mechanisms in the treated pane (switch one off to see its share)",
  differenceChart: "Treated − untreated",
  differenceUnit: "percentage points",
  referenceCaption: "Published data",
  chartSeriesLane: (series: string, lane: string) => `${series} (${lane})`,

  lesson: {
    open: "Lesson",
    heading: (title: string) => `Lesson: ${title}`,
    next: "Next",
    previous: "Back",
    close: "Close lesson",
    stepOf: (i: number, n: number) => `Step ${i} of ${n}`,
    fromDay: (day: number) => (day > 0 ? ` · from day ${day}` : ""),
    runAt: (from: number, now: number) =>
      ` · ${from > 0 ? `from day ${from}` : "from the start"}; the run is at day ${now}`,
    source: "Source",
    showOverlay: (field: string) => `Show ${field}`,
    pick: "Lessons",
    none: "There is no lesson for this scenario yet. Choose one:",
    splitHint: "This lesson is written for the untreated-vs-treated view.",
    openSplit: "Open it there",
    trial: {
      patients: "Virtual patients per arm",
      run: "Run the replica",
      status: {
        running: (n: number) => `Running ${n} patients per arm in the Experiment panel…`,
        done: (n: number) => `Done: ${n} patients per arm. Close the Experiment panel to read the result here.`,
        failed: (n: number) => `The run with ${n} patients per arm did not finish (cancelled or failed).`,
      },
      toRun: "Go to the run step",
      noResult: "The plot appears here once the replica has run.",
      figureAlt:
        "Forest plot: for each endpoint, the model's mean with its 95 % confidence interval above the published one",
      figureCaption: (n: number) =>
        `Model (${n} virtual patients per arm, 64²) beside the published result: each bar a 95 % confidence interval.`,
    },
  },

  exportsTitle: "Share and export",
  exports: {
    png: "Picture (PNG)",
    pngHint: "The whole section with the legend, the day and a scale bar",
    csv: "Chart data (CSV)",
    csvHint: "The charted daily read-outs, one column per series",
    json: "Scenario (JSON)",
    jsonHint: "The full scenario: run it with npx hepatosim run FILE",
    record: "Record video (WebM)",
    stop: "Stop and save video",
    recordHint: "Records the view while the run plays; press again to stop and save",
    recording: "Recording… play the run, then press Stop.",
    noRecorder: "This browser cannot record video (no MediaRecorder for WebM). Use the PNG picture instead.",
    saved: (name: string) => `Saved ${name}.`,
    legendTitle: "What the colours mean",
    scenarioLine: (title: string, seed: number, size: number) => `${title} · seed ${seed} · ${size} × ${size} sites`,
  },

  share: {
    label: "Link to this scenario",
    hint: "Opening this link reproduces the same run: same scenario, seed and settings.",
    atDay: (day: number) => `Open the link at day ${day}`,
    midRun:
      "Settings were changed while this run was under way. The link starts a run with the current settings from day 0, so from the change on its numbers can differ from this page.",
    copy: "Copy link",
    copied: "Link copied.",
    copyFailed: "Select the link and copy it with Ctrl+C.",
    tooLong: (n: number) =>
      `The scenario in this link is too long (more than ${n} characters); using the default scenario.`,
    notBase64:
      "The scenario in this link (s=…) could not be read: it is not valid base64url text. Using the default scenario.",
    notJson:
      "The scenario in this link (s=…) is not a valid scenario document (JSON object). Using the default scenario.",
    textDropped: (field: string, value: string) =>
      `The link's ${field} "${value}" was ignored: links may carry only plain text.`,
    refused: (path: string, value: string, allowed: string) =>
      `The scenario in this link was refused: ${path} = ${value} is not allowed (allowed: ${allowed}). Using the default scenario.`,
    presetIgnored: 'The link option "preset" was ignored because the link carries a whole scenario (s=).',
  },

  experiment: {
    open: "Experiment…",
    openHint:
      "Run a sweep (many seeded runs over a parameter), a virtual clinical trial, or a fit of parameters to published data on Web Workers in this page, plot the results and download the same files as the command line",
    running: (done: number, total: number) => `Experiment… (${done}/${total})`,
    title: "Experiment: a sweep, a trial or a fit in the page",
    intro: (workers: number) =>
      `Runs a sweep (every combination of the values below with every seed) or a virtual trial (every patient in every arm) ${workers === 1 ? "on one Web Worker" : `on up to ${workers} Web Workers`}, and gives the same tables as npx hepatosim sweep or cohort with the same file.`,
    close: "Close",
    mode: "What to run",
    modeForm: "Simple sweep",
    modeFile: "Sweep or trial file (JSON)",
    modeTrial: "Clinical trial",
    preset: "Scenario",
    parameter: "Parameter to vary",
    values: "Values",
    valuesHint: "Separated by commas, e.g. 1e5, 1e6, 1e7 or intravenous, portal-vein",
    arms: "Compare arms by (optional)",
    armsNone: "(no arms)",
    armValues: "Arm values",
    seeds: "Seeds",
    seedsHint: "Every value runs with every seed: 1..5, or 1, 2, 7",
    days: "Days per run",
    size: "Section size",
    sizeOption: (n: number) => `${n} × ${n} sites`,
    fieldsGroup: "Scenario fields",
    fields: {
      dose: "MSC dose, first infusion (therapy.infusions.0.dose_cells_per_kg)",
      route: "MSC route, first infusion (therapy.infusions.0.route)",
      source: "MSC source, first infusion (therapy.infusions.0.source)",
      infusionDay: "Infusion day, first infusion (therapy.infusions.0.day)",
      stage: "Fibrosis stage at day 0 (disease.stage)",
      hepatectomy: "Hepatocytes removed at day 0 (disease.hepatectomy_fraction)",
      injury: "Injury intensity during the run (disease.injury.intensity)",
    },
    file: "Sweep or trial file",
    fileHint:
      'The format of npx hepatosim sweep ("kind": "sweep") or cohort ("kind": "trial"), docs/research.md. Its scenario must be a preset name or a scenario object written into the file.',
    trial: {
      choose: "Published trial",
      loading: "Loading the trial files…",
      loadFailed: (why: string) => `The trial files could not be loaded: ${why}`,
      option: (title: string, weeks: number) => `${title} (${weeks} weeks)`,
      scaled: (patients: number, size: string, fromPatients: number, fromSize: string) =>
        `Scaled down from the file: ${fromPatients} patients, ${fromSize} → ${patients} patients, ${size} here, so that a class can run it. npx hepatosim cohort runs the file as it is.`,
      asFile: (patients: number, size: string, maxPatients: number, maxSize: string) =>
        `As in the file: ${patients} patients, ${size} (the page runs at most ${maxPatients} patients at ${maxSize}).`,
      explain:
        "Every virtual patient is run in every arm: twins that differ only in treatment. The forest plot shows, for each outcome, the mean difference treated − control on the same patients with its 95 % interval: a bar that crosses zero means no clear effect. The replica plot sets each endpoint the trial published beside the same endpoint measured on the virtual patients; where the intervals overlap the verdict is consistent. MELD, albumin and the other clinical figures are the model's proxies computed from the simulated tissue (docs/outputs.md), not clinical predictions.",
      edit: "Edit as a trial file",
      editHint: "Copy this scaled-down trial into the file box to change it",
      citation: (citation: string) => `Published: ${citation}`,
    },
    load: "Load a file",
    formTitle: (names: string[]) => `Sweep over ${names.join(" × ")}`,
    scenarioAllowed:
      "a preset name or a scenario object written into the sweep file (the page cannot open other files)",
    tooManyRuns: (max: number) =>
      `at most ${max} runs in the page; run larger studies with npx hepatosim sweep or cohort`,
    tooManyRows: (max: number) =>
      `at most ${max} daily rows in the page (fewer runs or shorter ones); run larger studies with npx hepatosim sweep or cohort`,
    planLine: (runs: number, points: number, seeds: number, size: number, days: number) =>
      `${runs} run${runs === 1 ? "" : "s"}: ${points} point${points === 1 ? "" : "s"} × ${seeds} seed${seeds === 1 ? "" : "s"}, ${size} × ${size} sites, ${days} days each.`,
    problems: "This sweep cannot run:",
    trialProblems: "This trial cannot run:",
    trialLine: (runs: number, patients: number, arms: number, size: number, weeks: number) =>
      `${runs} run${runs === 1 ? "" : "s"}: ${patients} patient${patients === 1 ? "" : "s"} × ${arms} arms, ${size} × ${size} sites, ${weeks} week${weeks === 1 ? "" : "s"} (${7 * weeks} days) each.`,
    workers: "Workers",
    workersHint: (cores: number) =>
      `Simulations run in parallel, one per worker (this computer reports ${cores} cores). Results do not depend on the number.`,
    run: "Run sweep",
    runTrial: "Run trial",
    cancel: "Cancel",
    progressLabel: "Runs done",
    progress: (done: number, total: number, failed: number, elapsed: string, left: string) =>
      `${done} of ${total} runs done${failed ? ` (${failed} failed)` : ""} · ${elapsed}${left ? ` · about ${left} left` : ""}`,
    workerLine: (worker: number, run: string, what: string) => `Worker ${worker}: ${run}, ${what}`,
    workerDay: (day: string, days: string) => `day ${day} of ${days}`,
    workerGenerating: (weeks: string) => `generating tissue (week ${weeks} of chronic injury)`,
    seconds: (s: number) => (s < 60 ? `${Math.round(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`),
    done: (runs: number, failed: number, time: string) =>
      `Done: ${runs} run${runs === 1 ? "" : "s"} in ${time}${failed ? `; ${failed} failed (status "error" in summary.csv)` : ""}.`,
    cancelled: (done: number, total: number) =>
      `Cancelled after ${done} of ${total} runs. Tables are made only from a complete sweep; run it again to get them.`,
    failed: (message: string) => `The experiment stopped: ${message}`,
    results: "Results",
    output: "End point to plot",
    plotTitle: (output: string, x: string) => `${output} at the last day vs ${x}`,
    plotDesc: (output: string, x: string, arms: number, points: number) =>
      `${output} at the last day of each run against ${x}: ${points} points in ${arms} arm${arms === 1 ? "" : "s"}; large dots are means over seeds with ± 1 SD whiskers, small dots single seeds.`,
    plotEmpty: "No run finished with a number to plot.",
    plotNote: "Large dots: mean over seeds, whiskers ± 1 SD; small dots: each seed.",
    logScale: " (log scale)",
    allRuns: "all runs",
    numbers: "The plotted numbers",
    numbersHead: { arm: "Arm", x: "Value", n: "Runs", mean: "Mean", sd: "SD" },
    downloads: "Download",
    downloadHint: (name: string) => `Save ${name} (the same file as npx hepatosim sweep writes)`,
    sweepFile: "sweep.json",
    sweepFileHint: "The sweep file that ran: npx hepatosim sweep sweep.json makes the same tables",
    plotFile: "plot.svg",
    plotFileHint: "The plot as an SVG picture",
    saved: (name: string) => `Saved ${name}.`,
    trialResults: {
      forest: "Treatment effects (forest.svg)",
      forestAlt: (title: string) =>
        `Forest plot of ${title}: mean difference treated − control per outcome with 95 % intervals; the numbers are in effects.csv and in the table below.`,
      replica: "Model vs published (replica.svg)",
      replicaAlt: (title: string) =>
        `Replica plot of ${title}: each published endpoint beside the model's, with both intervals; the numbers and verdicts are in replica.csv and in the table below.`,
      numbers: "The numbers (effects.csv, replica.csv)",
      note: "Model proxies, not clinical predictions. A published replica runs at full size with npx hepatosim cohort public/trials/FILE (docs/research.md, section 4).",
    },
    modeFit: "Fit to data",
    runFit: "Run fit",
    fit: {
      explain:
        "Fitting a model means finding the parameter values for which it reproduces measured data. The page tries values from the parameter's allowed range, runs the model with each, and keeps the ones whose results land near the data points (in units of the data's own spread); each generation asks them to come nearer. The histogram shows the values kept: if it narrows to a peak, the data pin the parameter down; if it stays flat, these data cannot tell its value.",
      datasets: "Data to fit (reference library)",
      datasetsHint:
        "Published measurements whose experiment the model can re-run; each run simulates the dataset's protocol up to its last day.",
      datasetLabel: (title: string, species: string, days: number, points: number, role: string) =>
        `${title} (${species}, ${days} day${days === 1 ? "" : "s"}, ${points} point${points === 1 ? "" : "s"}${role === "validation" ? "; validation data" : ""})`,
      params: "Parameters to fit (1 to 3)",
      paramsHint:
        "Each is searched over its registry range (the prior; log scale for rates that span decades). Ctrl-click or Shift-click to choose more than one.",
      parameterLabel: (label: string, lo: string, hi: string, log: boolean) =>
        `${label}: ${lo} … ${hi}${log ? " (log)" : ""}`,
      particles: "Particles per generation",
      particlesHint: "How many accepted values make one generation's histogram.",
      budget: "Budget (runs)",
      budgetHint: "The fit stops when this many simulations have run.",
      seed: "Seed",
      size: "Section size",
      loading: "Loading the reference library…",
      loadFailed: (why: string) => `The reference library could not be loaded: ${why}`,
      fields: {
        data: "datasets",
        params: "parameters",
        particles: "particles",
        budget: "budget",
        seed: "seed",
        size: "section size",
      },
      allowedData: "at least one dataset",
      chosen: (n: number) => `${n} chosen`,
      allowedParams: (max: number) => `1 to ${max} parameters (fit more on the command line)`,
      allowedBudget: (min: number, max: number) =>
        `a whole number of runs from ${min} to ${max} in the page (more with npx hepatosim calibrate)`,
      allowedParticles: (min: number, max: number) => `a whole number from ${min} to ${max}`,
      problems: "This fit cannot run:",
      planLine: (runs: number, particles: number, params: number, datasets: number, size: number, days: number) =>
        `Up to ${runs} runs: ${particles} particles per generation, ${params} parameter${params === 1 ? "" : "s"}, ${datasets} dataset${datasets === 1 ? "" : "s"}, ${size} × ${size} sites, up to ${days} days each.`,
      command: (cmd: string) => `The same fit on the command line: ${cmd}`,
      generation: (g: number, eps: string, accepted: number, particles: number, runs: number, budget: number) =>
        `Generation ${g}: tolerance ${eps} SD · ${accepted} of ${particles} accepted · ${runs} of ${budget} runs`,
      finished: (generations: number, runs: number, time: string, why: string) =>
        `Done: ${generations} generation${generations === 1 ? "" : "s"}, ${runs} runs in ${time} (${why}).`,
      stopReasons: {
        budget: "the budget was spent",
        generations: "the generations were done",
        tolerance: "the tolerance was reached",
        acceptance: "almost no runs came closer to the data",
      } as Record<string, string>,
      cancelled: (generations: number) =>
        generations > 0
          ? `Cancelled. The ${generations} finished generation${generations === 1 ? "" : "s"} are kept below.`
          : "Cancelled before the first generation finished: nothing to show.",
      nothing:
        "The budget ended before the first generation had all its particles: give a larger budget or fewer particles.",
      posterior: (g: number) => `Posterior after generation ${g} (pairs.svg)`,
      posteriorAlt: (names: string) =>
        `Histogram of the accepted values of ${names} on the prior's range; the numbers are in posterior.csv and in the lines below.`,
      band: "Model vs data (fit.svg)",
      bandAlt:
        "The data points with ± 1 SD, and the 90 % band and median of the model value over the accepted particles; the numbers are in fit.csv.",
      summaryLine: (
        name: string,
        median: string,
        lo: string,
        hi: string,
        plo: string,
        phi: string,
        narrowing: string,
      ) =>
        `${name}: median ${median}, 90 % of the accepted values in ${lo} … ${hi} (prior ${plo} … ${phi}: ${narrowing}× narrower)`,
      downloadHint: (name: string) => `Save ${name} (the same file as npx hepatosim calibrate writes)`,
    },
    trialFile: "trial.json",
    trialFileHint: "The trial file that ran: npx hepatosim cohort trial.json makes the same tables",
    downloadTrialHint: (name: string) => `Save ${name} (the same file as npx hepatosim cohort writes)`,
  },

  shortcutTable: [
    { keys: "Space", action: "Play / pause" },
    { keys: ".", action: "Step one day (while paused)" },
    { keys: "+ / −", action: "Zoom in / out" },
    { keys: "0", action: "Fit the tissue to the view" },
    { keys: "L", action: "Open or close the lesson" },
    { keys: "F / Escape", action: "Follow the cell at the centre of the tissue / stop following" },
    { keys: "← / →", action: "Move a focused slider (Shift: fine steps)" },
    { keys: "Page Up / Page Down", action: "Move a focused slider in large steps" },
    { keys: "Home / End", action: "Move a focused slider to its ends" },
    { keys: "?", action: "Show this list" },
    { keys: "Escape", action: "Close this list" },
  ],
} as const;

/** *Follow a cell* (cell-story.ts composes these; the rules are docs/model.md's section names). */
export const FOLLOW_TEXT = {
  title: "Following a cell",
  hint: "Click a cell in the tissue (or focus the tissue and press F for the cell at its centre) to follow it.",
  stop: "Stop following",
  stopHint: "Stop following this cell (Escape)",
  lost: "The followed cell is gone: another cell has taken its site.",
  whatItDid: "Since the last look",
  nothingYet: "Nothing yet.",
  why: "Rule",
  hepatocyte: ["hepatocyte", "dividing hepatocyte", "senescent hepatocyte"],
  stellate: ["quiescent stellate cell", "activated stellate cell"],
  kupffer: ["resting Kupffer cell (M0)", "inflammatory Kupffer cell (M1)", "restorative Kupffer cell (M2)"],
  msc: ["homing MSC", "engrafted MSC"],
  empty: "empty site",
  diedHere: "this cell died here",
  rules: {
    dead: "Death empties the site (docs/model.md: Hepatocytes, Death; Stellate cells; The MSC agent).",
    hepatocyteCycling:
      "Hepatocytes, Cycle entry and Division: HGF and EGF drove it into the cycle; it divides into a free neighbour.",
    hepatocyteSenescent:
      "Hepatocytes: senescent cells never divide, count half in the functional mass and secrete TNF.",
    hepatocyteDamaged: "Hepatocytes, Damage and repair: TNF, low oxygen and the injury damage it; HGF speeds repair.",
    hepatocyte: "Hepatocytes, Cycle entry: with a free neighbour, HGF and EGF may push it into the cycle.",
    stellateActivated:
      "Stellate cells, Reversion and apoptosis: HGF, IL-10 and MSC contact turn it back or make it die; meanwhile it lays collagen.",
    stellateQuiescent: "Stellate cells, Activation: TGF-β and damage signals (DAMPs) can switch it on.",
    kupfferM1: "Kupffer cells: damage signals keep it M1 (TNF, TGF-β); IL-10 and MSCs turn it M2.",
    kupfferM2: "Kupffer cells: M2 secretes IL-10 and the MMPs that degrade collagen.",
    kupfferM0: "Kupffer cells: damage signals turn a resting cell M1, IL-10 turns it M2.",
    mscEngrafted: "MSC therapy, The MSC agent: engrafted; it secretes HGF, EGF, VEGF and IL-10 until it is lost.",
    mscHoming: "MSC therapy, The MSC agent: homing up the damage signal (SDF-1-like) before it engrafts.",
  },
  events: {
    died: "died",
    became: (kind: string) => `became a ${kind}`,
    activated: "activated",
    quiesced: "returned to quiescence",
    turned: (m: string) => `turned ${m}`,
    enteredCycle: "entered the cell cycle",
    senescent: "became senescent",
    engrafted: "engrafted",
    divided: (n: number) => (n === 1 ? "divided (a daughter beside it)" : `divided (${n} daughters beside it)`),
    leftCycle: "left the cycle without dividing",
    newNeighbours: (n: number) =>
      n === 1
        ? "a new cell of its kind appeared beside it (its daughter, or a neighbour's)"
        : `${n} new cells of its kind appeared beside it`,
    moved: (sites: number) => `moved ${sites} site${sites === 1 ? "" : "s"}`,
    damaged: "was damaged",
    repaired: "repaired damage",
  },
  where: (x: number, y: number, mmX: string, mmY: string, inSinusoid: boolean) =>
    `At site (${x}, ${y}), ${mmX} mm across and ${mmY} mm down${inSinusoid ? ", in a sinusoid" : ""}.`,
  fromDay0: "Present since day 0 (older than the run).",
  arrived: (days: string, infusion: string) => `Arrived ${days} days ago${infusion}.`,
  infusion: (n: number, source: string, route: string, day: number) =>
    ` with infusion ${n}: ${source} MSCs by ${route}, given on day ${day}`,
  amplified: (perReal: string) =>
    `MSCs are drawn enlarged in number: each drawn MSC stands for about 1/${perReal} of a real one.`,
  born: (days: string, here: boolean) => `Born ${days} days ago ${here ? "here" : "nearby and moved here"}.`,
  damage: (pct: number) => `Damage ${pct} %.`,
  collagen: (pct: number) => `Collagen at its site ${pct} %.`,
  senses: (hgf: string, tnf: string, tgfb: string, il10: string, o2: string) =>
    `Senses HGF ${hgf}, TNF ${tnf}, TGF-β ${tgfb}, IL-10 ${il10}, O₂ ${o2} (model units).`,
} as const;

/** Short acronyms that should stay upper-case in labels derived from parameter keys. */
export const ACRONYMS: Record<string, string> = {
  hgf: "HGF",
  egf: "EGF",
  vegf: "VEGF",
  tnf: "TNF",
  il10: "IL-10",
  tgfb: "TGF-β",
  msc: "MSC",
  hsc: "HSC",
  mmp: "MMP",
  iv: "IV",
  m1: "M1",
  m2: "M2",
  m0: "M0",
  dt: "time step",
};
