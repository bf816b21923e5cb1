import { diagnostic, type Diagnostic } from "../load/diagnostic.js";
import { loadDocument } from "../load/loadDocument.js";
import type { RulePack } from "../load/rulePack.js";
import { SentenceFile } from "./sentenceSet.js";

/** A labelled sentence file, every symptom code checked against the pack so a typo is not scored as a miss. */
export function loadSentenceSet(file: string, text: string, pack: RulePack): SentenceFile {
  return loadDocument(file, text, SentenceFile, "Sentences", (data, doc) => {
    const problems: Diagnostic[] = [];
    const sentences = Array.isArray(data.sentences) ? (data.sentences as unknown[]) : [];
    for (const [i, s] of sentences.entries()) {
      if (s === null || typeof s !== "object") continue;
      const entry = s as { shows?: unknown; hard?: { not?: unknown } };
      const lists: Array<[unknown, (string | number)[]]> = [
        [entry.shows, ["sentences", i, "shows"]],
        [entry.hard?.not, ["sentences", i, "hard", "not"]],
      ];
      for (const [list, path] of lists) {
        if (!Array.isArray(list)) continue;
        for (const [j, code] of list.entries()) {
          if (typeof code === "string" && !pack.symptoms.has(code)) {
            problems.push(diagnostic(file, doc.locate([...path, j]), `unknown symptom code "${code}": expected one of the pack's symptoms`));
          }
        }
      }
    }
    return problems;
  }).value;
}
