import type jsYaml from "js-yaml";

const SP = 32;
const NL = 10;
const CR = 13;
const HASH = 35;
const DASH = 45;

/** A listener for js-yaml's load, and whether what it saw needs the exact parser's word. */
export interface IndentWatch {
  listener: NonNullable<jsYaml.LoadOptions["listener"]>;
  found(): boolean;
}

/**
 * Watches js-yaml compose a document for a quoted scalar or flow collection that goes on
 * over several lines, in block context, with a line not indented past the line it starts
 * on. YAML requires those lines to be indented more than the mapping or list around the
 * node; js-yaml does not check, so `key: [a,\nb]` and `key: "a\nb"` at column 0 would be
 * read where the exact parser refuses them. The bar used here (the column after any `- `
 * on the starting line) is at least as high as YAML's, so it can only send more files to
 * the exact parser, never fewer. A document that is itself one flow collection may put
 * its lines anywhere.
 */
export function indentWatch(text: string): IndentWatch {
  // Per open node: where its content starts, and how deep it is (0 for the document itself).
  const starts: number[] = [];
  // Quoted scalars and flow collections that took more than one line, outermost last.
  const spans: Array<[start: number, end: number]> = [];

  const contentFrom = (i: number): number => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SP || c === NL || c === CR) i++;
      else if (c === HASH) {
        const nl = text.indexOf("\n", i);
        if (nl === -1) return text.length;
        i = nl + 1;
      } else return i;
    }
  };

  const listener = (event: string, state: { position: number; kind: string | null }): void => {
    if (event === "open") {
      starts.push(contentFrom(state.position));
      return;
    }
    const at = starts.pop()!;
    // The document itself may put its lines anywhere.
    if (starts.length === 0) return;
    const c = text.charCodeAt(at);
    // Known by its first character and its kind: a block mapping may start with a quoted key.
    const flow = state.kind === "scalar" ? c === 34 || c === 39 : state.kind === "sequence" ? c === 91 : state.kind === "mapping" && c === 123;
    if (!flow) return;
    const nl = text.indexOf("\n", at);
    if (nl !== -1 && nl < state.position) spans.push([at, state.position]);
  };

  const underIndented = ([at, end]: [number, number]): boolean => {
    let bar = text.lastIndexOf("\n", at - 1) + 1;
    const lineStart = bar;
    for (;;) {
      while (text.charCodeAt(bar) === SP) bar++;
      if (text.charCodeAt(bar) === DASH && text.charCodeAt(bar + 1) === SP) bar++;
      else break;
    }
    const column = bar - lineStart;
    for (let nl = text.indexOf("\n", at); nl !== -1 && nl < end; nl = text.indexOf("\n", nl + 1)) {
      let i = nl + 1;
      while (text.charCodeAt(i) === SP) i++;
      if (i >= end) break;
      const c = text.charCodeAt(i);
      if (c !== NL && c !== CR && i - (nl + 1) <= column) return true;
    }
    return false;
  };

  const found = (): boolean => {
    // A node closes before the one around it, so going back from the last, each node met
    // after an outer one and starting inside it is nested: the outer one answers for its lines.
    let outer = Infinity;
    for (let k = spans.length - 1; k >= 0; k--) {
      const span = spans[k]!;
      if (span[0] >= outer) continue;
      if (underIndented(span)) return true;
      outer = span[0];
    }
    return false;
  };
  return { listener: listener as IndentWatch["listener"], found };
}
