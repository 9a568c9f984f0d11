/**
 * The reference-data library (public/reference, docs/validation.md) on the page: fetched once, checked
 * by the same schema as the command line, and turned into chart reference points for the scenarios
 * whose preset is a dataset's protocol. A file that fails to load or parse is left out with a console
 * note; the charts never wait for the library.
 */
import type { ReadoutKey } from "../model/metrics/readouts";
import { type Dataset, dataSd, parseDataset, unrunnable } from "../study/reference/dataset";
import type { Scenario } from "../model/params/scenario-schema";
import type { ReferenceSet } from "./reference-data";

let loaded: ReferenceSet[] = [];

/** Which runs an arm's points belong beside: treated arms beside runs with infusions, control arms beside runs without. */
const ARM_RUNS: Record<"control" | "treated", (s: Scenario) => boolean> = {
  treated: (s) => s.therapy.infusions.length > 0,
  control: (s) => s.therapy.infusions.length === 0,
};

/** Reference sets of the library's datasets that can be drawn: absolute values of a read-out the model has, one set per compared arm. */
export function librarySets(datasets: readonly Dataset[]): ReferenceSet[] {
  return datasets
    .filter((d) => !unrunnable(d) && d.normalisation === "absolute")
    .flatMap((d): ReferenceSet[] => {
      const c = d.citation;
      const points = d.points.filter(
        (p) =>
          p.mean !== null &&
          p.arm !== "uninjured" &&
          (d.protocol.compare_group === undefined || p.group === undefined || p.group === d.protocol.compare_group),
      );
      const source = `${d.title} (${c.authors.split(",")[0]} ${c.year ?? ""}${c.journal ? `, ${c.journal}` : ""}; ${d.role} data)`;
      // The same protocol in the same species: human donors' volumes are no reference for a rat's liver.
      const sameProtocol = (s: Scenario) => s.preset === d.protocol.preset && s.species === d.species;
      const label = `${c.authors.split(" ")[0]} ${c.year ?? ""}`;
      const set = (id: string, pts: typeof points, when: (s: Scenario) => boolean, suffix = ""): ReferenceSet => ({
        id,
        source: source + suffix,
        when,
        items: pts.map((p) => ({
          kind: "point" as const,
          readout: d.readout as ReadoutKey,
          day: p.day,
          value: p.mean!,
          sd: dataSd(p) ?? undefined,
          label: label + suffix,
        })),
      });
      // Data comparing treated and untreated animals: each arm beside the runs of its kind only.
      if (points.some((p) => p.arm === "control") && points.some((p) => p.arm === "treated"))
        return (["control", "treated"] as const).map((arm) =>
          set(
            `${d.id}:${arm}`,
            points.filter((p) => p.arm === arm),
            (s) => sameProtocol(s) && ARM_RUNS[arm](s),
            arm === "control" ? ", untreated" : ", treated",
          ),
        );
      return [set(d.id, points, sameProtocol)];
    })
    .filter((set) => set.items.length > 0);
}

/** The library's sets loaded so far (none until `loadReferenceLibrary` resolves). */
export const loadedLibrarySets = (): readonly ReferenceSet[] => loaded;

let datasetsLoading: Promise<Dataset[]> | null = null;

/**
 * The library's datasets beside the page (reference/index.json, then each dataset), fetched once and
 * shared by the charts and the Experiment panel's *Fit to data*. Throws when the index cannot be read.
 */
export function loadLibraryDatasets(base = "reference/"): Promise<Dataset[]> {
  datasetsLoading ??= (async () => {
    const index = (await (await fetch(`${base}index.json`)).json()) as { datasets?: unknown };
    const ids = Array.isArray(index.datasets) ? index.datasets.filter((x): x is string => typeof x === "string") : [];
    const datasets: Dataset[] = [];
    for (const id of ids) {
      try {
        datasets.push(parseDataset(await (await fetch(`${base}${encodeURIComponent(id)}.json`)).json(), `${id}.json`));
      } catch (e) {
        console.warn(`reference dataset ${id} left out:`, e instanceof Error ? e.message : e);
      }
    }
    return datasets;
  })();
  datasetsLoading.catch(() => {
    datasetsLoading = null;
  });
  return datasetsLoading;
}

/** Fetches the library beside the page and keeps its chart reference sets. */
export async function loadReferenceLibrary(base = "reference/"): Promise<readonly ReferenceSet[]> {
  try {
    loaded = librarySets(await loadLibraryDatasets(base));
  } catch (e) {
    console.warn("reference library not loaded:", e instanceof Error ? e.message : e);
  }
  return loaded;
}
