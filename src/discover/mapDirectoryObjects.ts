import type { Identity } from "../load/schema/inventory.js";
import type { Observation } from "../load/schema/source.js";
import type { Position } from "../load/sourceDoc.js";
import type { AzureCredential, AzureObject, DirectoryObjectsFacts } from "../load/sources/azure/types.js";
import { durationBetween } from "./durationBetween.js";

const YEAR_MS = 365 * 86400_000;
/** Microsoft's own tenants own its first-party apps: the platform, not a vendor. */
const MICROSOFT_TENANTS = new Set(["f8cdef31-a31e-4b4a-93e4-5f571e91255a", "72f988bf-86f1-41af-91ab-2d7cd011db47"]);

interface Entry { object: AzureObject; file: string }

/**
 * Entra ID applications and service principals as identities, one per appId: an app's
 * registration and its service principal are one identity whose credentials can sit on
 * either. The tenant is the one that owns the listed app registrations; without an app
 * list it is not known and no service principal is called third-party.
 */
export function mapDirectoryObjects(lists: readonly DirectoryObjectsFacts[]): Identity[] {
  const byApp = new Map<string, Entry[]>();
  for (const list of lists) for (const object of list.objects) byApp.set(object.appId, [...(byApp.get(object.appId) ?? []), { object, file: list.file }]);
  const registered = new Set(lists.flatMap((l) => l.objects.filter((o) => o.type === "application").map((o) => o.appId)));
  const tenants = new Set(lists.flatMap((l) => l.objects.filter((o) => o.type === "service-principal" && registered.has(o.appId) && o.ownerOrganization).map((o) => o.ownerOrganization!)));
  return [...byApp.values()].map((entries) => mapApp(entries, tenants));
}

function mapApp(entries: Entry[], tenants: ReadonlySet<string>): Identity {
  // The service principal is what acts in the tenant: its entry is the identity's source.
  const main = entries.find((e) => e.object.type === "service-principal") ?? entries[0]!;
  const managed = main.object.servicePrincipalType === "ManagedIdentity";
  const place = (e: Entry, at: Position) => (e.file === main.file ? at : { file: e.file, ...at });
  // A managed identity's certificate is Azure's own, rotated by the platform: nobody holds it.
  const creds = managed ? [] : entries.flatMap((e) => e.object.credentials.map((c) => ({ c, on: e.object.type, at: place(e, c.at) })));
  const observed: Observation[] = [];
  for (const { c, on, at } of creds) {
    observed.push({ fact: c.kind === "password" ? "azure-password-credential" : "azure-key-credential", keyId: c.keyId, on, ...(c.start ? { created: c.start } : {}), ...(c.end ? { expires: c.end } : {}), ...at });
    if (longLived(c)) {
      const lifetime = c.start && c.end ? durationBetween(c.start, c.end) : undefined;
      observed.push({ fact: "azure-long-lived-credential", keyId: c.keyId, ...(lifetime ? { lifetime } : {}), ...at });
    }
  }
  const several = validTogether(creds.filter((x) => x.c.kind === "password"));
  if (several) observed.push({ fact: "azure-several-secrets", count: several.count, ...several.at });
  const owner = main.object.ownerOrganization;
  // Unknown without the home tenant, and for Microsoft's own apps, which are the platform.
  const judged = owner !== undefined && tenants.size > 0 && !MICROSOFT_TENANTS.has(owner);
  const foreign = judged && !tenants.has(owner);
  if (foreign) observed.push({ fact: "azure-third-party-app", organization: owner, ...main.object.at });
  return {
    id: `azure/${managed ? "managed-identity" : "app"}/${main.object.appId}`,
    kind: managed ? "workload" : "oauth-client",
    ...credential(managed, creds.map((x) => x.c)),
    ...(judged ? { thirdParty: foreign } : {}),
    ...(observed.length ? { observed } : {}),
    source: { file: main.file, line: main.object.at.line, column: main.object.at.column, kind: "azure-directory-objects" },
  };
}

function longLived(c: AzureCredential): boolean {
  if (c.neverExpires) return true;
  return c.end !== undefined && c.start !== undefined && Date.parse(c.end) - Date.parse(c.start) > YEAR_MS;
}

/** The client secrets still valid when the newest was made, when there are several. */
function validTogether(secrets: ReadonlyArray<{ c: AzureCredential; at: Position }>): { count: number; at: Position } | undefined {
  const dated = secrets.filter((s) => s.c.start);
  if (dated.length < 2) return undefined;
  const newest = dated.reduce((a, b) => (Date.parse(b.c.start!) > Date.parse(a.c.start!) ? b : a));
  const valid = dated.filter((s) => !s.c.end || Date.parse(s.c.end) > Date.parse(newest.c.start!));
  return valid.length >= 2 ? { count: valid.length, at: newest.at } : undefined;
}

/**
 * A managed identity's tokens come from the platform; an app's credential is its weakest:
 * a client secret before a certificate, and of several the one made longest ago.
 */
function credential(managed: boolean, creds: readonly AzureCredential[]): Pick<Identity, "credential"> {
  if (managed) return { credential: { type: "workload-identity" } };
  if (!creds.length) return {};
  const secrets = creds.filter((c) => c.kind === "password");
  const pool = secrets.length ? secrets : creds;
  const type = secrets.length ? "static-secret" : "certificate";
  if (pool.some((c) => !c.start)) return { credential: { type } };
  const oldest = pool.reduce((a, b) => (Date.parse(b.start!) < Date.parse(a.start!) ? b : a));
  const maxAge = oldest.end ? durationBetween(oldest.start!, oldest.end) : undefined;
  return { credential: { type, ...(maxAge ? { maxAge } : {}), lastRotated: oldest.start! } };
}
