import { discoverInventory } from "../discover/discoverInventory.js";
import type { DiscoverSettings } from "../discover/discoverSettings.js";
import { READERS } from "../discover/readers/readers.js";
import { readSource } from "../discover/readSource.js";
import type { AnySourceReader } from "../discover/sourceReader.js";
import { pushTo } from "../engine/pushTo.js";
import { diagnostic, InputError, type Diagnostic } from "../load/diagnostic.js";
import type { SecretHit } from "../redact/redactDocument.js";
import { readText } from "../load/readText.js";
import { sourceFiles, type SourceFile } from "../load/sources/sourceFiles.js";
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
  const collects = (name: string) => READERS.some((r) => r.collects.test(name));
  const { files, problems } = await sourceFiles(opts.paths, collects, "source");
  const errors: Diagnostic[] = [...problems];
  const warnings: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const byReader = new Map<AnySourceReader, Array<{ file: SourceFile; facts: unknown }>>();
  for (const f of files) {
    try {
      const text = await readText(f.file);
      const found = readSource(f, text, READERS);
      if (!found) continue;
      const { read, reader } = found;
      const shown = [...read.warnings, ...read.secrets.map((hit) => writtenSecret(hit, reader.noun))];
      if (shown.length) sources.set(f.file, text);
      warnings.push(...shown);
      pushTo(byReader, reader, { file: f, facts: read.facts });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(...e.diagnostics);
      for (const [file, text] of e.sources) sources.set(file, text);
    }
  }
  const settings: DiscoverSettings = { ...(opts.githubDefaultPermissions ? { githubDefaultPermissions: opts.githubDefaultPermissions } : {}) };
  const discovered = READERS.filter((r) => byReader.has(r)).map((r) => r.map(byReader.get(r)!, settings));
  await writeOutput(formatInventory(discoverInventory(discovered)), opts.output);
  const shown = [...(opts.quiet ? [] : warnings), ...errors];
  if (shown.length) process.stderr.write(`${formatDiagnostics(shown, sources, terminalStyle(process.stderr, opts.noColor))}\n`);
  return errors.length ? 2 : 0;
}

/** A credential in the source itself: reported where it is, redacted, and never copied. */
function writtenSecret(hit: SecretHit, noun: string): Diagnostic {
  return diagnostic(hit.file, hit, `a credential-like value (${hit.kinds.join(", ")}) is written in the ${noun}: it is not copied into the inventory; rotate it and keep it in a secret`, "warning");
}
