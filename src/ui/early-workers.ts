/**
 * The simulation workers, started as the page's script begins to run (main.ts imports this module
 * first): each worker fetches and compiles its own code and the model on its own thread while the
 * page builds its controls and starts the renderer, so the first picture comes sooner. One worker
 * per pane of the view the address asks for; a SimClient takes one (`takeEarlyWorker`) or starts its own.
 */
const started: Worker[] = [];

// The page's script has been fetched and compiled: its first module runs (page-speed marks, main.ts).
if (typeof performance !== "undefined") performance.mark("hepatosim:script");

export function startSimWorker(): Worker {
  return new Worker(new URL("../../workers/sim.worker.ts", import.meta.url), { type: "module", name: "hepatosim-sim" });
}

/** A worker started early, or undefined when none is left. */
export function takeEarlyWorker(): Worker | undefined {
  return started.shift();
}

if (typeof Worker !== "undefined" && typeof location !== "undefined") {
  const panes = new URLSearchParams(location.search).get("view") === "split" ? 2 : 1;
  for (let i = 0; i < panes; i++) started.push(startSimWorker());
}
