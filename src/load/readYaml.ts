import jsYaml from "js-yaml";
import { fastLocator } from "./fastLocate.js";
import { parseYaml, type ParseResult } from "./parseYaml.js";
import type { SourceDoc } from "./sourceDoc.js";

/** An anchor or alias token; documents with them take the exact path, which caps expansion. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,\]}]/m;

/**
 * The data path for large inputs: js-yaml (or JSON.parse for `.json`) reads the data, and
 * positions are found only when a finding or a message asks for one, by walking the text
 * alongside the data. Anything unusual — a parse error, anchors or aliases, a position the
 * walk is not sure of — goes to the exact `yaml` parser, so every input keeps one meaning.
 */
export function readYaml(file: string, text: string): ParseResult {
  if (ANCHOR_OR_ALIAS.test(text)) return parseYaml(file, text);
  let data: unknown;
  try {
    data = file.endsWith(".json") ? JSON.parse(text) : jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
  } catch {
    // Let the exact parser find and word the problem, with its position.
    return parseYaml(file, text);
  }
  let exact: SourceDoc | undefined;
  const slow = (): SourceDoc => {
    if (!exact) {
      const r = parseYaml(file, text);
      // The fast parse succeeded, so the exact one does too; if not, it is a bug worth seeing.
      if (!r.ok) throw new Error(`${file}: the two YAML parsers disagree: ${r.diagnostics[0]?.message}`);
      exact = r.doc;
    }
    return exact;
  };
  const locate = fastLocator(text);
  return {
    ok: true,
    doc: {
      file,
      text,
      data: data === undefined ? null : data,
      locate: (path) => locate(path, data) ?? slow().locate(path),
      // Only asked for in error messages, which are rare: the exact parser answers.
      locateKey: (path) => slow().locateKey(path),
    },
  };
}
