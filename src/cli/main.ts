/**
 * The command line (`npx hepatosim …`): commands, their flags and help text, and the mapping of
 * every outcome to an exit code (0 ok, 1 internal error, 2 invalid input, 3 not reproduced, 130 stopped).
 */
import { Command, CommanderError, Option } from "commander";
import { InputError } from "../model/params/validation";
import { calibrateCommand } from "./commands/calibrate";
import { cohortCommand } from "./commands/cohort";
import { mergeCommand } from "./commands/merge";
import { presetsCommand } from "./commands/presets";
import { rerunCommand } from "./commands/rerun";
import { runCommand } from "./commands/run";
import { schemaCommand } from "./commands/schema";
import { sweepCommand } from "./commands/sweep";
import { validateCommand } from "./commands/validate";
import { validationCommand } from "./commands/validation";
import type { CliContext } from "./context";
import { EXIT, exitCodeFor } from "./exit-codes";
import { VERSION } from "./provenance";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Flags every batch command takes. */
function batchFlags(cmd: Command): Command {
  return cmd
    .option("--out <dir>", "output directory (default: out/<name>)")
    .option("--workers <k>", "worker threads running simulations in parallel (default: CPU count)")
    .option(
      "--threads <t>",
      "threads per run: each run's lattice split into t strips (same numbers; faster for one large run; default 1)",
    )
    .option("--quiet", "no progress line; only the final line on stderr")
    .option("--resume", "finish a stopped batch in the same --out: skip complete runs, redo partial ones")
    .addOption(
      new Option("--shard <i/n>", "run only shard i of n (default: from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT)"),
    );
}

function buildProgram(ctx: CliContext, setCode: (code: number) => void): Command {
  const program = new Command("hepatosim")
    .description("Agent-based simulator of liver regeneration in cirrhosis under MSC therapy — command line")
    .version(VERSION)
    .showHelpAfterError("(run `hepatosim --help` for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });

  batchFlags(
    program
      .command("run")
      .description(
        "run a scenario file or a preset; with --seeds, one run per seed plus combined runs.csv and summary.csv",
      )
      .argument("<scenario>", "scenario JSON file or preset name (see `hepatosim presets`)")
      .option("--seed <n>", "random seed (overrides the scenario's)")
      .option("--seeds <list>", "one run per seed: 1..20, 1,2,5 or 1..5,10")
      .option("--days <d>", "simulated days (overrides the scenario's)")
      .option(
        "--set <path=value>",
        "override any scenario field or parameter, e.g. lattice.width=64 or hepatocyte.regenerative_capacity=0.5 (repeatable)",
        collect,
      )
      .option(
        "--stage-set <path=value>",
        "make the day-0 stage with this override instead, then run on that tissue with the scenario's own values, e.g. --set simulation.dt=0.5 --stage-set simulation.dt=1 (repeatable; not seed or lattice)",
        collect,
      ),
  ).action(async (arg: string, flags) => setCode(await runCommand(arg, flags, ctx)));

  batchFlags(
    program
      .command("sweep")
      .description(
        "a grid or Latin hypercube over named parameters × seeds (SWEEP.json, docs/research.md); adds points.csv",
      )
      .argument("<sweep>", "sweep file")
      .option("--dry-run", "check the file and print the number of runs, run nothing"),
  ).action(async (file: string, flags) => setCode(await sweepCommand(file, flags, ctx)));

  batchFlags(
    program
      .command("cohort")
      .description(
        "virtual trial (TRIAL.json): sampled patients × arms; effects with 95 % CIs, responders, forest plot, response biomarkers",
      )
      .argument("<trial>", "trial file")
      .option("--dry-run", "check the file and print the number of runs, run nothing"),
  ).action(async (file: string, flags) => setCode(await cohortCommand(file, flags, ctx)));

  batchFlags(
    program
      .command("sensitivity")
      .description("Latin-hypercube sweep with partial rank correlation coefficients (PRCC): prcc.csv and prcc.svg")
      .argument("<sweep>", "sweep file (design lhs)")
      .option("--dry-run", "check the file and print the number of runs, run nothing"),
  ).action(async (file: string, flags) => setCode(await sweepCommand(file, flags, ctx, true)));

  batchFlags(
    program
      .command("validation")
      .description(
        "run every reference dataset's protocol (public/reference) over N seeds; validation.csv, one SVG per dataset, report.html",
      )
      .option("--seeds <n>", "seeds 1..n per dataset (default 5)")
      .option("--datasets <ids>", "only these dataset ids, comma-separated")
      .option("--library <dir>", "another folder of dataset files (default: the project's public/reference)")
      .option(
        "--numerics",
        "also run every protocol with Δt halved, 10× field sub-steps and a 256² lattice; numerics.csv and a table in the report",
      )
      .option("--dry-run", "check the library and print the number of runs, run nothing"),
  ).action(async (flags) => setCode(await validationCommand(flags, ctx)));

  program
    .command("calibrate")
    .description(
      "fit parameters to reference datasets by ABC-SMC: posterior.csv, generations.csv, calibrated.json, fit.csv, manifest.json (docs/calibration.md)",
    )
    .option("--data <ids>", "dataset ids of the library, comma-separated (absolute or relative-to-day-0 data)")
    .option("--params <names>", "parameter keys to fit, comma-separated (docs/parameters.md)")
    .option("--particles <n>", "particles per generation (default 50)")
    .option("--generations <g>", "stop after g generations (default 5 when no --budget)")
    .option("--budget <runs>", "stop after about this many simulator runs (candidates × datasets × seeds)")
    .option("--seeds-per-particle <k>", "seeds per candidate; the model value is their mean (default 1)")
    .option("--workers <k>", "worker threads running simulations in parallel (default: CPU count)")
    .option("--seed <n>", "seed of the sampler (default 1): the same seed gives the same posterior")
    .option(
      "--lattice <n>",
      "run every dataset on an n × n lattice instead of its protocol's (e.g. 64, as the page does)",
    )
    .option("--out <dir>", "output directory (default: out/calibrate-<datasets>)")
    .option("--resume", "continue the calibration saved in --out (--generations or --budget may be raised)")
    .option("--library <dir>", "another folder of dataset files (default: the project's public/reference)")
    .option("--prior <file>", "prior file {parameter: {uniform|loguniform: [lo, hi]} | {normal: {mean, sd}}}")
    .option(
      "--assume-spread <fraction>",
      "for data points with no SD or SE: assume SD = fraction × value (your choice, recorded in the manifest)",
    )
    .option("--quiet", "no progress line; only the final line on stderr")
    .option(
      "--shard <i/n>",
      "simulate only candidates i, i+n, … of the current round and write their results to --out/shards (Slurm: docs/research.md)",
    )
    .option("--merge-only", "take the current round's results from the shards, advance one round, run nothing")
    .action(async (flags) => setCode(await calibrateCommand(flags, ctx)));

  program
    .command("validate")
    .description("check scenario, sweep and trial files against the schema (exit 2 if any is invalid)")
    .argument("<files...>", "JSON files")
    .action((files: string[]) => setCode(validateCommand(files, ctx)));

  program
    .command("presets")
    .description("list the shipped presets, one name a line")
    .option("--json", "name, title and description as JSON")
    .action((flags) => setCode(presetsCommand(flags, ctx)));

  program
    .command("schema")
    .description("print the scenario JSON Schema, or write it with --out (docs/scenario.schema.json)")
    .option("--out <file>", "write to this file")
    .action((flags) => setCode(schemaCommand(flags, ctx)));

  program
    .command("merge")
    .description("join the shard outputs of one batch; the result equals an unsharded batch")
    .argument("<dirs...>", "output directories of the shards (or one shared directory)")
    .option("--out <dir>", "where to write the merged batch (default: the first directory)")
    .action(async (dirs: string[], flags) => setCode(await mergeCommand(dirs, flags, ctx)));

  program
    .command("rerun")
    .description(
      "re-create a run or a batch from its manifest.json and check the numbers are identical (exit 3 if not)",
    )
    .argument("<manifest>", "a manifest.json written by run, sweep, cohort or sensitivity")
    .option("--out <dir>", "where to write the rerun (default: <dir>-rerun)")
    .option("--workers <k>", "worker threads")
    .option("--threads <t>", "threads per run (lattice strips)")
    .option("--quiet", "no progress line")
    .action(async (file: string, flags) => setCode(await rerunCommand(file, flags, ctx)));

  return program;
}

/** Runs the command line; returns the exit code instead of exiting, so tests can call it in-process. */
export async function main(argv: readonly string[], ctx: Partial<CliContext> = {}): Promise<number> {
  const controller = new AbortController();
  const full: CliContext = {
    stdout: ctx.stdout ?? process.stdout,
    stderr: ctx.stderr ?? process.stderr,
    env: ctx.env ?? process.env,
    signal: ctx.signal ?? controller.signal,
    argv,
  };
  let code: number = EXIT.ok;
  const program = buildProgram(full, (c) => {
    code = c;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    if (e instanceof InputError) {
      full.stderr.write(`hepatosim: ${e.message}\n`);
      for (const issue of e.issues.slice(1, 10)) full.stderr.write(`  ${issue.message}\n`);
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      full.stderr.write(`hepatosim: internal error: ${err.message}\n`);
      if (full.env.HEPATOSIM_DEBUG) full.stderr.write(`${err.stack}\n`);
    }
    return exitCodeFor(e);
  }
}
