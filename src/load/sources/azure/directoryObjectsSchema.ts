import { z } from "zod";

const Credential = {
  keyId: z.string().min(1),
  displayName: z.string().nullable().optional(),
  startDateTime: z.string().nullable().optional(),
  endDateTime: z.string().nullable().optional(),
};

/**
 * The parts of `az ad sp list --all` and `az ad app list --all` that discover reads. Loose:
 * Microsoft Graph adds many fields that are never copied; a password credential's `hint`
 * is its first characters and `secretText` (set only when az just created it) the secret itself.
 */
export const DirectoryObjects = z.array(z.looseObject({
  appId: z.string().min(1),
  displayName: z.string().nullable().optional(),
  servicePrincipalType: z.string().nullable().optional(),
  appOwnerOrganizationId: z.string().nullable().optional(),
  passwordCredentials: z.array(z.looseObject(Credential)).optional(),
  keyCredentials: z.array(z.looseObject({ ...Credential, type: z.string().nullable().optional(), usage: z.string().nullable().optional() })).optional(),
}));

export type DirectoryObjects = z.infer<typeof DirectoryObjects>;
