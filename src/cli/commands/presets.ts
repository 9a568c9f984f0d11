/** `hepatosim presets`: the shipped presets, one name a line, or with title and description as JSON. */
import { PRESET_NAMES, presetLookup } from "../../model/params/presets";
import { resolveScenario } from "../../model/params/scenario";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";

export function presetsCommand(opts: { json?: boolean }, ctx: CliContext): number {
  if (!opts.json) {
    for (const name of PRESET_NAMES) ctx.stdout.write(`${name}\n`);
    return EXIT.ok;
  }
  const list = PRESET_NAMES.map((name) => {
    const s = resolveScenario({ preset: name }, presetLookup);
    return { name, title: s.title, description: s.description };
  });
  ctx.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  return EXIT.ok;
}
