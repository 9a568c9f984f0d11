/** `hepatosim validate FILE…`: checks scenario, sweep and trial files without running anything. */
import { InputError } from "../../model/params/validation";
import { resolvedDoc } from "../../study/plan";
import { documentKind, validateStudyFile } from "../../study/study-files";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { upgradeLegacy } from "../../model/params/legacy";
import { readJsonFile, studyScenario, writeNotices } from "../scenario-source";

export function validateCommand(files: string[], ctx: CliContext): number {
  let bad = 0;
  for (const file of files) {
    try {
      const doc = readJsonFile(file, "file");
      const kind = documentKind(doc);
      if (kind === "scenario") {
        const { notices } = upgradeLegacy(doc);
        writeNotices(
          notices.map((n) => `${file}: ${n}`),
          ctx.stderr,
        );
        const { scenario } = resolvedDoc(doc);
        ctx.stdout.write(`ok ${file}: scenario "${scenario.title}"\n`);
      } else
        ctx.stdout.write(
          `ok ${file}: ${validateStudyFile(doc, kind, file, (ref, name) => {
            const source = studyScenario(ref, file, name);
            writeNotices(source.notices, ctx.stderr);
            return source.doc;
          })}\n`,
        );
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad++;
      ctx.stderr.write(`${file}: ${e.message}\n`);
      for (const issue of e.issues.slice(1)) ctx.stderr.write(`  ${issue.message}\n`);
    }
  }
  return bad ? EXIT.invalidInput : EXIT.ok;
}
