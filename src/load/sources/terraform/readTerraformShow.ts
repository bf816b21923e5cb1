import { diagnostic, InputError, type Diagnostic } from "../../diagnostic.js";
import { readYaml } from "../../readYaml.js";
import type { Path, SourceDoc } from "../../sourceDoc.js";
import type { TerraformFacts, TerraformResource } from "./types.js";

export const TERRAFORM_STATE_LABEL = "a Terraform state from `terraform show -json` (JSON with `format_version` and `values.root_module`)";
export const TERRAFORM_PLAN_LABEL = "a Terraform plan from `terraform show -json plan.out` (JSON with `format_version` and `planned_values`)";

/**
 * Attributes whose value `terraform show -json` prints in plain text, whether or not the
 * provider marks them in `sensitive_values`: they are dropped and only their place is kept.
 */
const SENSITIVE = new Set([
  "secret", "private_key", "value", "encrypted_value", "password", "ses_smtp_password_v4", "plaintext_value",
  "encrypted_secret", "key_secret", "token", "client_secret", "private_key_pem", "secret_access_key",
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const hasValue = (v: unknown): boolean =>
  v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0) && !(isObject(v) && Object.keys(v).length === 0);

/** Cheap, before parsing: every `terraform show -json` output starts its object with these keys. */
const MEANT = /^\s*\{\s*"format_version"\s*:/;

/**
 * The NHI-relevant resources of a `terraform show -json` state or plan, or undefined when the
 * file is other JSON (and not `mustBe` this `kind`). Throws an InputError, at file:line:column,
 * for one that is this kind and cannot be read.
 */
export function readTerraformShow(file: string, text: string, mustBe: boolean, kind: TerraformFacts["kind"]): TerraformFacts | undefined {
  const label = kind === "terraform-state" ? TERRAFORM_STATE_LABEL : TERRAFORM_PLAN_LABEL;
  if (!mustBe && !MEANT.test(text)) return undefined;
  const sources = new Map([[file, text]]);
  if (text.trim() === "") throw new InputError([diagnostic(file, { line: 1, column: 1 }, `empty file: expected ${label}`)], sources);
  const parsed = readYaml(file, text);
  if (!parsed.ok) {
    // Broken JSON that starts like Terraform's is the state reader's to report, once.
    if (mustBe || kind === "terraform-state") throw new InputError(parsed.diagnostics, sources);
    return undefined;
  }
  const doc = parsed.doc;
  const data = doc.data;
  const isPlan = isObject(data) && "planned_values" in data;
  const isState = isObject(data) && "values" in data && !isPlan;
  if (!isObject(data) || !("format_version" in data) || (kind === "terraform-plan" ? !isPlan : !isState)) {
    if (!mustBe) return undefined;
    throw new InputError([diagnostic(file, doc.locate([]), `not ${kind === "terraform-plan" ? "a Terraform plan" : "a Terraform state"}: expected ${label}`)], sources);
  }
  const problems: Diagnostic[] = [];
  const resources: TerraformResource[] = [];
  if (kind === "terraform-state") {
    const root = (data.values as Json | null)?.root_module;
    if (data.values !== null && root !== undefined) walkModule(doc, ["values", "root_module"], root, resources, problems);
  } else {
    const changes = data.resource_changes;
    if (changes !== undefined && !Array.isArray(changes)) problems.push(diagnostic(file, doc.locate(["resource_changes"]), "`resource_changes` must be a list of resource changes"));
    (Array.isArray(changes) ? changes : []).forEach((c, i) => {
      const path: Path = ["resource_changes", i];
      const change = isObject(c) ? c.change : undefined;
      if (!isObject(c) || typeof c.address !== "string" || typeof c.type !== "string" || !isObject(change) || !Array.isArray(change.actions)) {
        problems.push(diagnostic(file, doc.locate(path), "a resource change must have `address`, `type` and `change.actions`"));
        return;
      }
      const actions = change.actions.filter((a): a is string => typeof a === "string");
      // What is deleted has no `after`: its `before` names it.
      const side = isObject(change.after) ? "after" : "before";
      const values = isObject(change[side]) ? (change[side] as Json) : {};
      const marks = change[`${side}_sensitive`];
      resources.push(resource(doc, path, [...path, "change", side], c.address, c.type, values, marks, actions));
    });
  }
  if (problems.length) throw new InputError(problems, sources);
  return { file, kind, resources };
}

function walkModule(doc: SourceDoc, path: Path, module: unknown, out: TerraformResource[], problems: Diagnostic[]): void {
  if (!isObject(module)) {
    problems.push(diagnostic(doc.file, doc.locate(path), "a module must be an object with `resources` and `child_modules`"));
    return;
  }
  const list = (key: string): unknown[] => {
    const v = module[key];
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    problems.push(diagnostic(doc.file, doc.locate([...path, key]), `\`${key}\` must be a list`));
    return [];
  };
  list("resources").forEach((r, i) => {
    const at: Path = [...path, "resources", i];
    if (!isObject(r) || typeof r.address !== "string" || typeof r.type !== "string") {
      problems.push(diagnostic(doc.file, doc.locate(at), "a resource must have `address` and `type`"));
      return;
    }
    out.push(resource(doc, at, [...at, "values"], r.address, r.type, isObject(r.values) ? r.values : {}, r.sensitive_values));
  });
  list("child_modules").forEach((m, i) => walkModule(doc, [...path, "child_modules", i], m, out, problems));
}

/** The resource with its sensitive values dropped (named above, or marked `true` by Terraform), their places kept. */
function resource(doc: SourceDoc, at: Path, valuesAt: Path, address: string, type: string, values: Json, marks: unknown, actions?: string[]): TerraformResource {
  const marked = isObject(marks) ? marks : {};
  const kept: Json = {};
  const sensitive: TerraformResource["sensitive"] = [];
  for (const [k, v] of Object.entries(values)) {
    if (SENSITIVE.has(k) || marked[k] === true) {
      if (hasValue(v)) sensitive.push({ attribute: k, path: [...valuesAt, k], at: doc.locate([...valuesAt, k]) ?? { line: 1, column: 1 } });
    } else kept[k] = v;
  }
  return { address, type, values: kept, sensitive, at: doc.locate(at) ?? { line: 1, column: 1 }, ...(actions ? { actions } : {}) };
}
