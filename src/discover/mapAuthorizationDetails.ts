import type { Identity } from "../load/schema/inventory.js";
import type { AuthorizationDetailsFacts, AwsPrincipal } from "../load/sources/aws/types.js";
import { awsIdentityId } from "./awsIdentityId.js";

/**
 * An authorization-details export's users and roles as identities. A user's credential is the
 * credential report's to say (merged by id); a role's is a session from STS, a workload
 * identity when it is assumed through an OIDC provider. A role assumed through SAML is how
 * people sign in through single sign-on.
 */
export function mapAuthorizationDetails(facts: AuthorizationDetailsFacts): Identity[] {
  return facts.principals.map((p) => mapPrincipal(p, facts.file));
}

function mapPrincipal(p: AwsPrincipal, file: string): Identity {
  const source = { file, line: p.at.line, column: p.at.column, kind: "aws-authorization-details" } as const;
  const observed = p.observed.length ? { observed: p.observed } : {};
  if (p.kind === "user") return { id: awsIdentityId("user", p.name), kind: "service-account", privileges: p.privileges, ...observed, source };
  return {
    id: awsIdentityId("role", p.name),
    kind: "workload",
    credential: { type: p.oidc ? "workload-identity" : "short-lived-token" },
    privileges: p.privileges,
    ...(p.saml ? { humanUse: true } : {}),
    ...(p.lastUsed !== undefined ? { lastUsed: p.lastUsed } : {}),
    ...observed,
    source,
  };
}
