import { join } from "node:path";
import { InputError, type Diagnostic } from "./diagnostic.js";
import { DOCUMENT_KINDS, documentKind } from "./documentKind.js";
import { packFileProblem, packFolderFiles, packRoot, readPackFile } from "./packFiles.js";
import { PACK_LIMITS } from "./rulePack.js";

/**
 * Kinds that live beside the cases (their inventory, an example incident) and are not
 * cases. Any other kind, or none, is loaded as RuleCases so a misspelt kind is reported
 * rather than silently skipped.
 */
const NOT_CASES = new Set<string>(DOCUMENT_KINDS.filter((k) => k !== "RuleCases"));

/**
 * The RuleCases files of a rule pack: `DIR/cases/*.yaml` (and .yml), in code-point order.
 * Like the rest of the pack, they must lie inside its folder and within its limits.
 */
export async function ruleCaseFiles(dir: string): Promise<string[]> {
  const root = await packRoot(dir);
  if (root === undefined) return [];
  const { files, problems } = await packFolderFiles(root, join(dir, "cases"), dir);
  const diagnostics: Diagnostic[] = [...problems];
  const out: string[] = [];
  for (const file of files.slice(0, PACK_LIMITS.files)) {
    const problem = await packFileProblem(root, file, dir);
    if (problem) {
      diagnostics.push(problem);
      continue;
    }
    const kind = documentKind(await readPackFile(file));
    if (kind === undefined || !NOT_CASES.has(kind)) out.push(file);
  }
  if (files.length > PACK_LIMITS.files) {
    diagnostics.push({ file: files[PACK_LIMITS.files]!, line: 1, column: 1, severity: "error", message: `the rule pack ${dir} holds ${files.length} case files; the limit is ${PACK_LIMITS.files}` });
  }
  if (diagnostics.length) throw new InputError(diagnostics);
  return out;
}
