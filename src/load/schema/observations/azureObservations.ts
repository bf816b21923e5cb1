import { z } from "zod";
import { DateString, Duration } from "../common.js";
import { At } from "./at.js";

const Credential = {
  keyId: z.string().min(1).describe("The credential's keyId (an id, not the secret)."),
  on: z.enum(["application", "service-principal"]).describe("Whether it sits on the app registration or on the service principal."),
  created: DateString.optional().describe("Its startDateTime."),
  expires: DateString.optional().describe("Its endDateTime; absent when the list gives none."),
};

/** What an Entra ID service principal or application list shows that no inventory field holds. */
export const AZURE_OBSERVATIONS = [
  z.strictObject({ fact: z.literal("azure-password-credential"), ...Credential, ...At })
    .describe("A client secret of the application or service principal: a static password anyone holding it can use."),
  z.strictObject({ fact: z.literal("azure-key-credential"), ...Credential, ...At })
    .describe("A certificate credential of the application or service principal."),
  z.strictObject({
    fact: z.literal("azure-long-lived-credential"),
    keyId: z.string().min(1).describe("The credential's keyId."),
    lifetime: Duration.optional().describe("endDateTime − startDateTime; absent when it never expires (year 2299)."),
    ...At,
  }).describe("A client secret or certificate valid for more than a year, or with no end date."),
  z.strictObject({
    fact: z.literal("azure-several-secrets"),
    count: z.number().int().min(2).describe("How many client secrets were valid when the newest was made."),
    ...At,
  }).describe("Several client secrets valid at once: old copies kept working after a new one was issued."),
  z.strictObject({
    fact: z.literal("azure-third-party-app"),
    organization: z.string().min(1).describe("The appOwnerOrganizationId: the tenant that registered the application."),
    ...At,
  }).describe("A service principal of an application registered in another tenant: a vendor's app acting in this one."),
] as const;
