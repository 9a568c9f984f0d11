/**
 * The stage store. In memory (`memoryStages`): generated disease tissue of this process, keyed by
 * everything that shapes it, a small LRU. In a browser, across page loads: generated day-0 runs in IndexedDB, so reopening the page at a
 * cirrhotic stage restores it in a moment instead of generating it again (tens of seconds at 256²).
 * Entries are keyed by model build and scenario (`stageStoreKey`); entries of other builds are
 * deleted on open, and only the most recently used few are kept.
 */
import { cloneTissue } from "../model/lattice/state";
import { settlesUnderRunInjury } from "../model/disease/injury";
import type { Scenario } from "../model/params/scenario-schema";
import { SCAR_AGE } from "../model/params/species-clock";
import {
  createSimulation,
  type CreateOptions,
  type GeneratedStage,
  type Simulation,
  type StageCache,
} from "../model/simulation";
import type { StageStore } from "./api";

const MEMORY_ENTRIES = 6;
const MEMORY_MAX_SITES = 512 * 512;
const memory = new Map<string, GeneratedStage>();

/**
 * Everything that shapes a generated stage (not the therapy; the run's injury only as the stage
 * settles under it; the species as it settles or ages the scar): scenarios with equal keys share one
 * stage (memory and prebuilt files).
 */
export function stageKey(s: Scenario): string {
  const d = s.disease;
  const settling = settlesUnderRunInjury(s);
  return JSON.stringify([
    s.seed,
    s.lattice,
    d.stage,
    d.cirrhosis_grade,
    d.target_cpa_percent,
    d.generation_injury,
    // Settling runs on the species' clock; the generation before it on the reference clock.
    settling ? [d.injury.type, d.injury.intensity] : null,
    settling || SCAR_AGE[s.species] !== null ? s.species : null,
    stageParameters(s.parameters),
  ]);
}

/**
 * The parameters that can shape a stage: all but the MSCs' own (`msc.*`), since no MSC is in the
 * tissue before day 0 (infusions start on day 0 or later); test/sim/stage-store.test.ts checks that
 * changing them leaves a generated stage as it was.
 */
function stageParameters(p: Scenario["parameters"]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith("msc.")));
}

/** The memory tier: stages generated in this process, kept as copies. */
export const memoryStages: StageCache = {
  get(s) {
    const key = stageKey(s);
    const hit = memory.get(key);
    if (hit) {
      // Most recently used last.
      memory.delete(key);
      memory.set(key, hit);
    }
    return hit;
  },
  put(s, stage) {
    // Healthy tissue is not worth its memory: it is made in well under a second.
    if (stage.tissue.size > MEMORY_MAX_SITES || stage.generationSteps === 0) return;
    memory.set(stageKey(s), { ...stage, tissue: cloneTissue(stage.tissue) });
    while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
  },
};

/** Forgets the stages kept in memory (tests that must see a stage generated). */
export function clearMemoryStages(): void {
  memory.clear();
}

/** createSimulation with the memory tier: a stage is generated once per process and scenario. */
export function createCachedSimulation(s: Scenario, options: CreateOptions = {}): Simulation {
  return createSimulation(s, { stages: memoryStages, ...options });
}

const DB_NAME = "hepatosim";
const STORE = "stages";
/** Entries kept (a 256² day-0 snapshot is ≈ 4 MB). */
const MAX_ENTRIES = 8;

interface Entry {
  key: string;
  bytes: Uint8Array;
  used: number;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

async function open(modelVersion: string): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const store = request.result.createObjectStore(STORE, { keyPath: "key" });
    store.createIndex("used", "used");
  };
  const db = await done(request);
  // Entries made by another model build can never be used again.
  const tx = db.transaction(STORE, "readwrite");
  const cursor = tx.objectStore(STORE).openKeyCursor();
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (!c) return;
    if (!String(c.primaryKey).startsWith(`${modelVersion}\n`)) tx.objectStore(STORE).delete(c.primaryKey);
    c.continue();
  };
  await finished(tx);
  return db;
}

/** An IndexedDB stage store for `modelVersion`, or undefined where IndexedDB is missing. */
export function indexedDbStageStore(modelVersion: string): StageStore | undefined {
  if (typeof indexedDB === "undefined") return undefined;
  let db: Promise<IDBDatabase> | null = null;
  const database = () => {
    db ??= open(modelVersion);
    // A failed open is retried next time rather than remembered.
    db.catch(() => {
      db = null;
    });
    return db;
  };
  return {
    async get(key) {
      const tx = (await database()).transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      const entry = (await done(store.get(key))) as Entry | undefined;
      if (entry) store.put({ ...entry, used: Date.now() });
      await finished(tx);
      return entry?.bytes;
    },
    async put(key, bytes) {
      const tx = (await database()).transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      store.put({ key, bytes, used: Date.now() } satisfies Entry);
      const count = await done(store.count());
      if (count > MAX_ENTRIES) {
        // Oldest first, by last use.
        let excess = count - MAX_ENTRIES;
        const cursor = store.index("used").openKeyCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c || excess <= 0) return;
          if (c.primaryKey !== key) {
            store.delete(c.primaryKey);
            excess--;
          }
          c.continue();
        };
      }
      await finished(tx);
    },
    async delete(key) {
      const tx = (await database()).transaction(STORE, "readwrite");
      tx.objectStore(STORE).delete(key);
      await finished(tx);
    },
  };
}
