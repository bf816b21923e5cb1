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
/** How deep into plain objects and arrays a list to write in pieces is looked for. */
const REACH = 6;
const indent = (json: string | undefined, by: string): string => (json ?? "null").replaceAll("\n", by);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof LazyList) && typeof (v as { toJSON?: unknown }).toJSON !== "function";

/** A list to write in pieces: a LazyList, or an array longer than one piece. */
function asList(v: unknown): LazyList<unknown> | undefined {
  if (v instanceof LazyList) return v as LazyList<unknown>;
  return Array.isArray(v) && v.length > CHUNK ? new LazyList(v, (x) => x) : undefined;
}

/** Whether `v` is, or holds within REACH levels, a list to write in pieces. */
function holdsList(v: unknown, depth: number): boolean {
  if (asList(v)) return true;
  if (depth >= REACH) return false;
  if (Array.isArray(v)) return v.some((x) => holdsList(x, depth + 1));
  return isRecord(v) && Object.values(v).some((x) => holdsList(x, depth + 1));
}

/** Object keys as JSON.stringify writes them: those whose value it would not leave out. */
const written = (v: Record<string, unknown>) => Object.keys(v).filter((k) => v[k] !== undefined && typeof v[k] !== "function" && typeof v[k] !== "symbol");

function* pieces(value: unknown, pad: string, depth: number): Generator<string> {
  const list = asList(value);
  if (list) {
    if (list.items.length === 0) {
      yield "[]";
      return;
    }
    yield "[\n";
    for (let i = 0; i < list.items.length; i += CHUNK) {
      // One stringify per piece: "[\n  a,\n  b\n]" less its brackets, moved to this list's indentation.
      const json = JSON.stringify(list.items.slice(i, i + CHUNK).map((item) => list.toDocument(item)), null, 2);
      yield `${pad.slice(2)}${indent(json.slice(2, -2), `\n${pad.slice(2)}`)}${i + CHUNK < list.items.length ? ",\n" : "\n"}`;
    }
    yield `${pad.slice(2)}]`;
    return;
  }
  if (!holdsList(value, depth)) {
    yield indent(JSON.stringify(value, null, 2), `\n${pad.slice(2)}`);
    return;
  }
  if (Array.isArray(value)) {
    yield "[\n";
    for (const [i, item] of value.entries()) {
      yield pad;
      // As JSON.stringify does, a value it cannot write is null in a list.
      yield* pieces(item === undefined || typeof item === "function" || typeof item === "symbol" ? null : item, `${pad}  `, depth + 1);
      yield i < value.length - 1 ? ",\n" : "\n";
    }
    yield `${pad.slice(2)}]`;
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = written(record);
  yield "{\n";
  for (const [k, key] of keys.entries()) {
    yield `${pad}${JSON.stringify(key)}: `;
    yield* pieces(record[key], `${pad}  `, depth + 1);
    yield k < keys.length - 1 ? ",\n" : "\n";
  }
  yield `${pad.slice(2)}}`;
}

/**
 * The same bytes as `JSON.stringify(doc, null, 2)` plus a newline, in pieces: every list
 * written in pieces (a `LazyList`, or an array longer than one piece, found through plain
 * objects and arrays up to REACH levels deep) is written a few hundred items at a time, so
 * a report of a few hundred MB is never one string and its item documents are never all
 * alive at once.
 */
export function* jsonChunks(doc: unknown): Generator<string> {
  yield* pieces(doc, "  ", 0);
  yield "\n";
}
