import type { z } from "zod";
import { didYouMean } from "./closest.js";
import { diagnostic, ProblemList, type Diagnostic } from "./diagnostic.js";
import type { Path, SourceDoc } from "./sourceDoc.js";

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || "(document)";
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `"${v.length > 40 ? `${v.slice(0, 37)}...` : v}"`;
  return `${typeof v} ${String(v)}`;
}

/** The schema that validates the value at `path`, looking through wrappers. */
function schemaAt(schema: AnySchema | undefined, path: Path): AnySchema | undefined {
  let s = unwrap(schema);
  for (const seg of path) {
    if (!s) return undefined;
    const def = s._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; options?: AnySchema[] };
    if (def.type === "object" && typeof seg === "string") s = unwrap(def.shape?.[seg]);
    else if (def.type === "array") s = unwrap(def.element);
    else if (def.type === "union") {
      s = def.options?.map((o) => schemaAt(o, [seg])).find((x) => x !== undefined);
    } else return undefined;
  }
  return s;
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 10; i++) {
    const def = s._zod.def as { type: string; innerType?: AnySchema; getter?: () => AnySchema; in?: AnySchema };
    if (def.innerType) s = def.innerType;
    else if (def.type === "lazy" && def.getter) s = def.getter();
    else if (def.type === "pipe" && def.in) s = def.in;
    else break;
  }
  return s;
}

/** Field names an object schema at `path` accepts, for "did you mean". */
export function knownKeysAt(schema: AnySchema, path: Path): string[] {
  const s = schemaAt(schema, path);
  if (!s) return [];
  const def = s._zod.def as { type: string; shape?: Record<string, unknown>; options?: AnySchema[] };
  if (def.type === "object") return Object.keys(def.shape ?? {});
  if (def.type === "union") return (def.options ?? []).flatMap((o) => knownKeysAt(o, []));
  return [];
}

/**
 * Turns zod issues into positioned diagnostics a person can act on: the first
 * LISTED_PROBLEMS of them, and a line counting the others.
 */
export function zodIssuesToDiagnostics(issues: readonly Issue[], doc: SourceDoc, schema: AnySchema): Diagnostic[] {
  const out = new ProblemList(doc.file);
  collectIssues(issues, doc, schema, [], out);
  return out.toArray();
}

function collectIssues(issues: readonly Issue[], doc: SourceDoc, schema: AnySchema, base: Path, out: ProblemList): void {
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Array<string | number>)];
    const where = formatPath(path);
    const actual = valueAt(doc.data, path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          // A union knows the keys of all its branches, this one among them.
          const hint = didYouMean(key, knownKeysAt(schema, path).filter((k) => k !== key));
          out.add(() => diagnostic(doc.file, doc.locateKey([...path, key]), `unknown field "${key}" in ${where}${hint}`));
        }
        break;
      case "invalid_type":
        if (actual === undefined) {
          out.add(() => diagnostic(doc.file, doc.locate(path), `missing required field "${String(path.at(-1))}"${path.length > 1 ? ` in ${formatPath(path.slice(0, -1))}` : ""}`));
        } else {
          // A schema that words its own expectation (a date, say) says more than "expected string".
          const expected = issue.message.startsWith("Invalid input") ? `expected ${issue.expected}` : issue.message;
          out.add(() => diagnostic(doc.file, doc.locate(path), `${where}: ${expected}, got ${describeValue(actual)}`));
        }
        break;
      case "invalid_value": {
        const values = issue.values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
        const expected = values.length === 1 ? `"${values[0]}"` : `one of ${values.join(" | ")}`;
        out.add(() => diagnostic(doc.file, doc.locate(path), `${where}: expected ${expected}, got ${describeValue(actual)}${typeof actual === "string" ? didYouMean(actual, values) : ""}`));
        break;
      }
      case "invalid_union": {
        // A discriminated union names its values as an enum does, and reads as one.
        const options = (issue as { options?: unknown[] }).options;
        if (issue.errors.length === 0 && options?.every((o) => typeof o === "string")) {
          const values = options as string[];
          const hint = typeof actual === "string" ? didYouMean(actual, values) : "";
          out.add(() => diagnostic(doc.file, doc.locate(path), `${where}: expected one of ${values.join(" | ")}, got ${describeValue(actual)}${hint}`));
          break;
        }
        // Report the branch that got furthest: the one whose issues are not a type mismatch at the union itself.
        const branch = issue.errors.find((b) => !b.every((i) => i.code === "invalid_type" && i.path.length === 0));
        if (branch) collectIssues(branch, doc, schema, path, out);
        else out.add(() => diagnostic(doc.file, doc.locate(path), `${where}: ${issue.message}, got ${describeValue(actual)}`));
        break;
      }
      default:
        out.add(() => diagnostic(doc.file, doc.locate(path), `${where}: ${issue.message}`));
    }
  }
}
