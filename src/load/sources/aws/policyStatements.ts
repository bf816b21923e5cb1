import type { Path, Position, SourceDoc } from "../../sourceDoc.js";

export interface Condition {
  operator: string;
  key: string;
  values: string[];
}

/** One statement of an IAM policy document, its lists normalised (a single string is a list of one). */
export interface PolicyStatement {
  allow: boolean;
  /** `Action`, or `NotAction` when `notAction`. */
  actions: string[];
  notAction: boolean;
  resources: string[];
  /** The `Principal`'s members by type; `Principal: "*"` is `{ AWS: ["*"] }`, as AWS reads it. */
  principals: Record<string, string[]>;
  conditions: Condition[];
  at: Position;
}

export type StatementsRead = { ok: true; statements: PolicyStatement[] } | { ok: false; at: Position; message: string };

const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The statements of the document at `path`. The CLI writes a document as JSON; the API (and
 * exports saved from it) as URL-encoded JSON text, whose statements all sit at the string's
 * place. Anything else is a problem at the document's place.
 */
export function policyStatements(doc: SourceDoc, path: Path, value: unknown): StatementsRead {
  const at = doc.locate(path) ?? { line: 1, column: 1 };
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value.trimStart().startsWith("{") ? value : decodeURIComponent(value));
    } catch {
      return { ok: false, at, message: "expected a policy document: JSON, or URL-encoded JSON as the IAM API returns it" };
    }
  }
  if (!isRecord(data)) return { ok: false, at, message: "expected a policy document (a JSON object with `Statement`)" };
  const inFile = typeof value !== "string";
  const list = Array.isArray(data.Statement) ? data.Statement : data.Statement === undefined ? [] : [data.Statement];
  const statements: PolicyStatement[] = [];
  for (const [k, s] of list.entries()) {
    const where = inFile ? (doc.locate(Array.isArray(data.Statement) ? [...path, "Statement", k] : [...path, "Statement"]) ?? at) : at;
    if (!isRecord(s)) return { ok: false, at: where, message: "expected a policy statement (a JSON object with `Effect` and `Action`)" };
    statements.push({
      allow: s.Effect === "Allow",
      actions: strings(s.Action ?? s.NotAction),
      notAction: s.Action === undefined && s.NotAction !== undefined,
      resources: strings(s.Resource),
      principals: principals(s.Principal),
      conditions: conditions(s.Condition),
      at: where,
    });
  }
  return { ok: true, statements };
}

function principals(p: unknown): Record<string, string[]> {
  if (p === "*") return { AWS: ["*"] };
  if (!isRecord(p)) return {};
  return Object.fromEntries(Object.entries(p).map(([type, members]) => [type, strings(members)]));
}

function conditions(c: unknown): Condition[] {
  if (!isRecord(c)) return [];
  return Object.entries(c).flatMap(([operator, keys]) =>
    isRecord(keys) ? Object.entries(keys).map(([key, v]) => ({ operator, key, values: typeof v === "boolean" ? [String(v)] : strings(v) })) : [],
  );
}
