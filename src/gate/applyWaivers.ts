import { parseUtc } from "../engine/parseUtc.js";
import type { LocatedWaiver } from "../load/loadWaivers.js";
import { subjectMatcher } from "./matchSubject.js";
import type { ExpiredWaiver, GateFinding, WaivedFinding, WaiverRef } from "./types.js";

const DAY_MS = 86_400_000;

/** A waiver holds through the whole of its `expires` day (UTC); a date-time expires at that instant. */
export function isExpired(expires: string, now: number): boolean {
  const end = expires.length === 10 ? parseUtc(expires) + DAY_MS : parseUtc(expires);
  return now >= end;
}

export interface WaiverOutcome {
  open: { new: GateFinding[]; existing: GateFinding[] };
  waived: WaivedFinding[];
  expired: ExpiredWaiver[];
  stale: WaiverRef[];
}

function ref(w: LocatedWaiver): WaiverRef {
  return {
    rule: w.rule,
    subject: w.subject,
    reason: w.reason,
    owner: w.owner,
    expires: w.expires,
    location: { file: w.file, line: w.line, column: w.column },
  };
}

/**
 * Waived findings are moved aside, never dropped. An expired waiver waives nothing and is
 * reported with what it would have covered; a live one that covers nothing is stale.
 */
export function applyWaivers(
  found: { new: readonly GateFinding[]; existing: readonly GateFinding[] },
  waivers: readonly LocatedWaiver[],
  now: number,
): WaiverOutcome {
  const all = [...found.new.map((f) => ({ f, status: "new" as const })), ...found.existing.map((f) => ({ f, status: "existing" as const }))];
  const matchers = waivers.map((w) => ({ w, expired: isExpired(w.expires, now), match: subjectMatcher(w.subject), hits: [] as string[] }));
  const waived: WaivedFinding[] = [];
  const open = { new: [] as GateFinding[], existing: [] as GateFinding[] };
  for (const { f, status } of all) {
    let by: (typeof matchers)[number] | undefined;
    for (const m of matchers) {
      if (m.w.rule !== f.rule || !m.match(f.subject)) continue;
      m.hits.push(f.fingerprint);
      if (!m.expired && !by) by = m;
    }
    if (by) waived.push({ ...f, status, waiver: ref(by.w) });
    else open[status].push(f);
  }
  return {
    open,
    waived,
    expired: matchers.filter((m) => m.expired).map((m) => ({ ...ref(m.w), matches: m.hits })),
    stale: matchers.filter((m) => !m.expired && m.hits.length === 0).map((m) => ref(m.w)),
  };
}
