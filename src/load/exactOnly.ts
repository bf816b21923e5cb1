import { commentBeforeValue } from "./parseYaml.js";

/**
 * Constructs js-yaml reads differently from the exact parser, or accepts where the exact
 * parser refuses. A text js-yaml has read that holds any of them is read again by the
 * exact parser, which then refuses it or gives the same data (test/unit/yamlTestSuite.test.ts
 * holds every reader to that on the official YAML test suite). Each pattern may match
 * more than the construct (inside a quoted string, say): that costs time, never meaning.
 */
/**
 * Anchors and aliases: js-yaml does not cap alias expansion, the exact parser does. `:` may
 * precede one because a flow value may follow a quoted key without a space (`{"a":*b}`).
 */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:])[&*][^\s,\]}]/m;

const EXACT_ONLY: ReadonlyArray<RegExp> = [
  // A tag starts a node wherever an anchor may. js-yaml reads some tags the exact parser
  // refuses (`!`, `!<tag:yaml.org,2002:str>`, `!!float 1`): only it decides which may stand.
  /(?:^|[\s[{,:])!/m,
  // An explicit key (`? `), which may be a list or mapping: js-yaml joins `[a, b]` into
  // "a,b" and a mapping into "[object Object]", where the exact parser writes "[ a, b ]".
  /(?:^|[\s[{,])\?(?:[\s,[\]{}]|$)/m,
  // A flow collection as an implicit key (`[a]: b`, `{a: b}: c`), likewise.
  /[\]}][ \t]*:/,
  // An empty key (`: x`, `[ : x ]`): js-yaml names it "null", the exact parser "".
  /(?:^|[[{,?]|(?:^|\s)-)[ \t]*:(?=[\s,[\]{}]|$)/m,
  // A null key (`~: x`, `null: x`), likewise.
  /(?:^|[\s[{,?])(?:~|null|Null|NULL)[ \t]*:(?=[\s,[\]{}]|$)/m,
  // A directive other than one `%YAML 1.1` or `1.2` (which both readers read as YAML 1.2):
  // js-yaml ignores unknown ones, `%YAML 1.3` and a repeated `%YAML`; the exact parser does not.
  /^%(?!YAML[ \t]+1\.[12][ \t]*(?:#[^\n]*)?\r?$)/m,
  /^%YAML\b[\s\S]*^%YAML\b/m,
  // Something after a document marker on its line: js-yaml reads `---word` as a marker
  // and `--- a: b` with keys below it, both refused or read otherwise by the exact parser.
  /^(?:---|\.\.\.)(?![ \t]*(?:#[^\n]*)?\r?$)/m,
  // A tab in indentation, which js-yaml lets through in block scalars, flow collections
  // and quoted continuation lines.
  /^ *\t/m,
  // A comment with no space before it, after a quoted scalar or a flow indicator.
  /["'[\]{},]#/,
  // A block scalar whose first lines hold only spaces: js-yaml does not check them against
  // the indentation of the content that follows.
  /[|>][1-9+-]{0,2}[ \t]*(?:#[^\n]*)?\r?\n(?:\r?\n)*[ \t]+\r?\n/,
  // A block scalar alone on its line, as a document is (and a value may be): as the
  // document, its lines may sit left of its indicator, and js-yaml reads them otherwise.
  /^(?:[ ]*|---[ \t]+)[|>]/m,
];

/** A list entry left empty (`-` and nothing after it on its line), wherever it stands on the line. */
const EMPTY_ENTRY = /(?:^|[ ])-[ \t]*(?:#[^\n\r]*)?\r?$/gm;
/** The next line with content: its indentation and whether it is a list entry. */
const NEXT_CONTENT = /\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)(-(?=[ \t\r\n]|$))?/y;

/**
 * An empty list entry followed by an entry less indented than its dash. js-yaml takes that
 * entry into the list of the empty one (`- -\n- a` becomes [[null, "a"]], the exact parser
 * reads [[null], "a"]), and reads a document whose first entries are indented past later
 * ones where the exact parser refuses it.
 */
function emptyEntryBeforeOuterDash(text: string): boolean {
  EMPTY_ENTRY.lastIndex = 0;
  for (let m = EMPTY_ENTRY.exec(text); m; m = EMPTY_ENTRY.exec(text)) {
    const dash = m.index + m[0].indexOf("-");
    const column = dash - (text.lastIndexOf("\n", dash - 1) + 1);
    NEXT_CONTENT.lastIndex = text.indexOf("\n", dash);
    if (NEXT_CONTENT.lastIndex === -1) return false;
    const next = NEXT_CONTENT.exec(text);
    if (next?.[2] !== undefined && next[1]!.length < column) return true;
  }
  return false;
}

/** Whether js-yaml's reading of `text` must not be used: the exact parser reads it, and refuses or agrees. */
export function exactOnly(text: string, { anchors = true }: { anchors?: boolean } = {}): boolean {
  // js-yaml reads a comment before a value as YAML says; the exact parser refuses it (parseYaml.ts).
  return (anchors && ANCHOR_OR_ALIAS.test(text)) || EXACT_ONLY.some((re) => re.test(text)) || emptyEntryBeforeOuterDash(text) || commentBeforeValue(text) !== undefined;
}
