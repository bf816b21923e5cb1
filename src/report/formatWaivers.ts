import { Document, isSeq, parseDocument, type YAMLSeq } from "yaml";
import { keepWrittenLines } from "../discover/keepWrittenLines.js";
import { API_VERSION } from "../load/schema/common.js";
import type { Waiver } from "../load/schema/waivers.js";

const HEADER = [
  "# Accepted risks, written by `nhi-triage gate --write-waivers`. Each names one rule and one",
  "# subject (a * matches any characters), why, who answers for it, and the last day it applies.",
  "",
].join("\n");

/** In the order of the contract's example, whatever order the caller built them in. */
const entry = (w: Waiver): Waiver => ({ rule: w.rule, subject: w.subject, reason: w.reason, owner: w.owner, expires: w.expires });

/**
 * A waivers file with `add` appended: a new file when there is none, else the existing
 * one (already validated) with every line, comment and waiver the user wrote left as it
 * was and the new waivers at the end of its list.
 */
export function formatWaivers(existing: string | undefined, add: readonly Waiver[]): string {
  if (existing === undefined) {
    const doc = new Document({ apiVersion: API_VERSION, kind: "Waivers", waivers: add.map(entry) });
    return `${HEADER}${doc.toString({ lineWidth: 0 })}`;
  }
  if (!add.length) return existing;
  const doc = parseDocument(existing, { keepSourceTokens: false });
  const printedBefore = doc.toString({ lineWidth: 0 });
  const list = doc.get("waivers", true);
  if (!isSeq(list)) throw new Error("formatWaivers: the waivers file was not validated");
  const seq = list as YAMLSeq;
  // `waivers: []` would grow into one long line.
  if (seq.items.length === 0) seq.flow = false;
  for (const w of add) seq.items.push(doc.createNode(entry(w)));
  return keepWrittenLines(existing, printedBefore, doc.toString({ lineWidth: 0 }));
}
