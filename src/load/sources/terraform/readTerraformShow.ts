import { diagnostic, InputError, type Diagnostic } from "../../diagnostic.js";
import { readYaml } from "../../readYaml.js";
import type { Path, SourceDoc } from "../../sourceDoc.js";
import type { TerraformFacts, TerraformResource, TerraformSecret } from "./types.js";

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
  const data: Json = isObject(doc.data) ? doc.data : {};
  const isPlan = isObject(data) && "planned_values" in data;
  // An empty state is `{"format_version":"1.0"}` and nothing else.
  const isState = isObject(data) && !isPlan && ("values" in data || Object.keys(data).every((k) => k === "format_version" || k === "terraform_version"));
  const actual = !isObject(doc.data) || !("format_version" in data) ? undefined : isPlan ? "terraform-plan" : isState ? "terraform-state" : undefined;
  // A file claimed by its name (`*tfstate*.json`) is read as what it holds, a plan included.
  if (actual === undefined || (actual !== kind && !mustBe)) {
    if (!mustBe) return undefined;
    throw new InputError([diagnostic(file, doc.locate([]), `not ${kind === "terraform-plan" ? "a Terraform plan" : "a Terraform state"}: expected ${label}`)], sources);
  }
  const problems: Diagnostic[] = [];
  const resources: TerraformResource[] = [];
  const copies: TerraformResource[] = [];
  const outputs: TerraformSecret[] = [];
  if (actual === "terraform-state") {
    const values = isObject(data.values) ? data.values : {};
    if (values.root_module !== undefined) walkModule(doc, ["values", "root_module"], values.root_module, resources, problems);
    outputs.push(...outputSecrets(doc, ["values", "outputs"], values.outputs));
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
      // What is deleted has no `after`: its `before` names it. A replaced key's old value sits in `before`.
      const side = isObject(change.after) ? "after" : "before";
      const values = isObject(change[side]) ? (change[side] as Json) : {};
      const r = resource(doc, path, [...path, "change", side], c.address, c.type, values, change[`${side}_sensitive`], c.mode !== "data", actions);
      if (side === "after" && isObject(change.before)) r.sensitive.push(...resource(doc, path, [...path, "change", "before"], c.address, c.type, change.before, change.before_sensitive, false).sensitive);
      resources.push(r);
    });
    // The same values again, as the state before the plan and as planned: masked everywhere, reported once.
    const prior = isObject(data.prior_state) ? (data.prior_state as Json).values : undefined;
    if (isObject(prior) && prior.root_module !== undefined) walkModule(doc, ["prior_state", "values", "root_module"], prior.root_module, copies, problems);
    const planned = (data.planned_values as Json | null)?.root_module;
    if (isObject(planned)) walkModule(doc, ["planned_values", "root_module"], planned, copies, problems);
    outputs.push(...outputSecrets(doc, ["prior_state", "values", "outputs"], isObject(prior) ? prior.outputs : undefined));
    outputs.push(...outputSecrets(doc, ["planned_values", "outputs"], (data.planned_values as Json | null)?.outputs));
    outputs.push(...variableSecrets(doc, data));
  }
  if (problems.length) throw new InputError(problems, sources);
  const all = [...resources, ...copies].flatMap((r) => r.sensitive.map((x) => ({ address: r.address, ...x })));
  const secrets: TerraformSecret[] = [];
  const seen = new Set<string>();
  for (const s of [...all, ...outputs]) {
    const key = `${s.address}\u0000${s.attribute}`;
    if (!seen.has(key)) secrets.push(s);
    seen.add(key);
  }
  return { file, kind: actual, resources, secrets, masked: [...all, ...outputs].map((s) => s.at) };
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
    out.push(resource(doc, at, [...at, "values"], r.address, r.type, isObject(r.values) ? r.values : {}, r.sensitive_values, r.mode !== "data"));
  });
  list("child_modules").forEach((m, i) => walkModule(doc, [...path, "child_modules", i], m, out, problems));
}

/** The resource with its sensitive values dropped (named above, or marked `true` by Terraform at any depth), their places kept. */
function resource(doc: SourceDoc, at: Path, valuesAt: Path, address: string, type: string, values: Json, marks: unknown, managed: boolean, actions?: string[]): TerraformResource {
  const marked = isObject(marks) ? marks : {};
  const kept: Json = {};
  const sensitive: TerraformResource["sensitive"] = [];
  for (const [k, v] of Object.entries(values)) {
    const before = sensitive.length;
    if (SENSITIVE.has(k) || marked[k] === true) {
      if (hasValue(v)) sensitive.push({ attribute: k, path: [...valuesAt, k], at: doc.locate([...valuesAt, k]) ?? { line: 1, column: 1 } });
    } else markedWithin(doc, [...valuesAt, k], k, v, marked[k], sensitive);
    // An attribute with a secret anywhere inside is dropped whole: nothing reads nested values.
    if (sensitive.length === before && !SENSITIVE.has(k)) kept[k] = v;
  }
  return { address, type, managed, values: kept, sensitive, at: doc.locate(at) ?? { line: 1, column: 1 }, ...(actions ? { actions } : {}) };
}

/** Nested blocks mark their sensitive members with the same shape: `"kube_config": [{"client_key": true}]`. */
function markedWithin(doc: SourceDoc, path: Path, name: string, value: unknown, mark: unknown, out: TerraformResource["sensitive"]): void {
  if (mark === true) {
    if (hasValue(value)) out.push({ attribute: name, path, at: doc.locate(path) ?? { line: 1, column: 1 } });
    return;
  }
  if (Array.isArray(mark) && Array.isArray(value)) mark.forEach((m, i) => markedWithin(doc, [...path, i], `${name}[${i}]`, value[i], m, out));
  else if (isObject(mark) && isObject(value)) for (const [k, m] of Object.entries(mark)) markedWithin(doc, [...path, k], `${name}.${k}`, value[k], m, out);
}

/** Outputs declared `sensitive = true` are printed with their value all the same. */
function outputSecrets(doc: SourceDoc, path: Path, outputs: unknown): TerraformSecret[] {
  if (!isObject(outputs)) return [];
  return Object.entries(outputs).flatMap(([name, o]) => {
    if (!isObject(o) || o.sensitive !== true || !hasValue(o.value)) return [];
    const at = [...path, name, "value"];
    return [{ address: `output.${name}`, attribute: "value", path: at, at: doc.locate(at) ?? { line: 1, column: 1 } }];
  });
}

/** A plan prints every input variable's value, those the configuration declares `sensitive` included. */
function variableSecrets(doc: SourceDoc, data: Json): TerraformSecret[] {
  const root = isObject(data.configuration) ? data.configuration.root_module : undefined;
  const declared = isObject(root) && isObject(root.variables) ? root.variables : {};
  const values = isObject(data.variables) ? data.variables : {};
  return Object.entries(values).flatMap(([name, v]) => {
    const d = declared[name];
    if (!isObject(d) || d.sensitive !== true || !isObject(v) || !hasValue(v.value)) return [];
    const at = ["variables", name, "value"];
    return [{ address: `var.${name}`, attribute: "value", path: at, at: doc.locate(at) ?? { line: 1, column: 1 } }];
  });
}
