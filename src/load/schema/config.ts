import { z } from "zod";
import { API_VERSION, Severity } from "./common.js";

export const CONFIG_FILE_NAME = ".nhi-triage.yaml";

export const ConfigFile = z.strictObject({
  apiVersion: z.literal(API_VERSION).describe(`Always ${API_VERSION}.`),
  kind: z.literal("Config"),
  inventory: z.string().min(1).optional().describe("Default inventory for analyze, gate and interview (relative to this file)."),
  discover: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe("Sources the gate discovers its inventory from (files or folders, relative to this file), like gate --discover; the gate uses them instead of `inventory:`."),
  waivers: z.string().min(1).optional().describe("Default waivers file for gate (relative to this file)."),
  rulePacks: z.array(z.string().min(1)).optional().describe("Extra rule packs (folders, relative to this file), like --rules."),
  failOn: Severity.optional().describe("The gate's default --fail-on (analyze exits 1 only when given --fail-on)."),
  rules: z
    .record(z.string(), z.union([z.literal("off"), Severity]))
    .optional()
    .describe("Rule id → off, or another severity. Every change is listed in the output."),
});

export type ConfigFile = z.infer<typeof ConfigFile>;
