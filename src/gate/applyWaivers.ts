import { parseUtc } from "../engine/parseUtc.js";
import type { LocatedWaiver } from "../load/loadWaivers.js";
import { pushTo } from "../engine/pushTo.js";
import { waiverIndex } from "./waiverIndex.js";
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
 * reported with what it would have covered; a live one that covers nothing is stale. Among
 * the live waivers that match a finding, the first in the file waives it.
 */
export function applyWaivers(
  found: { new: readonly GateFinding[]; existing: readonly GateFinding[] },
  waivers: readonly LocatedWaiver[],
  now: number,
): WaiverOutcome {
  const expired = waivers.map((w) => isExpired(w.expires, now));
  const matching = waiverIndex(waivers);
  // Only an expired waiver lists what it matched; for a live one, whether it matched at all.
  const hits = new Map<number, string[]>();
  const used = new Uint8Array(waivers.length);
  const waived: WaivedFinding[] = [];
  const open = { new: [] as GateFinding[], existing: [] as GateFinding[] };
  const judge = (f: GateFinding, status: "new" | "existing") => {
    let by = -1;
    for (const i of matching(f.rule, f.subject)) {
      used[i] = 1;
      if (!expired[i]) by = by < 0 ? i : by;
      else pushTo(hits, i, f.fingerprint);
    }
    if (by >= 0) waived.push({ ...f, status, waiver: ref(waivers[by]!) });
    else open[status].push(f);
  };
  for (const f of found.new) judge(f, "new");
  for (const f of found.existing) judge(f, "existing");
  return {
    open,
    waived,
    expired: waivers.flatMap((w, i) => (expired[i] ? [{ ...ref(w), matches: hits.get(i) ?? [] }] : [])),
    stale: waivers.flatMap((w, i) => (!expired[i] && !used[i] ? [ref(w)] : [])),
  };
}
