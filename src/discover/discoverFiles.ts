import { pushTo } from "../engine/pushTo.js";
import { diagnostic, InputError, type Diagnostic } from "../load/diagnostic.js";
import type { Inventory } from "../load/schema/inventory.js";
import type { SourceFile } from "../load/sources/sourceFiles.js";
import type { SecretHit } from "../redact/redactDocument.js";
import { discoverInventory } from "./discoverInventory.js";
import type { DiscoverSettings } from "./discoverSettings.js";
import { READERS } from "./readers/readers.js";
import { readSource } from "./readSource.js";
import type { AnySourceReader } from "./sourceReader.js";

export interface Discovery {
  inventory: Inventory;
  /** Files that could not be read as the source they are: the inventory lacks what they state. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** The text of each file a diagnostic names, for its excerpt. */
  sources: Map<string, string>;
}

/** Whether a folder walk collects a file by its name: some reader might read it. */
export const collectsSource = (name: string): boolean => READERS.some((r) => r.collects.test(name));

/**
 * The inventory of the files, each read with `read` (from disk, or from a commit). A file
 * that cannot be read is an error and the rest are still read.
 */
export async function discoverFiles(files: readonly SourceFile[], read: (f: SourceFile) => Promise<string>, settings: DiscoverSettings): Promise<Discovery> {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const byReader = new Map<AnySourceReader, Array<{ file: SourceFile; facts: unknown }>>();
  for (const f of files) {
    try {
      const text = await read(f);
      const found = readSource(f, text, READERS);
      if (!found) continue;
      const { read: facts, reader } = found;
      const shown = [...facts.warnings, ...facts.secrets.map((hit) => writtenSecret(hit, reader.noun))];
      if (shown.length) sources.set(f.file, facts.shownText ?? text);
      warnings.push(...shown);
      pushTo(byReader, reader, { file: f, facts: facts.facts });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(...e.diagnostics);
      for (const [file, text] of e.sources) sources.set(file, text);
    }
  }
  const discovered = READERS.filter((r) => byReader.has(r)).map((r) => r.map(byReader.get(r)!, settings));
  return { inventory: discoverInventory(discovered), errors, warnings, sources };
}

/** A credential in the source itself: reported where it is, redacted, and never copied. */
function writtenSecret(hit: SecretHit, noun: string): Diagnostic {
  return diagnostic(hit.file, hit, `a credential-like value (${hit.kinds.join(", ")}) is written in the ${noun}: it is not copied into the inventory; rotate it and keep it in a secret`, "warning");
}
