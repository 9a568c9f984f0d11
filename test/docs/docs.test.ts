/**
 * The docs stay true to the code: parameters.md and outputs.md are what src/cli/docs-gen.ts generates
 * now; model.md explains every assumed parameter, expands every cited source and names only parameters
 * that exist; architecture.md maps every module of src/model and every top-level source directory.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedDocs, isAssumed } from "../../src/cli/docs-gen";
import { PARAM_BY_KEY, PARAMETERS } from "../../src/model/params/registry";

const read = (path: string) => readFileSync(path, "utf8");

/** The text of a `## title` section, up to the next heading of the same level. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) return "";
  const end = markdown.indexOf("\n## ", start + title.length + 4);
  return markdown.slice(start, end < 0 ? undefined : end);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("generated docs", () => {
  it.each(Object.entries(generatedDocs()))("%s is what the code generates now", (path, text) => {
    expect(read(path), `${path} is stale: run \`npx tsx src/cli/docs-gen.ts\` and commit the result`).toBe(text);
  });

  it("parameters.md has one row per parameter", () => {
    const text = generatedDocs()["docs/parameters.md"]!;
    const missing = PARAMETERS.filter((p) => !text.includes(`| \`${p.key}\` |`)).map((p) => p.key);
    expect(missing).toEqual([]);
  });
});

describe("docs/model.md", () => {
  const model = read("docs/model.md");

  it("explains every assumed parameter in 'Assumed values and why'", () => {
    const assumed = section(model, "Assumed values and why");
    expect(assumed).not.toBe("");
    const missing = PARAMETERS.filter(isAssumed)
      .filter((p) => !assumed.includes(`| \`${p.key}\` |`))
      .map((p) => p.key);
    expect(missing, "assumed parameters without a line in docs/model.md").toEqual([]);
  });

  it("expands every author–year citation of the registry in 'References'", () => {
    const references = section(model, "References").split("\n");
    const cited = new Set<string>();
    for (const p of PARAMETERS)
      for (const m of p.source.matchAll(/([A-Z][\w'-]+) (\d{4})\b/g)) cited.add(`${m[1]} ${m[2]}`);
    expect(cited.size).toBeGreaterThan(10);
    const missing = [...cited].filter((c) => {
      const [name, year] = c.split(" ") as [string, string];
      return !references.some((line) => line.startsWith("- ") && line.includes(name) && line.includes(year));
    });
    expect(missing, "citations with no entry in docs/model.md#references").toEqual([]);
  });

  it.each(["docs/model.md", "docs/architecture.md"])("%s names only parameters that exist", (path) => {
    const prefixes = new Set(PARAMETERS.map((p) => p.key.split(".")[0]));
    const named = [...read(path).matchAll(/\b([a-z_0-9]+(?:\.[a-z_0-9]+)+)\b/g)].map((m) => m[1]!);
    const unknown = named.filter(
      (k) => prefixes.has(k.split(".")[0]) && !/\.(ts|md|json)$/.test(k) && !PARAM_BY_KEY.has(k),
    );
    expect(unknown, `${path} names parameters the registry does not have`).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const out = new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
  for (const m of markdown.matchAll(/<a id="([^"]+)">/g)) out.add(m[1]!);
  return out;
}

describe("links between the docs", () => {
  const docs = ["model.md", "architecture.md", "parameters.md", "outputs.md"];
  it.each(docs)("docs/%s links only to anchors that exist", (name) => {
    const text = read(`docs/${name}`);
    const broken = [...text.matchAll(/\]\(([\w.-]*\.md)?#([^)\s]+)\)/g)].filter((m) => {
      const target = m[1] ?? name;
      return !anchorsOf(read(`docs/${target}`)).has(m[2]!);
    });
    expect(broken.map((m) => m[0])).toEqual([]);
  });
});

describe("docs/architecture.md", () => {
  const architecture = read("docs/architecture.md");

  it("maps every module of src/model", () => {
    const modules = files("src/model")
      .filter((f) => f.endsWith(".ts"))
      .map((f) => relative("src/model", f).split("\\").join("/"));
    const missing = modules.filter((m) => !architecture.includes(m));
    expect(missing, "src/model files that docs/architecture.md does not mention").toEqual([]);
  });

  it("names every source directory", () => {
    const dirs = [
      "src",
      "workers",
      "test",
      "bench",
      ...readdirSync("src")
        .filter((n) => statSync(join("src", n)).isDirectory())
        .map((n) => `src/${n}`),
    ];
    const missing = dirs.filter((d) => !architecture.includes(`${d}/`));
    expect(missing).toEqual([]);
  });
});
