/**
 * `table.md` of `hepatosim validation`: every scored point as a Markdown table row, the form the
 * README shows, so the table a reader sees is the run's and not copied by hand. Pure (no node:).
 */
import type { Dataset } from "../reference/dataset";
import type { DatasetVerdict, PointComparison } from "./compare";

/** Three significant digits, as the README quotes model values. */
const sig = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : "n/a");

const ARM_NAMES: Record<string, string> = { control: "untreated", treated: "MSC-treated" };

/** What the model value is, beyond the read-out itself. */
function scaleNote(d: Dataset): string {
  switch (d.normalisation) {
    case "percent of runs below":
      // A stage threshold reads as the stage it is (below 4: below F4, no longer cirrhotic).
      return ` (% of virtual patients below ${d.readout === "fibrosis_stage" ? `F${d.below}` : d.below})`;
    case "change from baseline":
      return " (change from day 0)";
    case "relative to day 0":
      return " (÷ day 0)";
    case "relative to control":
      return " (÷ untreated twin)";
    case "difference from control":
      return " (− untreated twin)";
    default:
      return "";
  }
}

function dataCell(p: PointComparison): string {
  let text: string;
  if (p.spreadKind === "95% CI" && p.dataLow !== null && p.dataHigh !== null)
    text = `${sig(p.dataMean)} [${sig(p.dataLow)}, ${sig(p.dataHigh)}] (95 % CI)`;
  else if (p.dataSpread !== null && p.spreadKind !== "none")
    text = `${sig(p.dataMean)} ± ${sig(p.dataSpread)} (${p.spreadKind})`;
  else if (p.dataLow !== null && p.dataHigh !== null)
    text = `${sig(p.dataMean)} [${sig(p.dataLow)}, ${sig(p.dataHigh)}] (${p.spreadKind})`;
  else text = sig(p.dataMean);
  return p.arm ? `${text}, ${ARM_NAMES[p.arm] ?? p.arm}` : text;
}

function modelCell(d: Dataset, p: PointComparison, batchSeeds: number): string {
  const notes = [
    ...(p.seeds !== batchSeeds ? [`${p.seeds} seeds`] : []),
    ...(d.normalisation === "percent of runs below" ? ["Wilson"] : []),
  ];
  const tail = notes.length ? ` (${notes.join("; ")})` : "";
  return `${sig(p.modelMean)} [${sig(p.modelLower)}, ${sig(p.modelUpper)}]${tail}`;
}

/** The Markdown table of the scored points; `batchSeeds` is the run's --seeds count (other counts are named). */
export function validationTableMd(verdicts: readonly DatasetVerdict[], batchSeeds: number): string {
  const rows = verdicts.flatMap((v) =>
    v.points.map(
      (p) =>
        `| ${p.dataset} | ${p.role} | \`${p.readout}\`${scaleNote(v.dataset)} | ${p.day} | ${dataCell(p)} | ${modelCell(v.dataset, p, batchSeeds)} | ${p.within ? "yes" : "**no**"} |`,
    ),
  );
  return [
    "| dataset | role | read-out | day | data | model mean [95 % CI], " + `${batchSeeds} seeds | within |`,
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
