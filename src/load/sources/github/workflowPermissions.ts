import type { Level, TokenPermissions } from "./types.js";

const LEVELS = new Set<unknown>(["read", "write", "none"]);

/** A `permissions:` value as written: `read-all`, `write-all`, or a map of scope → read | write | none. */
export function readPermissions(value: unknown): TokenPermissions {
  if (value === undefined) return { kind: "none" };
  if (value === "read-all") return { kind: "all", level: "read" };
  if (value === "write-all") return { kind: "all", level: "write" };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { kind: "invalid" };
  const scopes: Record<string, Level> = {};
  for (const [scope, level] of Object.entries(value)) {
    if (!LEVELS.has(level)) return { kind: "invalid" };
    // Naming one scope sets every other to none, so `none` needs no entry.
    if (level !== "none") scopes[scope] = level as Level;
  }
  return { kind: "scopes", scopes };
}

export type DefaultPermissions = "permissive" | "restricted";

/** What a repository or organisation gives a job with no permissions block (GitHub's settings). */
const RESTRICTED = ["github:contents:read", "github:packages:read"];

/**
 * The token's privileges in the inventory's words: `github:<scope>:<level>`, `github:*` for
 * write on every scope. Undefined when unknown: no block and no default given, or a block
 * GitHub would refuse.
 */
export function tokenPrivileges(p: TokenPermissions, fallback: DefaultPermissions | undefined): string[] | undefined {
  switch (p.kind) {
    case "all":
      return p.level === "write" ? ["github:*"] : ["github:*:read"];
    case "scopes":
      return Object.entries(p.scopes)
        .map(([scope, level]) => `github:${scope}:${level}`)
        .sort();
    case "none":
      return fallback === undefined ? undefined : fallback === "permissive" ? ["github:*"] : [...RESTRICTED];
    case "invalid":
      return undefined;
  }
}

/** Whether the token can write anything; undefined when its privileges are unknown. */
export function tokenWrites(privileges: readonly string[] | undefined): boolean | undefined {
  if (privileges === undefined) return undefined;
  // id-token: write only lets the job ask for an OIDC token; what that token may do is the login's.
  return privileges.some((p) => p === "github:*" || (p.endsWith(":write") && p !== "github:id-token:write"));
}
