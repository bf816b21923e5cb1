import type { TerraformFacts } from "../load/sources/terraform/types.js";
import type { SecretHit } from "../redact/redactDocument.js";

/**
 * Every sensitive value `terraform show -json` printed, at its place: whatever it looks like,
 * Terraform says it is a secret, so each is reported (redacted) and none is copied.
 */
export function terraformSecrets(facts: TerraformFacts): SecretHit[] {
  return facts.secrets.map((s) => ({ file: facts.file, path: s.path, kinds: [`sensitive attribute \`${s.attribute}\``], line: s.at.line, column: s.at.column }));
}
