/** Number controls for scenario fields that are not registry parameters: range, integer-ness and doc come from the zod schema. */
import type { z } from "zod";
import type { Scenario, ScenarioInput } from "../../model/params/scenario-schema";
import { TEXT } from "../text";
import type { Control, ControlContext } from "./context";
import { type NumberSpec, numberControl, rangeTooltip } from "./number-control";

export interface SchemaNumberSpec {
  schema: z.ZodNumber;
  label: string;
  unit: string;
  name: string;
  source?: string;
  get(s: Scenario): number;
  patch(value: number | string, s: Scenario): ScenarioInput;
  slider?: boolean;
  sliderRange?: NumberSpec["sliderRange"];
  /** Typical value: centres a logarithmic slider (the schema has no default). */
  typical: number;
}

export function schemaNumber(spec: SchemaNumberSpec, ctx: ControlContext): Control {
  const min = spec.schema.minValue ?? 0;
  const max = spec.schema.maxValue ?? Number.MAX_SAFE_INTEGER;
  return numberControl(
    {
      label: spec.label,
      unit: spec.unit,
      min,
      max,
      default: spec.typical,
      integer: spec.schema.isInt,
      name: spec.name,
      tooltip: rangeTooltip(
        spec.schema.description ?? spec.label,
        min,
        max,
        spec.unit,
        spec.source ?? TEXT.schemaSource,
      ),
      get: spec.get,
      patch: spec.patch,
      slider: spec.slider,
      sliderRange: spec.sliderRange,
    },
    ctx,
  );
}
