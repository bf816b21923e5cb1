import { discoverInventory } from "../discover/discoverInventory.js";
import { mapWorkflow, type MappedWorkflow } from "../discover/mapWorkflow.js";
import { diagnostic, InputError, type Diagnostic } from "../load/diagnostic.js";
import type { SecretHit } from "../redact/redactDocument.js";
import { readText } from "../load/readText.js";
import { githubWorkflow } from "../load/sources/githubWorkflow.js";
import { sourceFiles } from "../load/sources/sourceFiles.js";
import type { DefaultPermissions } from "../load/sources/github/workflowPermissions.js";
import { formatDiagnostics } from "../report/formatDiagnostics.js";
import { formatInventory } from "../report/formatInventory.js";
import { terminalStyle } from "./style.js";
import { writeOutput } from "./writeOutput.js";

export interface DiscoverOptions {
  paths: string[];
  output?: string;
  /** The repository's default GITHUB_TOKEN permissions, for jobs without a permissions block. */
  githubDefaultPermissions?: DefaultPermissions;
  noColor?: boolean;
  quiet?: boolean;
}

/**
 * Reads every source it recognises under the paths and writes one inventory. A file it
 * cannot read is reported and the rest still read: the inventory holds what was, and the
 * exit code is 2.
 */
export async function discover(opts: DiscoverOptions): Promise<number> {
  const { files, problems } = await sourceFiles(opts.paths);
  const errors: Diagnostic[] = [...problems];
  const warnings: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const mapped: MappedWorkflow[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    try {
      const text = await readText(f.file);
      const read = githubWorkflow(f.file, text, f.expected);
      if (!read) continue;
      const found = [...read.warnings, ...read.secrets.map((hit) => writtenSecret(hit))];
      if (found.length) sources.set(f.file, text);
      warnings.push(...found);
      // Two repositories' files named alone can share a repository path: the second keeps its whole path.
      const rel = ids.has(f.rel) ? f.file : f.rel;
      ids.add(rel);
      mapped.push(mapWorkflow(read.facts, rel, { ...(opts.githubDefaultPermissions ? { githubDefaultPermissions: opts.githubDefaultPermissions } : {}) }));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(...e.diagnostics);
      for (const [file, text] of e.sources) sources.set(file, text);
    }
  }
  await writeOutput(formatInventory(discoverInventory(mapped)), opts.output);
  const shown = [...(opts.quiet ? [] : warnings), ...errors];
  if (shown.length) process.stderr.write(`${formatDiagnostics(shown, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
  return errors.length ? 2 : 0;
}

/** A credential in the source itself: reported where it is, redacted, and never copied. */
function writtenSecret(hit: SecretHit): Diagnostic {
  return diagnostic(hit.file, hit, `a credential-like value (${hit.kinds.join(", ")}) is written in the workflow: it is not copied into the inventory; rotate it and keep it in a secret`, "warning");
}
