import { z } from "zod";
import { DateString } from "../common.js";
import { At } from "./at.js";

/** What a GCP service-account key list shows about a service account that no inventory field holds. */
export const GCP_OBSERVATIONS = [
  z.strictObject({
    fact: z.literal("gcp-user-managed-key"),
    keyId: z.string().min(1).describe("The key's id, the last part of its name (an id, not the key)."),
    created: DateString.optional().describe("When the key became valid (its validAfterTime)."),
    expires: DateString.optional().describe("When the key stops being valid; absent when it never expires."),
    ...At,
  }).describe("An enabled user-managed key of the service account: a static credential someone downloaded, which Google does not rotate."),
  z.strictObject({
    fact: z.literal("gcp-key-never-expires"),
    keyId: z.string().min(1).describe("The key's id, the last part of its name (an id, not the key)."),
    ...At,
  }).describe("An enabled user-managed key that is valid until year 9999: it works until someone deletes it."),
] as const;
