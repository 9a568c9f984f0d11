/**
 * fast-check generators of invalid scenario documents: a valid document with exactly one thing made
 * wrong (a number out of range or not finite, a wrong type, an unknown key, a bad enum, an over-long
 * text, a cross-field rule broken), paired with the field path the refusal must name.
 */
import fc from "fast-check";
import { PRESET_NAMES } from "../../src/model/params/presets";
import { PARAMETERS } from "../../src/model/params/registry";
import {
  CIRRHOSIS_GRADES,
  INJURY_TYPES,
  infusionSchema,
  LATTICE_MAX,
  LATTICE_MIN,
  MAX_DAYS,
  MECHANISMS,
  MSC_ROUTES,
  MSC_SOURCES,
  type ScenarioInput,
  SPECIES,
  STAGES,
  scenarioInputSchema,
  scenarioSchema,
} from "../../src/model/params/scenario-schema";
import { formatPath } from "../../src/model/params/validation";
import { DT_CHOICES, validScenarioArb } from "./arbitraries";

type Path = (string | number)[];
type Doc = Record<string, unknown>;

export interface BadInput {
  /** What was made wrong, for the failure report. */
  what: string;
  doc: Doc;
  /** The field path (as error messages write it) the refusal must name. */
  path: string;
}

const A_VALID_INFUSION = { day: 0, source: "bone-marrow", route: "intravenous", dose_cells_per_kg: 1e6 };

/** A value as text for a report, whatever it is (an object may carry its own `toString` key). */
function shown(v: unknown): string {
  if (typeof v === "number") return String(v);
  try {
    return JSON.stringify(v) ?? typeof v;
  } catch {
    return typeof v;
  }
}

/** A deep copy of `doc` with `value` at `path`, creating objects on the way; own keys even for "__proto__". */
export function setAt(doc: Doc, path: Path, value: unknown): Doc {
  const out = structuredClone(doc) as Doc;
  if (path[0] === "therapy" && path[1] === "infusions" && path.length > 2) {
    const therapy = (out.therapy ??= {}) as Doc;
    const list = (therapy.infusions ??= []) as unknown[];
    if (list.length === 0) list.push({ ...A_VALID_INFUSION });
  }
  let cur = out as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (cur[key] === null || typeof cur[key] !== "object") cur[key] = {};
    cur = cur[key] as Record<string | number, unknown>;
  }
  Object.defineProperty(cur, path[path.length - 1]!, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

interface NumberLeaf {
  path: Path;
  min: number;
  max: number;
  integer: boolean;
  nullable: boolean;
}

const leaf = (path: Path, min: number, max: number, integer = false, nullable = false): NumberLeaf => ({
  path,
  min,
  max,
  integer,
  nullable,
});
const INFUSION: Path = ["therapy", "infusions", 0];

export const NUMBER_LEAVES: readonly NumberLeaf[] = [
  leaf(["seed"], 0, 4294967295, true),
  leaf(["days"], 1, MAX_DAYS, true),
  leaf(["lattice", "width"], LATTICE_MIN, LATTICE_MAX, true),
  leaf(["lattice", "height"], LATTICE_MIN, LATTICE_MAX, true),
  leaf(["disease", "target_cpa_percent"], 0, 60, false, true),
  leaf(["disease", "hepatectomy_fraction"], 0, 0.9),
  leaf(["disease", "injury", "intensity"], 0, 5),
  leaf(["disease", "injury", "start_day"], 0, MAX_DAYS),
  leaf(["disease", "injury", "end_day"], 0, MAX_DAYS),
  leaf(["therapy", "body_mass_kg"], 0.01, 300, false, true),
  leaf([...INFUSION, "day"], 0, MAX_DAYS),
  leaf([...INFUSION, "dose_cells_per_kg"], 0, 1e9),
  leaf([...INFUSION, "hgf_multiplier"], 0, 20),
  leaf([...INFUSION, "homing_multiplier"], 0, 20),
  ...PARAMETERS.map((p) => leaf(["parameters", p.key], p.min, p.max, p.integer === true)),
];

const ENUM_LEAVES: readonly [Path, readonly string[]][] = [
  [["disease", "stage"], STAGES],
  [["disease", "cirrhosis_grade"], CIRRHOSIS_GRADES],
  [
    ["disease", "generation_injury"],
    ["toxic", "biliary"],
  ],
  [["disease", "injury", "type"], INJURY_TYPES],
  [["species"], SPECIES],
  [[...INFUSION, "source"], MSC_SOURCES],
  [[...INFUSION, "route"], MSC_ROUTES],
];

/** Every object of the document and the keys it accepts (read from the schema, so they stay in step). */
const s = scenarioSchema.shape;
const CONTAINERS: readonly [Path, readonly string[]][] = [
  [[], Object.keys(scenarioInputSchema.shape)],
  [["lattice"], Object.keys(s.lattice.shape)],
  [["disease"], Object.keys(s.disease.shape)],
  [["disease", "injury"], Object.keys(s.disease.shape.injury.shape)],
  // `species` is the old spelling of the top-level species, still read.
  [["therapy"], [...Object.keys(s.therapy.shape), "species"]],
  [INFUSION, Object.keys(infusionSchema.shape)],
  [["mechanisms"], [...MECHANISMS]],
  [["parameters"], PARAMETERS.map((p) => p.key)],
];

/** Values of every other JSON type, for a field that wants a number (or a string, or a boolean). */
const notNumber = (nullable: boolean) =>
  fc.oneof(
    fc.string(),
    fc.constantFrom("5", "1e3", "", " ", "NaN"),
    fc.boolean(),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
    ...(nullable ? [] : [fc.constant(null)]),
  );
const notString = fc.oneof(
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const notBoolean = fc.oneof(
  fc.constantFrom("true", "false", 0, 1, null, "on"),
  fc.string(),
  fc.double(),
  fc.array(fc.boolean(), { maxLength: 2 }),
);

function badNumber(l: NumberLeaf): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    // The filters drop -0, which fast-check may draw "below 0" although -0 ≥ 0.
    fc.double({ max: l.min, maxExcluded: true, noNaN: true }).filter((x) => x < l.min),
    fc.double({ min: l.max, minExcluded: true, noNaN: true }).filter((x) => x > l.max),
    notNumber(l.nullable),
  ];
  if (l.integer) options.push(fc.double({ min: l.min, max: l.max, noNaN: true }).filter((x) => !Number.isInteger(x)));
  return fc.oneof(...options);
}

/** A misspelt key: one character dropped, doubled or changed. */
const typo = (key: string) =>
  fc
    .tuple(
      fc.nat({ max: key.length - 1 }),
      fc.constantFrom("drop", "double", "change"),
      fc.string({ minLength: 1, maxLength: 1 }),
    )
    .map(([i, how, c]) =>
      how === "drop"
        ? key.slice(0, i) + key.slice(i + 1)
        : how === "double"
          ? key.slice(0, i + 1) + key.slice(i)
          : key.slice(0, i) + c + key.slice(i + 1),
    );

const unknownKey = (allowed: readonly string[]) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 24 }),
      fc.constantFrom(...allowed).chain(typo),
      fc.constantFrom("__proto__", "constructor", "toString", "$ref"),
    )
    .filter((k) => k.length > 0 && !allowed.includes(k));

function mutation(base: Doc): fc.Arbitrary<BadInput> {
  const days = (base.days as number | undefined) ?? 1;
  const kinds: fc.Arbitrary<BadInput>[] = [
    fc.constantFrom(...NUMBER_LEAVES).chain((l) =>
      badNumber(l).map((v) => ({
        what: `number ${JSON.stringify(l.path)} = ${shown(v)}`,
        doc: setAt(base, l.path, v),
        path: formatPath(l.path),
      })),
    ),
    fc.constantFrom(...ENUM_LEAVES).chain(([path, allowed]) =>
      fc
        .oneof(
          fc.string().filter((x) => !allowed.includes(x)),
          fc.constantFrom(...allowed).map((x) => x.toUpperCase()),
          notString,
        )
        .filter((v) => !allowed.includes(v as string))
        .map((v) => ({
          what: `choice ${JSON.stringify(path)} = ${shown(v)}`,
          doc: setAt(base, path, v),
          path: formatPath(path),
        })),
    ),
    fc.constantFrom(...MECHANISMS).chain((m) =>
      notBoolean.map((v) => ({
        what: `switch mechanisms.${m} = ${shown(v)}`,
        doc: setAt(base, ["mechanisms", m], v),
        path: `mechanisms.${m}`,
      })),
    ),
    fc.constantFrom(...CONTAINERS).chain(([container, allowed]) =>
      fc.tuple(unknownKey(allowed), fc.jsonValue({ maxDepth: 2 })).map(([key, v]) => ({
        what: `unknown key ${JSON.stringify(key)} in ${JSON.stringify(container)}`,
        doc: setAt(base, [...container, key], v),
        path: formatPath([...container, key]),
      })),
    ),
    fc.constantFrom<[Path, number]>([["title"], 200], [["description"], 2000], [["preset"], 80]).chain(([path, max]) =>
      fc.oneof(fc.string({ minLength: max + 1, maxLength: max + 50 }), notString).map((v) => ({
        what: `text ${path[0]} (${typeof v === "string" ? `${v.length} chars` : shown(v)})`,
        doc: setAt(base, path, v),
        path: formatPath(path),
      })),
    ),
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((n) => !PRESET_NAMES.includes(n))
      .map((n) => ({
        what: `preset ${JSON.stringify(n)} is not shipped`,
        doc: setAt(base, ["preset"], n),
        path: "preset",
      })),
    fc.double({ min: days, max: MAX_DAYS, minExcluded: true, noNaN: true }).map((d) => ({
      what: `infusion on day ${d} of a ${days}-day run`,
      doc: setAt(setAt(base, ["days"], days), [...INFUSION, "day"], d),
      path: "therapy.infusions[0].day",
    })),
    fc
      .double({ min: 0.25, max: 6, noNaN: true })
      .filter((dt) => !(DT_CHOICES as readonly number[]).includes(dt))
      .map((dt) => ({
        what: `dt ${dt} h`,
        doc: setAt(base, ["parameters", "simulation.dt"], dt),
        path: 'parameters["simulation.dt"]',
      })),
    fc.tuple(fc.integer({ min: 1, max: MAX_DAYS }), fc.integer({ min: 1, max: MAX_DAYS })).map(([start, back]) => ({
      what: `injury ends on day ${start - Math.min(back, start)} before it starts on day ${start}`,
      doc: setAt(
        setAt(base, ["disease", "injury", "start_day"], start),
        ["disease", "injury", "end_day"],
        start - Math.min(back, start),
      ),
      path: "disease.injury.end_day",
    })),
  ];
  return fc.oneof(...kinds);
}

/** A valid random document with one thing made wrong. */
export const badInputArb: fc.Arbitrary<BadInput> = validScenarioArb({ days: [1, 60] }).chain((doc) =>
  mutation(doc as ScenarioInput as Doc),
);
