import { z } from "zod";
import { SEVERITIES } from "../load/severity.js";

/**
 * The action's inputs as the composite step passes them: each `inputs.x` in an env var
 * `INPUT_X`, never spliced into the script, so no input can become shell code.
 */
const Lines = z.string().transform((s) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#")),
);
const Flag = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(["", "true", "false"]))
  .transform((s) => s === "true");
const Optional = z.string().transform((s) => (s.trim() === "" ? undefined : s.trim()));

export const ActionInputs = z.object({
  INPUT_INVENTORY: Optional.prefault(""),
  INPUT_DISCOVER: Lines.default([]),
  INPUT_BASE: Optional.prefault(""),
  INPUT_WAIVERS: Optional.prefault(""),
  INPUT_RULES: Lines.default([]),
  INPUT_FAIL_ON: Optional.pipe(z.enum(SEVERITIES).optional()).prefault(""),
  INPUT_STRICT: Flag.default(false),
  INPUT_GITHUB_DEFAULT_PERMISSIONS: Optional.pipe(z.enum(["permissive", "restricted"]).optional()).prefault(""),
  INPUT_SARIF: Optional.prefault(""),
  INPUT_MARKDOWN: Optional.prefault(""),
});
export type ActionInputs = z.output<typeof ActionInputs>;

/** The inputs, or what is wrong with one, named as the workflow spells it (`fail-on`). */
export function actionInputs(env: NodeJS.ProcessEnv): { ok: true; inputs: ActionInputs } | { ok: false; message: string } {
  const parsed = ActionInputs.safeParse(env);
  if (parsed.success) return { ok: true, inputs: parsed.data };
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? "").replace(/^INPUT_/, "").toLowerCase().replace(/_/g, "-");
  const allowed = name === "fail-on" ? SEVERITIES.join(", ") : name === "strict" ? "true, false" : name === "github-default-permissions" ? "permissive, restricted" : undefined;
  return { ok: false, message: `input ${name}: ${JSON.stringify(env[String(issue.path[0])] ?? "")} is not valid${allowed ? `; expected one of ${allowed}` : ""}` };
}
