import { compareStrings } from "../engine/compare.js";
import type { LocatedWaiver } from "../load/loadWaivers.js";
import { isExpired } from "./applyWaivers.js";
import type { GateFinding } from "./types.js";
import { waiverIndex } from "./waiverIndex.js";

/** What `gate --write-waivers` adds to a waivers file, and what it leaves out and why. */
export interface WaiversToWrite {
  /** One per rule and subject, sorted by rule, then subject. */
  add: Array<{ rule: string; subject: string }>;
  /** Findings no waiver may accept (a weakened gate): they still fail it. */
  unwaivable: GateFinding[];
  /** Findings a waiver in the file names but that has expired: renewing it is the owner's call. */
  expired: Array<{ finding: GateFinding; waiver: LocatedWaiver }>;
  /** Findings a live waiver in the file already accepts. */
  covered: number;
}

/**
 * Waivers for the findings that fail the gate (new, unwaived, at or above failOn): only
 * what fails, so an adoption does not accept more than it must; a lower --fail-on widens
 * it. A finding the file already waives is not waived twice.
 */
export function waiversToWrite(failing: readonly GateFinding[], waivable: ReadonlySet<string>, existing: readonly LocatedWaiver[], now: number): WaiversToWrite {
  const matching = waiverIndex(existing);
  const out: WaiversToWrite = { add: [], unwaivable: [], expired: [], covered: 0 };
  const seen = new Set<string>();
  for (const f of failing) {
    if (!waivable.has(f.rule)) {
      out.unwaivable.push(f);
      continue;
    }
    const named = matching(f.rule, f.subject).map((i) => existing[i]!);
    if (named.some((w) => !isExpired(w.expires, now))) out.covered++;
    else if (named.length) out.expired.push({ finding: f, waiver: named[0]! });
    else {
      const key = `${f.rule}\n${f.subject}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.add.push({ rule: f.rule, subject: f.subject });
    }
  }
  out.add.sort((a, b) => compareStrings(a.rule, b.rule) || compareStrings(a.subject, b.subject));
  return out;
}
