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
  // Per open node: where its content starts, and whether it is quoted or a flow collection.
  const starts: number[] = [];
  const flowish: boolean[] = [];
  let flowOpen = 0;
  let found = false;

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

  const listener = (event: string, state: { position: number }): void => {
    if (event === "open") {
      const at = contentFrom(state.position);
      const c = text.charCodeAt(at);
      const isFlow = c === 34 || c === 39 || c === 91 || c === 123;
      starts.push(at);
      flowish.push(isFlow);
      if (isFlow) flowOpen++;
      return;
    }
    const at = starts.pop()!;
    const isFlow = flowish.pop()!;
    if (!isFlow) return;
    flowOpen--;
    // Inside another flow node the outermost one answers for every line; the root may be anywhere.
    if (found || flowOpen > 0 || starts.length === 0) return;
    const end = state.position;
    let nl = text.indexOf("\n", at);
    if (nl === -1 || nl >= end) return;
    let bar = text.lastIndexOf("\n", at - 1) + 1;
    const lineStart = bar;
    for (;;) {
      while (text.charCodeAt(bar) === SP) bar++;
      if (text.charCodeAt(bar) === DASH && text.charCodeAt(bar + 1) === SP) bar++;
      else break;
    }
    const column = bar - lineStart;
    for (; nl !== -1 && nl < end; nl = text.indexOf("\n", nl + 1)) {
      let i = nl + 1;
      while (text.charCodeAt(i) === SP) i++;
      const c = text.charCodeAt(i);
      if (i >= end) break;
      if (c === NL || c === CR) continue;
      if (i - (nl + 1) <= column) {
        found = true;
        return;
      }
    }
  };
  return { listener: listener as IndentWatch["listener"], found: () => found };
}
