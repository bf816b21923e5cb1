import { isExpired, type WaiverOutcome } from "../../src/gate/applyWaivers.js";
import { subjectMatcher } from "../../src/gate/matchSubject.js";
import type { GateFinding, WaivedFinding } from "../../src/gate/types.js";
import type { LocatedWaiver } from "../../src/load/loadWaivers.js";

const ref = (w: LocatedWaiver) => ({ rule: w.rule, subject: w.subject, reason: w.reason, owner: w.owner, expires: w.expires, location: { file: w.file, line: w.line, column: w.column } });

/**
 * applyWaivers as it was before waiverIndex: every waiver tried on every finding. The
 * reference the indexed version must agree with.
 */
export function scannedWaivers(found: { new: readonly GateFinding[]; existing: readonly GateFinding[] }, waivers: readonly LocatedWaiver[], now: number): WaiverOutcome {
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
