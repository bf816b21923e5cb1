import { z } from "zod";
import { API_VERSION } from "./common.js";
import { Identity, Step, Workflow } from "./inventory.js";

/**
 * What people know and no source says, merged into a discovered inventory by id. Only
 * these fields: a source's own facts (credential, privileges, retries…) cannot be
 * overridden from here, so an overlay states ownership and intent, never posture.
 */
export const OverlayIdentity = Identity.pick({ id: true, owner: true, usedBy: true, tenants: true, environments: true, humanUse: true, thirdParty: true });
export const OverlayStep = Step.pick({ id: true, idempotent: true, compensation: true, approval: true, privileged: true });
export const OverlayWorkflow = Workflow.pick({ id: true, stateIsolation: true }).extend({ steps: z.array(OverlayStep).optional() });

export const OverlayFile = z.strictObject({
  apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
  kind: z.literal("Overlay"),
  identities: z.array(OverlayIdentity).optional(),
  workflows: z.array(OverlayWorkflow).optional(),
});
export type OverlayFile = z.infer<typeof OverlayFile>;
