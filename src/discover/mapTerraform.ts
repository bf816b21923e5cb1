import type { Identity } from "../load/schema/inventory.js";
import type { Observation } from "../load/schema/source.js";
import type { TerraformFacts, TerraformResource } from "../load/sources/terraform/types.js";
import { isCalendarDate } from "../load/schema/common.js";

type Kinds = Pick<Identity, "kind" | "credential">;

/** The resource types that are, or hand out, a non-human identity's credential. */
const NHI_TYPES: Readonly<Record<string, Kinds>> = {
  aws_iam_user: { kind: "service-account" },
  aws_iam_access_key: { kind: "api-key", credential: { type: "static-secret" } },
  google_service_account: { kind: "service-account" },
  google_service_account_key: { kind: "api-key", credential: { type: "static-secret" } },
  azuread_application_password: { kind: "oauth-client", credential: { type: "static-secret" } },
  azuread_service_principal_password: { kind: "oauth-client", credential: { type: "static-secret" } },
  github_actions_secret: { kind: "api-key", credential: { type: "static-secret", storage: "ci-variable" } },
  github_actions_environment_secret: { kind: "api-key", credential: { type: "static-secret", storage: "ci-variable" } },
  github_actions_organization_secret: { kind: "api-key", credential: { type: "static-secret", storage: "ci-variable" } },
  kubernetes_service_account: { kind: "workload" },
  kubernetes_service_account_v1: { kind: "workload" },
  kubernetes_secret: { kind: "access-token", credential: { type: "static-secret" } },
  kubernetes_secret_v1: { kind: "access-token", credential: { type: "static-secret" } },
};

/** Keys a plan's replacement rotates, and whose creation gives a long-lived secret. */
const KEY_TYPES = new Set(["aws_iam_access_key", "google_service_account_key", "azuread_application_password", "azuread_service_principal_password"]);
const SA_KEY_TYPES = new Set(["google_service_account_key", "azuread_application_password", "azuread_service_principal_password"]);

/** When the credential was issued, and when it stops working, by the attribute each provider uses. */
const ISSUED = ["create_date", "valid_after", "start_date"];
const EXPIRES = ["valid_before", "end_date"];

/** Addresses hold `[` `]` and quotes (`aws_iam_access_key.k["ci"]`), which ids do not: each becomes `_`. */
export const terraformIdentityId = (address: string): string => `terraform/${address.replace(/[^A-Za-z0-9_./#-]/g, "_")}`;

/**
 * A state's or plan's NHI resources as identities, merged by address when a state and a plan
 * describe the same one. A `kubernetes_secret` is one only when it is a service-account token.
 */
export function mapTerraform(facts: TerraformFacts): Identity[] {
  return facts.resources.flatMap((r) => {
    const kinds = NHI_TYPES[r.type];
    if (!kinds || !r.managed || !isNhi(r) || (r.actions?.length === 1 && r.actions[0] === "delete")) return [];
    return [identity(r, kinds, facts)];
  });
}

function isNhi(r: TerraformResource): boolean {
  if (!r.type.startsWith("kubernetes_secret")) return true;
  return r.values.type === "kubernetes.io/service-account-token";
}

function identity(r: TerraformResource, kinds: Kinds, facts: TerraformFacts): Identity {
  const issued = dateOf(r.values, ISSUED);
  const expires = dateOf(r.values, EXPIRES);
  const days = issued && expires ? Math.round((Date.parse(expires) - Date.parse(issued)) / 86_400_000) : undefined;
  const credential = kinds.credential && {
    ...kinds.credential,
    ...(days !== undefined && days >= 1 ? { maxAge: `${days}d` } : {}),
    ...(issued ? { lastRotated: issued } : {}),
  };
  const observed = observations(r, issued);
  return {
    id: terraformIdentityId(r.address),
    kind: kinds.kind,
    ...(credential ? { credential } : {}),
    ...(observed.length ? { observed } : {}),
    source: { file: facts.file, line: r.at.line, column: r.at.column, kind: facts.kind },
  };
}

function observations(r: TerraformResource, issued: string | undefined): Observation[] {
  const at = { line: r.at.line, column: r.at.column };
  const out: Observation[] = r.sensitive.map((s) => ({ fact: "terraform-secret-in-state", attribute: s.attribute, line: s.at.line, column: s.at.column }));
  if (r.type === "aws_iam_access_key") {
    const user = typeof r.values.user === "string" && r.values.user !== "" ? { user: r.values.user } : {};
    out.push({ fact: "terraform-aws-access-key", ...user, ...(issued ? { lastRotated: issued } : {}), ...at });
  }
  if (r.type === "aws_iam_user") out.push({ fact: "terraform-iam-user", ...at });
  const plaintext = r.sensitive.find((s) => s.attribute === "plaintext_value");
  if (r.type.startsWith("github_actions_") && plaintext) out.push({ fact: "terraform-actions-secret-plaintext", line: plaintext.at.line, column: plaintext.at.column });
  if (SA_KEY_TYPES.has(r.type)) out.push({ fact: "terraform-service-account-key", type: r.type, ...at });
  if (r.actions && KEY_TYPES.has(r.type)) {
    const replaced = r.actions.includes("delete") && r.actions.includes("create");
    if (replaced) out.push({ fact: "terraform-key-rotation", actions: r.actions, ...at });
    else if (r.actions.includes("create")) out.push({ fact: "terraform-key-created", ...at });
  }
  return out;
}

function dateOf(values: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = values[k];
    if (typeof v === "string" && isCalendarDate(v)) return v;
  }
  return undefined;
}
