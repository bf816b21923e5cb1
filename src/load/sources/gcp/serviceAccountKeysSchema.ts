import { z } from "zod";

/** `projects/P/serviceAccounts/EMAIL/keys/KEY_ID`, the name gcloud gives every key. */
export const KEY_NAME = /^projects\/([^/]+)\/serviceAccounts\/([^/]+)\/keys\/([^/]+)$/;

/**
 * The parts of `gcloud iam service-accounts keys list --format=json` that discover reads.
 * Loose: gcloud adds fields (keyAlgorithm, keyOrigin, publicKeyData, privateKeyData when a
 * key was just created) that are never copied.
 */
export const ServiceAccountKeys = z.array(z.looseObject({
  name: z.string().regex(KEY_NAME, "expected a key name projects/<project>/serviceAccounts/<email>/keys/<id>"),
  keyType: z.enum(["USER_MANAGED", "SYSTEM_MANAGED"]),
  validAfterTime: z.string().optional(),
  validBeforeTime: z.string().optional(),
  disabled: z.boolean().optional(),
}));

export type ServiceAccountKeys = z.infer<typeof ServiceAccountKeys>;
