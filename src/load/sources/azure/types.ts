import type { Position } from "../../sourceDoc.js";

/** A password (client secret) or key (certificate) credential of an application or service principal. */
export interface AzureCredential {
  kind: "password" | "key";
  keyId: string;
  start?: string;
  /** Absent when it never expires or the list does not say. */
  end?: string;
  /** The portal's "never" is an endDateTime in year 2299 or later; no endDateTime says nothing. */
  neverExpires: boolean;
  /** Its entry in the credentials list. */
  at: Position;
}

/** One application (`az ad app list`) or service principal (`az ad sp list`). */
export interface AzureObject {
  /** `application` when the entry has no servicePrincipalType: app registrations carry none. */
  type: "application" | "service-principal";
  appId: string;
  displayName?: string;
  /** `Application`, `ManagedIdentity`, `Legacy`, `SocialIdp`; absent on an application. */
  servicePrincipalType?: string;
  /** The tenant that registered the application; on service principals only. */
  ownerOrganization?: string;
  credentials: AzureCredential[];
  at: Position;
}

export interface DirectoryObjectsFacts {
  file: string;
  objects: AzureObject[];
}
