/** A list whose items become documents only when written. */
export class LazyList<T> {
  constructor(
    readonly items: readonly T[],
    readonly toDocument: (item: T) => unknown,
  ) {}

  toJSON(): unknown[] {
    return this.items.map(this.toDocument);
  }
}

const CHUNK = 512;
const indent = (json: string | undefined, by: string): string => (json ?? "null").replaceAll("\n", by);

/**
 * The same bytes as `JSON.stringify(doc, null, 2)` plus a newline, in pieces: the lists at
 * the top level (a `LazyList` or an array) are written a few hundred items at a time, so a
 * report of a few hundred MB is never one string and its item documents are never all
 * alive at once.
 */
export function* jsonChunks(doc: Readonly<Record<string, unknown>>): Generator<string> {
  // As JSON.stringify does, a field without a value is left out.
  const keys = Object.keys(doc).filter((k) => doc[k] !== undefined);
  if (keys.length === 0) {
    yield "{}\n";
    return;
  }
  yield "{\n";
  for (const [k, key] of keys.entries()) {
    const value = doc[key];
    const end = k === keys.length - 1 ? "\n" : ",\n";
    const list = value instanceof LazyList ? (value as LazyList<unknown>) : Array.isArray(value) ? new LazyList(value, (x) => x) : undefined;
    if (!list || list.items.length === 0) {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), "\n  ")}${end}`;
      continue;
    }
    yield `  ${JSON.stringify(key)}: [\n`;
    for (let i = 0; i < list.items.length; i += CHUNK) {
      // One stringify per piece: "[\n  a,\n  b\n]" less its brackets, two levels deeper.
      const json = JSON.stringify(list.items.slice(i, i + CHUNK).map((item) => list.toDocument(item)), null, 2);
      yield `  ${indent(json.slice(2, -2), "\n  ")}${i + CHUNK < list.items.length ? ",\n" : "\n"}`;
    }
    yield `  ]${end}`;
  }
  yield "}\n";
}
