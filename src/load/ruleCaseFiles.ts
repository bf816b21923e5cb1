import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { compareStrings } from "../engine/compare.js";
import { DOCUMENT_KINDS, documentKind } from "./documentKind.js";
import { readText } from "./readText.js";
import { isDirectory } from "./pathKind.js";

/**
 * Kinds that live beside the cases (their inventory, an example incident) and are not
 * cases. Any other kind, or none, is loaded as RuleCases so a misspelt kind is reported
 * rather than silently skipped.
 */
const NOT_CASES = new Set<string>(DOCUMENT_KINDS.filter((k) => k !== "RuleCases"));

/** The RuleCases files of a rule pack: `DIR/cases/*.yaml` (and .yml), in code-point order. */
export async function ruleCaseFiles(dir: string): Promise<string[]> {
  const casesDir = join(dir, "cases");
  if (!(await isDirectory(casesDir))) return [];
  const names = (await readdir(casesDir)).filter((f) => /\.ya?ml$/.test(f)).sort(compareStrings);
  const out: string[] = [];
  for (const name of names) {
    const file = join(casesDir, name);
    const kind = documentKind(await readText(file));
    if (kind === undefined || !NOT_CASES.has(kind)) out.push(file);
  }
  return out;
}
