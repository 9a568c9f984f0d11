/** Architecture rules from docs/architecture.md, checked on the source text. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

const imports = (src: string) => [...src.matchAll(/^\s*import[^"']*["']([^"']+)["']/gm)].map((m) => m[1]!);
/** Static imports, re-exports and dynamic `import("…")`. */
const allImports = (src: string) => [
  ...imports(src),
  ...[...src.matchAll(/^\s*export[^"';]*from\s*["']([^"']+)["']/gm)].map((m) => m[1]!),
  ...[...src.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!),
];

/** A unary-plus boolean in a bitwise and/or (`+(a) & +(b)`, `x | +(c)`): a branch-free test. */
const BRANCH_FREE = [/\+\((?:[^()]|\([^()]*\))*\)\s*[&|](?![&|])/, /(?<![&|])[&|]\s*\+\(/];

describe("architecture", () => {
  it("the model imports nothing from the UI, renderer, workers, Node, Pixi or comlink", () => {
    const offenders: string[] = [];
    for (const f of files("src/model")) {
      for (const imp of imports(readFileSync(f, "utf8"))) {
        if (/^(node:|pixi|comlink)|\/(ui|render|cli|sim)\/|workers/.test(imp)) offenders.push(`${f} imports ${imp}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the lattice imports nothing from the field layer (fields read the lattice, not the other way round)", () => {
    const offenders: string[] = [];
    for (const f of files("src/model/lattice")) {
      for (const imp of imports(readFileSync(f, "utf8")))
        if (/(^|\/)fields\//.test(imp)) offenders.push(`${f} imports ${imp}`);
    }
    expect(offenders).toEqual([]);
  });

  it("no Math.random anywhere in src or workers (randomness comes from src/model/rng)", () => {
    const offenders = [...files("src"), ...files("workers")].filter((f) =>
      /Math\.random\s*\(/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("the renderer and UI never import model internals that mutate state", () => {
    const offenders: string[] = [];
    for (const f of [...files("src/render"), ...files("src/ui")]) {
      for (const imp of imports(readFileSync(f, "utf8")))
        if (/model\/(engine|simulation|derived|agents|schedule|snapshot)/.test(imp))
          offenders.push(`${f} imports ${imp}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the UI imports nothing from the command line: both use src/study (ui → study ← cli)", () => {
    const offenders: string[] = [];
    for (const f of files("src/ui"))
      for (const imp of allImports(readFileSync(f, "utf8")))
        if (/\/cli\//.test(imp)) offenders.push(`${f} imports ${imp}`);
    expect(offenders).toEqual([]);
  });

  it("src/study imports nothing from the CLI, UI, renderer, workers or Node", () => {
    const offenders: string[] = [];
    for (const f of files("src/study")) {
      for (const imp of allImports(readFileSync(f, "utf8")))
        if (/^node:|\/(cli|ui|render)\/|workers/.test(imp)) offenders.push(`${f} imports ${imp}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the model keeps no module-level Map or WeakMap outside the registries (state lives in SimState or Derived)", () => {
    const owned = files("src/model").filter((f) => !/(^|\/)(fields|params)\//.test(f));
    const offenders = owned.filter((f) =>
      /^(export )?(const|let) \w+(: [^=]+)? = new (Weak)?Map\b/m.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("the step's phases keep no module-level buffers they write, only constant tables (NAMES_IN_CAPITALS); a thread's own buffers are Derived.local", () => {
    const owned = [
      "src/model/engine.ts",
      "src/model/derived.ts",
      "src/model/simulation.ts",
      ...["agents", "schedule", "metrics", "therapy"].flatMap((d) => files(`src/model/${d}`)),
    ];
    const offenders = owned.filter(
      (f) =>
        /^(export )?let /m.test(readFileSync(f, "utf8")) ||
        /^const [a-z]\w* = new \w+Array\(/m.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("rule files read like docs/model.md's equations: no local copies of the codes, no branch-free +(a) & +(b) tests", () => {
    const rules = [
      "src/model/invariants.ts",
      ...["agents", "therapy", "metrics", "disease"].flatMap((d) => files(`src/model/${d}`)),
    ];
    const offenders = rules.filter((f) => {
      const src = readFileSync(f, "utf8");
      return /Local copies/i.test(src) || BRANCH_FREE.some((re) => re.test(src));
    });
    expect(offenders).toEqual([]);
  });

  it("the field layer keeps no module-level buffer, cache or variable except the compiled-kernel cache (fields/kernels.ts)", () => {
    const owned = files("src/model/fields").filter((f) => !f.endsWith("/kernels.ts"));
    const offenders = owned.filter((f) => {
      const src = readFileSync(f, "utf8");
      return (
        /^(export )?let /m.test(src) || /^(export )?const \w+(: [^=]+)? = new ((Weak)?Map|Set|\w+Array)\b/m.test(src)
      );
    });
    expect(offenders).toEqual([]);
  });

  it("no file in src/model is over 400 lines", () => {
    const long = files("src/model")
      .map((f) => [f, readFileSync(f, "utf8").split("\n").length] as const)
      .filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });

  it("the project stands alone: no code, doc or test cites the developers' background notes outside the repository", () => {
    const texts = [
      ...files("src"),
      ...files("test"),
      ...files("bench"),
      ...readdirSync("docs")
        .filter((f) => f.endsWith(".md"))
        .map((f) => join("docs", f)),
      "README.md",
    ];
    const offenders = texts.filter(
      (f) =>
        f !== "test/architecture.test.ts" &&
        /\b(DESIGN|PARAMETERS|PERFORMANCE|STYLE|UX)\.md\b/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
