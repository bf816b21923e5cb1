import { compareStrings } from "../engine/compare.js";
import { severityRank, type Severity } from "../load/schema/common.js";
import type { ConfigChangeRule } from "../load/schema/rules.js";
import { findingHeader } from "./findingHeader.js";
import type { GateFinding, Location } from "./types.js";

/** The settings one side of a change (the base commit, or the head) would judge a pull request by. */
export interface GateSettingsSide {
  failOn: Severity;
  /** Every rule the gate checks, posture and change, at the severity it would report. */
  rules: ReadonlyMap<string, Severity>;
  /** Each extra rule pack, by a name both sides share (its path in the repository), with the rules it defines. */
  packs: ReadonlyMap<string, readonly string[]>;
  /** The waivers file the config names, by the same kind of name; undefined when it names none (or --waivers wins). */
  waivers?: string;
  /** The config's own rule overrides, and how messages name the config; undefined without one. */
  overrides: Readonly<Record<string, "off" | Severity>>;
  config?: string;
}

/** Where in the head each kind of weakening is best pointed at. */
export interface WeakeningPlaces {
  failOn(): Location;
  waivers(): Location;
  rulePacks(): Location;
  /** A config override of the rule, else the rule's definition in its pack (or where it was). */
  rule(id: string, byOverride: boolean): Location;
}

interface Weakening {
  subject: string;
  evidence: string;
  before: string;
  after: string;
  location: Location;
}

/**
 * What the head's settings would let through that the base's fail: a rule turned off or
 * lowered (by the config, or in its pack), failOn raised, a rule pack dropped, the waivers
 * file swapped. Each is a finding of every change rule on `subject: config`; settings that
 * only get stricter are not findings.
 */
export function configWeakenings(rules: readonly ConfigChangeRule[], base: GateSettingsSide, head: GateSettingsSide, places: WeakeningPlaces): GateFinding[] {
  const by = head.config === undefined ? "" : ` by ${head.config}`;
  const found: Weakening[] = [];
  if (severityRank(head.failOn) > severityRank(base.failOn)) {
    found.push({
      subject: "config:failOn",
      evidence: `failOn raised from ${base.failOn} to ${head.failOn}${head.config === undefined ? " (the config was removed)" : by}: new ${base.failOn} findings would no longer fail the gate`,
      before: base.failOn,
      after: head.failOn,
      location: places.failOn(),
    });
  }
  if (head.waivers !== undefined && head.waivers !== base.waivers) {
    found.push({
      subject: "config:waivers",
      evidence: `waivers file swapped from ${base.waivers ?? "none"} to ${head.waivers}${by}`,
      before: base.waivers ?? "none",
      after: head.waivers,
      location: places.waivers(),
    });
  }
  // A pack whose rules all live on elsewhere in the head weakens nothing.
  const dropped = new Set<string>();
  for (const [key, ids] of base.packs) {
    const lost = head.packs.has(key) ? [] : ids.filter((id) => base.rules.has(id) && !head.rules.has(id));
    if (lost.length === 0) continue;
    for (const id of lost) dropped.add(id);
    found.push({
      subject: `config:rulePacks/${key}`,
      evidence: `rule pack ${key} removed${by}: ${lost.join(", ")} would no longer run`,
      before: key,
      after: "removed",
      location: places.rulePacks(),
    });
  }
  const home = new Map([...base.packs].flatMap(([key, ids]) => ids.map((id) => [id, key] as const)));
  for (const [id, was] of [...base.rules].sort(([a], [b]) => compareStrings(a, b))) {
    const now = head.rules.get(id);
    const override = head.overrides[id] !== undefined;
    const where = override ? by : ` in ${home.has(id) ? `rule pack ${home.get(id)}` : "its rule pack"}`;
    if (now === undefined) {
      if (dropped.has(id) && !override) continue;
      found.push({ subject: `config:rules/${id}`, evidence: `${id} (${was}) ${override ? "turned off" : "no longer defined"}${where}`, before: was, after: "off", location: places.rule(id, override) });
    } else if (severityRank(now) < severityRank(was)) {
      found.push({ subject: `config:rules/${id}`, evidence: `${id} severity lowered from ${was} to ${now}${where}`, before: was, after: now, location: places.rule(id, override) });
    }
  }
  return rules.flatMap((rule) =>
    found.map(
      (w): GateFinding => ({
        origin: "change",
        ...findingHeader(rule, w.subject),
        evidence: [w.evidence],
        controls: [...rule.controls],
        refs: [...rule.refs],
        location: w.location,
        before: w.before,
        after: w.after,
      }),
    ),
  );
}
