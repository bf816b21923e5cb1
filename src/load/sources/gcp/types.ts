import type { Position } from "../../sourceDoc.js";

/** One key of a service account, as `gcloud iam service-accounts keys list` lists it. */
export interface GcpKey {
  id: string;
  userManaged: boolean;
  disabled: boolean;
  validAfter?: string;
  /** Absent when the key never expires or the list does not say. */
  validBefore?: string;
  /** gcloud wrote a year-9999 validBeforeTime; a list without the field says nothing. */
  neverExpires: boolean;
  /** Its entry in the list. */
  at: Position;
}

/** A service account and its keys; a list may hold keys of several accounts when exports are joined. */
export interface GcpServiceAccount {
  project: string;
  email: string;
  /** Its first key's entry. */
  at: Position;
  keys: GcpKey[];
}

export interface ServiceAccountKeysFacts {
  file: string;
  accounts: GcpServiceAccount[];
}
