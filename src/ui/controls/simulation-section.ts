/** Seed, section size, run length and the simulation parameters. Changing seed or size regenerates the tissue. */
import { paramDefault } from "../../model/params/registry";
import { LATTICE_MAX, LATTICE_MIN, scenarioSchema } from "../../model/params/scenario-schema";
import { TEXT } from "../text";
import { choiceControl } from "./choice-control";
import type { Control, ControlContext } from "./context";
import { paramGroup, SECTION_GROUPS } from "./param-groups";
import { schemaNumber } from "./schema-number";

/** Powers of two inside the schema's lattice range. */
function latticeSizes(): number[] {
  const out: number[] = [];
  for (let n = 2 ** Math.ceil(Math.log2(LATTICE_MIN)); n <= LATTICE_MAX; n *= 2) out.push(n);
  return out;
}

export function simulationSection(ctx: ControlContext): { nodes: HTMLElement[]; controls: Control[] } {
  const site = () => ctx.scenario().parameters["simulation.site_size"] ?? paramDefault("simulation.site_size");
  const sizeOptions = (extra?: number) =>
    [...new Set([...latticeSizes(), ...(extra ? [extra] : [])])]
      .sort((a, b) => a - b)
      .map((n) => ({ value: String(n), label: TEXT.latticeOption(n, ((n * site()) / 1000).toFixed(1)) }));
  const size = choiceControl(
    {
      label: TEXT.latticeSize,
      name: "lattice",
      tooltip: TEXT.latticeHint,
      options: sizeOptions(),
      get: (s) => String(s.lattice.width),
      patch: (v) => ({ lattice: { width: Number(v), height: Number(v) } }),
    },
    ctx,
  );
  const select = size.root.querySelector("select")!;
  const sizeControl: Control = {
    root: size.root,
    refresh(s) {
      // A size from the URL that is not a power of two still shows as chosen.
      if (![...select.options].some((o) => o.value === String(s.lattice.width)))
        select.replaceChildren(...sizeOptions(s.lattice.width).map((o) => new Option(o.label, o.value)));
      size.refresh(s);
    },
  };
  const controls: Control[] = [
    schemaNumber(
      {
        schema: scenarioSchema.shape.seed,
        label: TEXT.seed,
        unit: "integer",
        name: "seed",
        source: TEXT.seedHint,
        typical: 1,
        slider: false,
        get: (s) => s.seed,
        patch: (v) => ({ seed: v as number }),
      },
      ctx,
    ),
    sizeControl,
    schemaNumber(
      {
        schema: scenarioSchema.shape.days,
        label: TEXT.days,
        unit: "days",
        name: "days",
        typical: 84,
        get: (s) => s.days,
        patch: (v) => ({ days: v as number }),
      },
      ctx,
    ),
  ];
  const groups = SECTION_GROUPS.simulation.map((g) => paramGroup(g, ctx));
  return {
    nodes: [...controls.map((c) => c.root), ...groups.map((g) => g.root)],
    controls: [...controls, ...groups.flatMap((g) => g.controls)],
  };
}
