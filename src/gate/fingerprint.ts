import { createHash } from "node:crypto";

/**
 * Rule id plus subject, never a position: inserting lines above a finding, reordering
 * entries or moving the file keeps the fingerprint, so base and head can be matched.
 */
export function fingerprint(rule: string, subject: string): string {
  return createHash("sha256").update(`${rule}\u0000${subject}`).digest("hex").slice(0, 32);
}
