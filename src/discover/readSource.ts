import { diagnostic, InputError } from "../load/diagnostic.js";
import { readYaml } from "../load/readYaml.js";
import type { SourceFile } from "../load/sources/sourceFiles.js";
import type { AnySourceReader, SourceRead } from "./sourceReader.js";

export interface ReadSource {
  reader: AnySourceReader;
  read: SourceRead<unknown>;
}

/**
 * The reader a file belongs to and what it read. A file a reader claims by name must be that
 * reader's; any other is tried by content in the readers' order. A file found in a folder that
 * no reader recognises is passed over; one named on the command line is an error, with its
 * syntax error when it has one.
 */
export function readSource(file: SourceFile, text: string, readers: readonly AnySourceReader[]): ReadSource | undefined {
  const claimant = readers.find((r) => r.claims?.(file.rel));
  if (claimant) {
    const read = claimant.read(file, text, true);
    return read && { reader: claimant, read };
  }
  for (const reader of readers) {
    if (!reader.collects.test(file.file)) continue;
    const read = reader.read(file, text, false);
    if (read) return { reader, read };
  }
  if (!file.named) return undefined;
  const sources = new Map([[file.file, text]]);
  const expected = `expected ${readers.map((r) => r.label).join(", or ")}`;
  if (text.trim() === "") throw new InputError([diagnostic(file.file, { line: 1, column: 1 }, `empty file: ${expected}`)], sources);
  const parsed = readYaml(file.file, text);
  if (!parsed.ok) throw new InputError(parsed.diagnostics, sources);
  throw new InputError([diagnostic(file.file, parsed.doc.locate([]), `not a source discover reads: ${expected}`)], sources);
}
