/**
 * Characters a terminal or a log viewer acts on instead of showing: C0 and C1 controls (ESC
 * starts a sequence that can recolour, clear or retitle the terminal), the Unicode line and
 * paragraph separators (which split a line for many readers, though not for `\n`-splitting
 * tools), and the bidirectional overrides and isolates that make text display in an order
 * other than its own ("Trojan Source"). Ids, titles and pack texts come from other people's
 * files, so each of these is shown as one visible `·`, which keeps columns and carets aligned.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, with tab and newline kept for multi-line texts
const UNPRINTABLE_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHOWN = "\u00b7";

/** One line of output: every unprintable character, newline and tab included, becomes `·`. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE_LINE, SHOWN);
}

/** A text that may span lines: as printable(), with newlines and tabs kept. */
export function printableText(s: string): string {
  return s.replace(UNPRINTABLE_TEXT, SHOWN);
}

/**
 * Every string inside `value` with its unprintable characters shown as `·` (newlines and tabs
 * kept: descriptions span lines). Objects without such a string are returned as they are, and
 * an object shared by many findings is cleaned once and stays shared.
 */
export function printableDeep<T>(value: T): T {
  return clean(value, new Map()) as T;
}

function clean(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === "string") {
    UNPRINTABLE_TEXT.lastIndex = 0;
    return UNPRINTABLE_TEXT.test(value) ? value.replace(UNPRINTABLE_TEXT, SHOWN) : value;
  }
  if (typeof value !== "object" || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  seen.set(value, value);
  let copy: object | undefined;
  if (Array.isArray(value)) {
    const list = value as unknown[];
    let items: unknown[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const v = clean(list[i], seen);
      if (v !== list[i]) (items ??= list.slice())[i] = v;
    }
    copy = items;
  } else if (value instanceof Map || value instanceof Set) {
    // Reports hold plain data; a Map or Set is passed through rather than half-cleaned.
    return value;
  } else {
    const record = value as Record<string, unknown>;
    let fields: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      const v = clean(record[key], seen);
      if (v !== record[key]) (fields ??= { ...record })[key] = v;
    }
    copy = fields;
  }
  if (copy === undefined) return value;
  seen.set(value, copy);
  return copy;
}
