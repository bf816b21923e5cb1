import { z } from "zod";
import { API_VERSION, DateString } from "./common.js";
import { Incident } from "./incident.js";
import { DECISIONS } from "../../engine/types.js";

/** An incident without the envelope: cases only say what matters to the rule. */
export const CaseIncident = Incident.omit({ apiVersion: true, kind: true, id: true }).extend({
  id: z.string().min(1).optional(),
});

export const RuleCase = z.strictObject({
  name: z.string().min(1),
  incident: CaseIncident,
  fires: z.array(z.string().min(1)).optional().describe("Rule ids that must fire."),
  silent: z.array(z.string().min(1)).optional().describe("Rule ids that must not fire, not even as unknown."),
  unknown: z.array(z.string().min(1)).optional().describe("Rule ids that must fire as unknown: their condition needs a fact the inventory does not record."),
  decision: z.enum(DECISIONS).optional().describe("The decision the incident must reach."),
});

export const RuleCasesFile = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal("RuleCases"),
  inventory: z.string().min(1).optional().describe("An inventory file, relative to this file."),
  now: DateString.optional().describe("Reference date for ages."),
  cases: z.array(RuleCase),
});

export type RuleCase = z.infer<typeof RuleCase>;
export type RuleCasesFile = z.infer<typeof RuleCasesFile>;
