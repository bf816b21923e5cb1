// `npm run docs`: writes docs/rules/ (an index, a page per rule and per control) from the
// built-in rule pack, through the built dist/, and removes pages it no longer generates so a
// renamed rule leaves no orphan behind. A test fails when the committed pages are stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../dist/load/diagnostic.js";
import { loadRuleCases } from "../dist/load/loadRuleCases.js";
import { loadRulePack } from "../dist/load/loadRulePack.js";
import { ruleCaseFiles } from "../dist/load/ruleCaseFiles.js";
import { ruleDocs } from "../dist/report/ruleDocs.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const rulesDir = `${root}rules`;
const outDir = `${root}docs/rules/`;
// Paths relative to the repository, with / on every platform, so the pages are the same everywhere.
const rel = (file) => relative(root, file).split(sep).join("/");

let pages;
try {
  const pack = await loadRulePack([rulesDir]);
  const cases = (await loadRuleCases(await ruleCaseFiles(rulesDir), pack)).map((c) => ({ file: rel(c.file), cases: c.cases }));
  pages = ruleDocs(pack, cases, { source: rel });
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  console.error(e.message);
  process.exit(2);
}

mkdirSync(outDir, { recursive: true });
const stale = readdirSync(outDir).filter((f) => f.endsWith(".md") && !pages.has(f));
for (const f of stale) rmSync(`${outDir}${f}`);
for (const [name, text] of pages) writeFileSync(`${outDir}${name}`, text);
console.log(`wrote ${pages.size} pages to docs/rules/${stale.length ? `, removed ${stale.length} no longer generated` : ""}`);
