import { inventorySubjects } from "../engine/buildSubjects.js";
import { compareStrings } from "../engine/compare.js";
import { formatUtc } from "../engine/formatUtc.js";
import type { InventoryIndex } from "../load/loadInventory.js";
import type { LocatedWaiver } from "../load/loadWaivers.js";
import type { RulePack } from "../load/rulePack.js";
import { severityRank, type Severity } from "../load/schema/common.js";
import { applyWaivers } from "./applyWaivers.js";
import { changeFindings } from "./changeFindings.js";
import { postureFindings } from "./postureFindings.js";
import { changedSubjects } from "./changedSubjects.js";
import type { BaseState, ConfigChange, GateFinding, GateResult } from "./types.js";
import type { Subject } from "../engine/subject.js";

export interface GateInput {
  pack: RulePack;
  head: InventoryIndex;
  /** The base inventory when one was read; `base` says what happened otherwise. */
  baseInventory?: InventoryIndex;
  base: BaseState;
  waivers: readonly LocatedWaiver[];
  waiversFile?: string;
  /** What the project config changed (rules off, severities, failOn), listed in every report. */
  configChanges?: readonly ConfigChange[];
  /** What the head's settings would weaken against the base commit's: always new. */
  weakenings?: readonly GateFinding[];
  now: number;
  failOn: Severity;
  strict: boolean;
  /** The head's entries and posture findings, when computed ahead (while a base loads elsewhere). */
  headPosture?: HeadPosture;
}

export interface HeadPosture {
  subjects: Subject[];
  findings: GateFinding[];
}

/** The head's half of the gate, which needs no base: its entries and their posture findings. */
export function headPosture(pack: RulePack, head: InventoryIndex, now: number): HeadPosture {
  const subjects = inventorySubjects(head);
  // Sorted here, so the sorts of what the gate reports run on lists already in order.
  return { subjects, findings: postureFindings(pack, head, now, subjects).sort(bySeverityThenPlace) };
}

function bySeverityThenPlace(a: GateFinding, b: GateFinding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.subject, b.subject)
  );
}

/**
 * Without a base every finding is new. With one, findings are matched by fingerprint (one
 * that grew graver since the base counts as new); changes to entries present in both are
 * new by definition. Only new, unwaived findings
 * at or above `failOn` fail the gate (and, with `strict`, stale or expired waivers).
 */
export function runGate(input: GateInput): GateResult {
  // Both the posture and the change findings walk every entry: list the entries once.
  const { subjects: headSubjects, findings: head } = input.headPosture ?? headPosture(input.pack, input.head, input.now);
  // A pull request changes a few entries of many: the others have the same findings in the
  // base, so only changed entries are evaluated there (the base costs about a second parse).
  const changed = input.baseInventory ? changedSubjects(input.head, input.baseInventory, headSubjects) : undefined;
  const base = input.baseInventory && changed ? postureFindings(input.pack, input.baseInventory, input.now, changed.base) : [];
  const baseKeys = new Set(base.map((f) => f.fingerprint));
  if (changed) for (const f of head) if (!changed.headRefs.has(f.subject)) baseKeys.add(f.fingerprint);
  const headKeys = new Set(head.map((f) => f.fingerprint));
  // A changed head subject's base partner, when it has one, is a changed base subject too.
  const changes = input.baseInventory && changed ? changeFindings(input.pack.changes, input.baseInventory, input.head, input.now, input.pack.privileges, changed.base, changed.head) : [];

  // The same fingerprint at a graver severity than in the base (an unknown the base had,
  // now known to be worse) is what this change added: new, not existing.
  const baseRank = new Map(base.map((f) => [f.fingerprint, severityRank(f.severity)]));
  const inBase = (f: GateFinding) => baseKeys.has(f.fingerprint) && severityRank(f.severity) <= (baseRank.get(f.fingerprint) ?? Number.POSITIVE_INFINITY);
  const found = {
    new: [...head.filter((f) => !inBase(f)), ...changes, ...(input.weakenings ?? [])],
    existing: head.filter(inBase),
  };
  const resolved = base.filter((f) => !headKeys.has(f.fingerprint));
  const w = applyWaivers(found, input.waivers, input.now);
  const bar = severityRank(input.failOn);
  const failing = w.open.new.filter((f) => severityRank(f.severity) >= bar);
  const strictFail = input.strict && (w.stale.length > 0 || w.expired.length > 0);
  return {
    passed: failing.length === 0 && !strictFail,
    failOn: input.failOn,
    strict: input.strict,
    inventory: input.head.file,
    base: input.base,
    ...(input.waiversFile !== undefined ? { waivers: input.waiversFile } : {}),
    now: formatUtc(input.now),
    configChanges: [...(input.configChanges ?? [])],
    failing: failing.sort(bySeverityThenPlace),
    new: w.open.new.sort(bySeverityThenPlace),
    existing: w.open.existing.sort(bySeverityThenPlace),
    resolved: resolved.sort(bySeverityThenPlace),
    waived: w.waived.sort(bySeverityThenPlace),
    expiredWaivers: w.expired,
    staleWaivers: w.stale,
  };
}
