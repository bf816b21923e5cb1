import type { Path } from "../../sourceDoc.js";

export type SecretRef = { kind: "named"; name: string; path: Path } | { kind: "all"; path: Path };

/** The `secrets` context itself, not a property of another (`inputs.secrets`, `my-secrets`). */
const CONTEXT = String.raw`(?<![\w.-])secrets`;
const DOTTED = new RegExp(String.raw`${CONTEXT}\.([A-Za-z_][A-Za-z0-9_-]*)`, "g");
const INDEXED = new RegExp(String.raw`${CONTEXT}\[\s*(?:'([^']+)'|"([^"]+)")\s*\]`, "g");
/** `toJSON(secrets)`, or `secrets[...]` with a computed name: every secret, not one. */
const WHOLE = new RegExp(String.raw`${CONTEXT}\b(?!\s*\.|\s*\[\s*['"])`);

/**
 * Every secret an expression inside `value` names, with the path of the string that names
 * it; names only, the values never exist in a workflow. Without recursion (files are data).
 */
export function secretRefs(value: unknown, base: Path): SecretRef[] {
  const out: SecretRef[] = [];
  const stack: Array<{ v: unknown; path: Path }> = [{ v: value, path: base }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      for (const expr of expressions(v)) out.push(...inExpression(expr, path));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i]![1], path: [...path, entries[i]![0]] });
    }
  }
  return out;
}

/** The insides of each `${{ … }}`, by scanning: a pattern would go back over the rest of the text for each opening left unclosed. */
function* expressions(text: string): Generator<string> {
  for (let at = text.indexOf("${{"); at !== -1; ) {
    const end = text.indexOf("}}", at + 3);
    if (end === -1) return;
    yield text.slice(at + 3, end);
    at = text.indexOf("${{", end + 2);
  }
}

function inExpression(expr: string, path: Path): SecretRef[] {
  const out: SecretRef[] = [];
  for (const m of expr.matchAll(DOTTED)) out.push({ kind: "named", name: m[1]!, path });
  for (const m of expr.matchAll(INDEXED)) out.push({ kind: "named", name: (m[1] ?? m[2])!, path });
  if (WHOLE.test(expr)) out.push({ kind: "all", path });
  return out;
}
