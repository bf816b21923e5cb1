import { loadRuleCases, type LoadedRuleCases } from "../load/loadRuleCases.js";
import type { RulePack } from "../load/rulePack.js";
import { ruleCaseFiles } from "../load/ruleCaseFiles.js";

/** The rule cases of every pack folder, validated against the pack they were loaded into. */
export async function packCases(dirs: readonly string[], pack: RulePack): Promise<LoadedRuleCases[]> {
  const files: string[] = [];
  for (const dir of dirs) files.push(...(await ruleCaseFiles(dir)));
  return loadRuleCases(files, pack);
}
