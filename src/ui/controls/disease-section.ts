/**
 * The disease settings: the species (its kinetic clock and body mass), stage generated before day 0,
 * hepatectomy, injury during the run, and the injury and species-clock parameters.
 */
import {
  CIRRHOSIS_GRADES,
  INJURY_TYPES,
  SPECIES,
  STAGES,
  type Species,
  scenarioSchema,
} from "../../model/params/scenario-schema";
import { TEXT } from "../text";
import { choiceControl } from "./choice-control";
import type { Control, ControlContext } from "./context";
import { paramGroup, SECTION_GROUPS } from "./param-groups";
import { schemaNumber } from "./schema-number";

const disease = scenarioSchema.shape.disease.shape;
const injury = disease.injury.shape;

export function diseaseSection(ctx: ControlContext): { nodes: HTMLElement[]; controls: Control[] } {
  const controls: Control[] = [
    choiceControl(
      {
        label: TEXT.species,
        name: "species",
        tooltip: scenarioSchema.shape.species.description ?? "",
        options: SPECIES.map((v) => ({ value: v, label: TEXT.speciesNames[v] ?? v })),
        get: (s) => s.species,
        patch: (v) => ({ species: v as Species }),
      },
      ctx,
    ),
    choiceControl(
      {
        label: TEXT.stage,
        name: "disease.stage",
        tooltip: disease.stage.description ?? "",
        options: STAGES.map((v) => ({ value: v, label: v })),
        get: (s) => s.disease.stage,
        patch: (v) => ({ disease: { stage: v as (typeof STAGES)[number] } }),
      },
      ctx,
    ),
    choiceControl(
      {
        label: TEXT.cirrhosisGrade,
        name: "disease.cirrhosis_grade",
        tooltip: disease.cirrhosis_grade.description ?? "",
        options: CIRRHOSIS_GRADES.map((v) => ({ value: v, label: TEXT.grades[v] ?? v })),
        get: (s) => s.disease.cirrhosis_grade,
        patch: (v) => ({ disease: { cirrhosis_grade: v as (typeof CIRRHOSIS_GRADES)[number] } }),
      },
      ctx,
    ),
    schemaNumber(
      {
        schema: disease.hepatectomy_fraction,
        label: TEXT.hepatectomy,
        unit: "fraction",
        name: "disease.hepatectomy_fraction",
        typical: 0.5,
        get: (s) => s.disease.hepatectomy_fraction,
        patch: (v) => ({ disease: { hepatectomy_fraction: v as number } }),
      },
      ctx,
    ),
    choiceControl(
      {
        label: TEXT.injuryType,
        name: "disease.injury.type",
        tooltip: injury.type.description ?? "",
        options: INJURY_TYPES.map((v) => ({ value: v, label: TEXT.injuryTypes[v] ?? v })),
        get: (s) => s.disease.injury.type,
        patch: (v) => ({ disease: { injury: { type: v as (typeof INJURY_TYPES)[number] } } }),
      },
      ctx,
    ),
    schemaNumber(
      {
        schema: injury.intensity,
        label: TEXT.injuryIntensity,
        unit: "×",
        name: "disease.injury.intensity",
        typical: 1,
        get: (s) => s.disease.injury.intensity,
        patch: (v) => ({ disease: { injury: { intensity: v as number } } }),
      },
      ctx,
    ),
    schemaNumber(
      {
        schema: injury.start_day,
        label: TEXT.injuryStart,
        unit: "days",
        name: "disease.injury.start_day",
        typical: 0,
        sliderRange: (s) => [0, Math.max(1, s.days)],
        get: (s) => s.disease.injury.start_day,
        patch: (v) => ({ disease: { injury: { start_day: v as number } } }),
      },
      ctx,
    ),
    schemaNumber(
      {
        schema: injury.end_day,
        label: TEXT.injuryEnd,
        unit: "days",
        name: "disease.injury.end_day",
        typical: 0,
        sliderRange: (s) => [0, Math.max(1, s.days)],
        get: (s) => s.disease.injury.end_day,
        patch: (v) => ({ disease: { injury: { end_day: v as number } } }),
      },
      ctx,
    ),
  ];
  const groups = SECTION_GROUPS.disease.map((g) => paramGroup(g, ctx));
  return {
    nodes: [...controls.map((c) => c.root), ...groups.map((g) => g.root)],
    controls: [...controls, ...groups.flatMap((g) => g.controls)],
  };
}
