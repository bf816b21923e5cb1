import { resolve } from "node:path";
import { formatUtc } from "../engine/formatUtc.js";
import { parseUtc } from "../engine/parseUtc.js";
import type { GateResult } from "../gate/types.js";
import { waiversToWrite } from "../gate/waiversToWrite.js";
import { UsageError } from "../load/diagnostic.js";
import { loadWaivers } from "../load/loadWaivers.js";
import { readText } from "../load/readText.js";
import { DateString } from "../load/schema/common.js";
import { formatWaivers } from "../report/formatWaivers.js";
import { printableText } from "../report/printable.js";
import { redactText } from "../redact/redactText.js";
import { replacesAFile } from "./outputTarget.js";
import { checkOutput, writeOutput } from "./writeOutput.js";

/** `gate --write-waivers FILE --owner TEAM --expires DATE --reason TEXT`, as typed. */
export interface WriteWaiversFlags {
  writeWaivers?: string;
  owner?: string;
  expires?: string;
  reason?: string;
}

export interface WaiverRequest {
  file: string;
  owner: string;
  expires: string;
  reason: string;
}

/**
 * Checked before anything is read. Each waiver carries the reason and owner a person gave:
 * the tool cannot know why a risk is accepted. The date is a deadline, so it is at most a
 * year ahead; an adoption that needs longer should say so in a waiver of its own.
 */
export function waiverRequest(flags: WriteWaiversFlags, now: number, report: { formats: readonly string[]; output: string | undefined }): WaiverRequest | undefined {
  const { writeWaivers: file, owner, expires, reason } = flags;
  if (file === undefined) {
    const given = (["owner", "expires", "reason"] as const).filter((k) => flags[k] !== undefined);
    if (given.length) throw new UsageError(`${given.map((k) => `--${k}`).join(", ")}: only with --write-waivers FILE, which writes the waivers they describe`);
    return undefined;
  }
  if (report.formats.length || report.output !== undefined) {
    throw new UsageError("--write-waivers writes a waivers file, not a report: drop --format and --output, then run the gate again with --waivers FILE");
  }
  if (reason === undefined || reason.trim() === "") throw new UsageError("--write-waivers needs --reason TEXT: why the current findings are accepted for now (written into every waiver)");
  if (owner === undefined || owner.trim() === "") throw new UsageError("--write-waivers needs --owner TEAM: who answers for the waivers");
  if (expires === undefined) throw new UsageError("--write-waivers needs --expires DATE: the last day the waivers apply, at most a year ahead");
  if (!DateString.safeParse(expires).success) throw new UsageError(`--expires ${expires}: expected a real calendar date such as 2027-03-31`);
  const today = formatUtc(now);
  if (parseUtc(expires) <= now) throw new UsageError(`--expires ${expires}: expected a date after today (${today}); a waiver that has expired waives nothing`);
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  if (parseUtc(expires) > limit.getTime()) {
    throw new UsageError(`--expires ${expires}: at most a year ahead (${formatUtc(limit.getTime())} or earlier): a waiver is a deadline to fix the finding, not a way to forget it`);
  }
  return { file, owner: owner.trim(), expires, reason: reason.trim() };
}

/**
 * Appends a waiver for every finding that fails the gate and is not waived in the file
 * yet, keeping what the file holds as written; a file that exists but is no valid waivers
 * file is exit 2 and left untouched. Returns the lines to print once the run's warnings are out.
 */
export async function writeWaivers(
  req: WaiverRequest,
  result: GateResult,
  packs: { waivable: ReadonlySet<string>; unwaivable: ReadonlySet<string> },
  gateWaivers: string | undefined,
  now: number,
): Promise<string[]> {
  const { file } = req;
  const toStdout = file === "-";
  // The gate's own waivers file is the one to extend; any other input (the inventory, the config) is refused.
  if (!toStdout && (gateWaivers === undefined || resolve(gateWaivers) !== resolve(file))) await checkOutput(file, "--write-waivers");
  const existing = !toStdout && (await replacesAFile(file)) ? await readText(file) : undefined;
  const kept = existing === undefined ? [] : loadWaivers(file, existing, packs.waivable, packs.unwaivable).waivers;
  const plan = waiversToWrite(result.failing, packs.waivable, kept, now);
  const add = plan.add.map((w) => ({ ...w, reason: req.reason, owner: req.owner, expires: req.expires }));
  const where = toStdout ? "stdout" : file;
  const lines: string[] = [];
  if (existing !== undefined && add.length === 0) {
    lines.push(`0 waivers written: ${where} left as it was (${plan.covered ? `it already waives the ${count(plan.covered, "failing finding")}` : "no finding it does not waive fails the gate"})`);
  } else {
    await writeOutput(formatWaivers(existing, add), toStdout ? undefined : file, "--write-waivers", existing !== undefined);
    const already = plan.covered ? `; ${count(plan.covered, "failing finding")} already waived there` : "";
    lines.push(`${count(add.length, "waiver")} written to ${where}, expiring ${req.expires}${already}`);
  }
  if (plan.unwaivable.length) {
    const rules = [...new Set(plan.unwaivable.map((f) => f.rule))].sort().join(", ");
    lines.push(`${count(plan.unwaivable.length, "finding")} left out: ${rules} cannot be waived (a pull request may not accept the weakening of the gate that judges it); the gate still fails on them`);
  }
  if (plan.expired.length) {
    const first = plan.expired[0]!.waiver;
    lines.push(
      `${count(plan.expired.length, "finding")} left out: ${where} has an expired waiver for ${plan.expired.length === 1 ? "it" : "each"} (first: ${first.rule} on ${first.subject} at line ${first.line}, expired on ${first.expires}); renew or remove ${plan.expired.length === 1 ? "it" : "them"} there`,
    );
  }
  return lines.map((l) => printableText(redactText(l)));
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

