/** The shape of one parameter declaration. Every tunable number of the model is one of these. */
export interface ParamSpec<K extends string = string> {
  /** Dotted key used in scenario files, URLs and CLI flags, e.g. "fields.tnf.diffusion". */
  key: K;
  /** Default in the declared unit. */
  default: number;
  /** Inclusive allowed range in the declared unit. */
  min: number;
  max: number;
  /** Declared (user-facing) unit, e.g. "µm²/min". */
  unit: string;
  /** Multiplier from the declared unit to the model's internal unit (µm, hours, normalised concentration). */
  toInternal: number;
  /** Literature citation (see docs/model.md) or "assumed" with a reason in docs/model.md. */
  source: string;
  /** One line on what it means biologically. */
  doc: string;
  /** UI group for sliders. */
  group: ParamGroup;
  /** Slider step in declared units (optional; the UI derives one otherwise). */
  step?: number;
  integer?: boolean;
  /**
   * Reference datasets (public/reference ids, role "calibration") this value was fitted to with
   * `hepatosim calibrate`, or computed from by hand (the source says so); none of them may be used
   * to validate the model (docs/validation.md).
   */
  calibratedOn?: readonly string[];
}

export type ParamGroup =
  | "fields"
  | "hepatocyte"
  | "stellate"
  | "kupffer"
  | "collagen"
  | "vessels"
  | "injury"
  | "msc"
  | "msc-source"
  | "species"
  | "simulation"
  | "readout";

/** Declares a parameter; keeps the registry readable as a table. */
export function param<K extends string>(
  key: K,
  def: number,
  range: [number, number],
  unit: string,
  toInternal: number,
  group: ParamGroup,
  source: string,
  doc: string,
  extra: Partial<Pick<ParamSpec, "step" | "integer" | "calibratedOn">> = {},
): ParamSpec<K> {
  return { key, default: def, min: range[0], max: range[1], unit, toInternal, group, source, doc, ...extra };
}

/** Unit conversions to internal units (µm, hours). */
export const PER_MIN = 60;
export const PER_DAY = 1 / 24;
export const PER_HOUR = 1;
export const UM2_PER_MIN = 60;
export const DAYS = 24;
export const YEARS = 365.25 * DAYS;
export const HOURS = 1;
export const MINUTES = 1 / 60;
export const UNITLESS = 1;
