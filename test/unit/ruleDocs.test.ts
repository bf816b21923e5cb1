import { existsSync, readdirSync, readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleCases } from "../../src/load/loadRuleCases.js";
import { ruleCaseFiles } from "../../src/load/ruleCaseFiles.js";
import { ruleDocs } from "../../src/report/ruleDocs.js";
import { builtinPack, ROOT, RULES_DIR } from "../helpers.js";

const DOCS = `${ROOT}docs/rules/`;
const rel = (file: string) => relative(ROOT, file).split(sep).join("/");

async function generated(): Promise<Map<string, string>> {
  const pack = await builtinPack();
  const cases = (await loadRuleCases(await ruleCaseFiles(RULES_DIR), pack)).map((c) => ({ file: rel(c.file), cases: c.cases }));
  return ruleDocs(pack, cases, { source: rel });
}

describe("docs/rules/", () => {
  it("is what `npm run docs` generates from the built-in pack: nothing missing, stale or extra", async () => {
    const pages = await generated();
    const onDisk = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith(".md")) : [];
    const problems = [
      ...[...pages.keys()].filter((f) => !onDisk.includes(f)).map((f) => `docs/rules/${f} is missing`),
      ...onDisk.filter((f) => pages.has(f) && readFileSync(`${DOCS}${f}`, "utf8") !== pages.get(f)).map((f) => `docs/rules/${f} is stale`),
      ...onDisk.filter((f) => !pages.has(f)).map((f) => `docs/rules/${f} is no longer generated`),
    ];
    expect(problems, "run `npm run docs` and commit docs/rules/").toEqual([]);
  });

  it("has a page for every rule and control, and every link between pages resolves", async () => {
    const pages = await generated();
    const pack = await builtinPack();
    for (const id of [...pack.rules.map((r) => r.id), ...pack.changes.map((c) => c.id), ...pack.controls.keys()]) expect(pages.has(`${id}.md`), id).toBe(true);
    const broken = [...pages].flatMap(([name, text]) =>
      [...text.matchAll(/\]\(([^)#]+)\)/g)]
        .map((m) => m[1]!)
        .filter((target) => (target.startsWith("../") ? !existsSync(`${DOCS}${target}`) : !pages.has(target)))
        .map((target) => `${name} → ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it("is byte-identical when generated twice", async () => {
    expect([...(await generated())]).toEqual([...(await generated())]);
  });
});
