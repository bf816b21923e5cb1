import type { Position } from "../../sourceDoc.js";
import type { CloudLogin, CloudProvider } from "./types.js";

/** The login actions, with the inputs that make a login federated (OIDC) or static (a stored key). */
const LOGINS: Record<string, { provider: CloudProvider; staticInputs: readonly string[]; oidcInputs: readonly string[]; lifetime?: (w: Record<string, unknown>) => number | undefined; defaultSeconds?: number }> = {
  "aws-actions/configure-aws-credentials": {
    provider: "aws",
    staticInputs: ["aws-access-key-id"],
    oidcInputs: ["role-to-assume"],
    lifetime: (w) => seconds(w["role-duration-seconds"]),
    defaultSeconds: 3600,
  },
  "google-github-actions/auth": {
    provider: "gcp",
    staticInputs: ["credentials_json"],
    oidcInputs: ["workload_identity_provider"],
    lifetime: (w) => seconds(w.access_token_lifetime),
    defaultSeconds: 3600,
  },
  // Federated with client-id and no secret; `creds` is a JSON holding a client secret.
  "azure/login": { provider: "azure", staticInputs: ["creds", "client-secret"], oidcInputs: ["client-id"] },
};

/** `3600`, `"3600"` or `"3600s"`; an expression is unknown. */
function seconds(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return v;
  const m = typeof v === "string" ? /^([1-9][0-9]*)s?$/.exec(v.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

const SECRET = /\bsecrets\.([A-Za-z_][A-Za-z0-9_-]*)/;

/** The cloud login a step performs, if it is one of the known login actions. */
export function cloudLogin(action: string, withInputs: unknown, at: Position): CloudLogin | undefined {
  const login = LOGINS[action];
  if (!login) return undefined;
  const w = withInputs !== null && typeof withInputs === "object" && !Array.isArray(withInputs) ? (withInputs as Record<string, unknown>) : {};
  const key = login.staticInputs.find((i) => w[i] !== undefined);
  // A stored key wins: with both, the key is what authenticates, and the role is assumed with it.
  if (key !== undefined) {
    const value = String(w[key]);
    const secret = SECRET.exec(value)?.[1];
    return { via: "static", provider: login.provider, ...(secret ? { secret } : {}), literal: !value.includes("${{"), at };
  }
  if (!login.oidcInputs.some((i) => w[i] !== undefined)) return undefined;
  const maxAgeSeconds = login.lifetime?.(w) ?? login.defaultSeconds;
  return { via: "oidc", provider: login.provider, ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}), at };
}
