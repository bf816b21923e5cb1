import { didYouMean } from "./closest.js";
import { diagnostic, ProblemList } from "./diagnostic.js";
import { loadDocument } from "./loadDocument.js";
import { WaiversFile, type Waiver } from "./schema/waivers.js";
import type { Position } from "./sourceDoc.js";

export interface LocatedWaiver extends Waiver {
  /** Where the waiver starts in its file, for reports. */
  file: string;
  line: number;
  column: number;
}

export interface LoadedWaivers {
  file: string;
  waivers: LocatedWaiver[];
}

const SUBJECT = /^(\*|(identity|workflow|agent|\*):[^\s]+)$/;

/**
 * Reads a waivers file. A waiver that names an unknown rule or a subject that can never
 * match is an input error: a typo there would otherwise waive nothing, silently.
 */
export function loadWaivers(file: string, text: string, ruleIds: ReadonlySet<string>, unwaivable: ReadonlySet<string> = new Set()): LoadedWaivers {
  const { value, doc } = loadDocument(file, text, WaiversFile, "Waivers", (data, d) => {
    const out = new ProblemList(file);
    const list = Array.isArray(data.waivers) ? (data.waivers as unknown[]) : [];
    list.forEach((w, i) => {
      if (w === null || typeof w !== "object") return;
      const { rule, subject } = w as Record<string, unknown>;
      if (typeof rule === "string" && unwaivable.has(rule)) {
        out.add(() => diagnostic(file, d.locate(["waivers", i, "rule"]), `${rule} cannot be waived: a pull request may not accept the weakening of the gate that judges it`));
      } else if (typeof rule === "string" && rule !== "" && !ruleIds.has(rule)) {
        out.add(() => diagnostic(file, d.locate(["waivers", i, "rule"]), `unknown rule "${rule}"${didYouMean(rule, ruleIds)}`));
      }
      if (typeof subject === "string" && subject !== "" && !SUBJECT.test(subject)) {
        out.add(() =>
          diagnostic(
            file,
            d.locate(["waivers", i, "subject"]),
            `subject "${subject}" can never match: expected identity:ID, workflow:ID, workflow:ID/step:ID or agent:ID (a * matches any characters)`,
          ),
        );
      }
    });
    return out.toArray();
  });
  const waivers = value.waivers.map((w, i) => {
    const pos: Position = doc.locate(["waivers", i]) ?? { line: 1, column: 1 };
    return { ...w, file, line: pos.line, column: pos.column };
  });
  return { file, waivers };
}
