import { compareStrings } from "../../../engine/compare.js";
import { diagnostic, InputError, type Diagnostic } from "../../diagnostic.js";
import { readYaml } from "../../readYaml.js";
import { redactText } from "../../../redact/redactText.js";
import { isCalendarDate } from "../../schema/common.js";
import type { Path, SourceDoc } from "../../sourceDoc.js";
import { zodIssuesToDiagnostics } from "../../zodIssues.js";
import { AuthorizationDetails, DETAIL_LISTS } from "./authorizationDetailsSchema.js";
import { policyGrants, type Grants } from "./policyGrants.js";
import { policyStatements } from "./policyStatements.js";
import { trustPolicy } from "./trustPolicy.js";
import type { AuthorizationDetailsFacts, AwsPrincipal } from "./types.js";

export const AUTHORIZATION_DETAILS_LABEL = "an AWS authorization-details export (JSON with `UserDetailList`, `RoleDetailList` or `GroupDetailList`)";

/** AWS managed policies live in the `aws` account: they are named, not expanded, as their names are what people know. */
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

type Attached = ReadonlyArray<{ PolicyName: string; PolicyArn: string }>;
type Inline = ReadonlyArray<{ PolicyName: string; PolicyDocument: unknown }>;

const isDetails = (data: unknown): data is Record<string, unknown> =>
  data !== null && typeof data === "object" && !Array.isArray(data) && DETAIL_LISTS.some((k) => k in data);

/**
 * The users and roles of `aws iam get-account-authorization-details`, each with what its
 * inline, group and managed policies grant, or undefined when the file is other JSON (and
 * not `mustBe` this). Throws an InputError for an export it cannot read, at file:line:column.
 */
export function readAuthorizationDetails(file: string, text: string, mustBe: boolean): { facts: AuthorizationDetailsFacts } | undefined {
  const meant = mustBe || /"(?:UserDetailList|RoleDetailList|GroupDetailList)"\s*:/.test(text);
  if (!meant) return undefined;
  const sources = new Map([[file, text]]);
  if (text.trim() === "") throw new InputError([diagnostic(file, { line: 1, column: 1 }, `empty file: expected ${AUTHORIZATION_DETAILS_LABEL}`)], sources);
  const parsed = readYaml(file, text);
  if (!parsed.ok) throw new InputError(parsed.diagnostics, sources);
  const doc = parsed.doc;
  if (!isDetails(doc.data)) {
    if (!mustBe) return undefined;
    throw new InputError([diagnostic(file, doc.locate([]), `not an authorization-details export: expected ${AUTHORIZATION_DETAILS_LABEL}`)], sources);
  }
  // Not redacted as a whole, unlike a workflow: the export holds no credential by design, and
  // the identifiers AWS assigns (AIDA… user ids, ARNs, AWSReservedSSO_… role names) look
  // like keys to the detectors, which would turn every name into a marker. What is copied
  // (names in ids, policy names, sub conditions) is redacted where it is copied.
  const checked = AuthorizationDetails.safeParse(doc.data);
  if (!checked.success) throw new InputError(zodIssuesToDiagnostics(checked.error.issues, doc, AuthorizationDetails), sources);
  const problems: Diagnostic[] = [];
  const facts = principals(doc, checked.data, problems);
  if (problems.length) throw new InputError(problems, sources);
  return { facts: { file, principals: facts } };
}

function principals(doc: SourceDoc, d: AuthorizationDetails, problems: Diagnostic[]): AwsPrincipal[] {
  const grantsOf = (policy: string, path: Path, document: unknown): Grants => {
    const read = policyStatements(doc, path, document);
    if (read.ok) return policyGrants(policy, read.statements);
    problems.push(diagnostic(doc.file, read.at, read.message));
    return { privileges: [], observed: [] };
  };
  // A customer managed policy's grants are those of its default version.
  const managed = new Map<string, () => Grants>();
  d.Policies?.forEach((p, i) => {
    const v = p.PolicyVersionList?.findIndex((x) => x.IsDefaultVersion === true || (p.DefaultVersionId !== undefined && x.VersionId === p.DefaultVersionId)) ?? -1;
    let read: Grants | undefined;
    // Read once, when something attaches it: a policy attached to many roles is reported once.
    if (v !== -1) managed.set(p.Arn, () => (read ??= grantsOf(p.PolicyName, ["Policies", i, "PolicyVersionList", v, "Document"], p.PolicyVersionList![v]!.Document)));
  });
  const attached = (list: Attached | undefined): Grants[] =>
    (list ?? []).map((a) => {
      if (AWS_MANAGED.test(a.PolicyArn)) return { privileges: [redactText(`aws:policy/${a.PolicyName}`)], observed: [] };
      // A customer policy the export does not include (filtered out) is known by its name only.
      return managed.get(a.PolicyArn)?.() ?? { privileges: [redactText(`aws:customer-policy/${a.PolicyName}`)], observed: [] };
    });
  const inline = (list: Inline | undefined, base: Path): Grants[] =>
    (list ?? []).map((p, i) => grantsOf(`inline:${p.PolicyName}`, [...base, i, "PolicyDocument"], p.PolicyDocument));
  const groups = new Map<string, Grants[]>();
  d.GroupDetailList?.forEach((g, i) => groups.set(g.GroupName, [...attached(g.AttachedManagedPolicies), ...inline(g.GroupPolicyList, ["GroupDetailList", i, "GroupPolicyList"])]));
  const out: AwsPrincipal[] = [];
  d.UserDetailList?.forEach((u, i) => {
    const grants = [...attached(u.AttachedManagedPolicies), ...inline(u.UserPolicyList, ["UserDetailList", i, "UserPolicyList"]), ...(u.GroupList ?? []).flatMap((g) => groups.get(g) ?? [])];
    out.push({ kind: "user", name: u.UserName, arn: u.Arn, at: doc.locate(["UserDetailList", i]) ?? { line: 1, column: 1 }, ...joined(grants) });
  });
  d.RoleDetailList?.forEach((r, i) => {
    const grants = [...attached(r.AttachedManagedPolicies), ...inline(r.RolePolicyList, ["RoleDetailList", i, "RolePolicyList"])];
    const trustRead = r.AssumeRolePolicyDocument === undefined ? undefined : policyStatements(doc, ["RoleDetailList", i, "AssumeRolePolicyDocument"], r.AssumeRolePolicyDocument);
    if (trustRead && !trustRead.ok) problems.push(diagnostic(doc.file, trustRead.at, trustRead.message));
    const trust = trustRead?.ok ? trustPolicy(r.Arn, trustRead.statements) : undefined;
    const used = r.RoleLastUsed?.LastUsedDate;
    const { privileges, observed } = joined(grants);
    out.push({
      kind: "role",
      name: r.RoleName,
      arn: r.Arn,
      at: doc.locate(["RoleDetailList", i]) ?? { line: 1, column: 1 },
      privileges,
      observed: [...(trust?.observed ?? []), ...observed],
      ...(trust?.oidc ? { oidc: true } : {}),
      ...(trust?.saml ? { saml: true } : {}),
      ...(used !== undefined && isCalendarDate(used) ? { lastUsed: used } : {}),
    });
  });
  return out;
}

/** Every grant's privileges once, sorted, and every observation in the order found. */
function joined(grants: readonly Grants[]): { privileges: string[]; observed: AwsPrincipal["observed"] } {
  const privileges = [...new Set(grants.flatMap((g) => g.privileges))].sort(compareStrings);
  return { privileges, observed: grants.flatMap((g) => g.observed) };
}
