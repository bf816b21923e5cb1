import { compareStrings } from "../engine/compare.js";
import type { Path, Position, SourceDoc } from "../load/sourceDoc.js";
import type { SecretKind } from "./findSecrets.js";
import { redactData } from "./redactData.js";

/** A credential-like value found in an input file, and where. */
export interface SecretHit {
  file: string;
  /** The data path of the string that held it, e.g. `identities[2].owner`. */
  path: Path;
  kinds: SecretKind[];
  /** Where that string starts; the top of the file when the document cannot tell. */
  line: number;
  column: number;
}

/**
 * Redacts a parsed document's data in place, before anything validates or reports it, so no
 * message, excerpt or output format can echo a credential-like value; returns where each was.
 */
export function redactDocument(doc: SourceDoc): SecretHit[] {
  const found = redactData(doc.data, doc.text.length);
  if (found.length === 0) return [];
  return found
    .map(({ path, kinds }) => {
      const pos: Position = doc.locate(path) ?? { line: 1, column: 1 };
      return { file: doc.file, path, kinds, line: pos.line, column: pos.column };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column || compareStrings(a.path.join("."), b.path.join(".")));
}
