import { clauses, stem } from "../../src/engine/clauses.js";
import { compareStrings } from "../../src/engine/compare.js";
import type { CompiledDetectors } from "../../src/engine/detectSymptoms.js";
import type { SymptomFact } from "../../src/engine/symptomFact.js";
import { MARKER_PATTERN, MARKER_PREFIX } from "../../src/redact/marker.js";
import { redactedKinds } from "../../src/redact/redactedKinds.js";
import { searchedMatch } from "./searchedMatch.js";

type Detector = CompiledDetectors["detectors"][number];
interface Token {
  word: string;
  stem: string;
  start: number;
  end: number;
}
const NEGATIONS = new Set(["no", "not", "never", "without", "none", "nor", "neither", "nothing", "cannot", "lacked", "lacks", "lack"]);
const CLAUSE_NEGATIONS = [["no", "sign"], ["no", "evidence"], ["no", "indication"], ["not", "clear"], ["unconfirmed"]];

function negated(d: Detector, clause: Token[], positions: number[]): boolean {
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  for (let i = Math.max(0, first - 4); i < last; i++) {
    const w = clause[i]!.word;
    if (!positions.includes(i) && (NEGATIONS.has(w) || w.endsWith("n't")) && !d.ownWords.has(w)) return true;
  }
  const words = clause.slice(0, first).map((t) => t.word);
  return CLAUSE_NEGATIONS.some((cue) => words.some((_, i) => cue.every((w, j) => words[i + j] === w) && !cue.every((w) => d.ownWords.has(w))));
}

/**
 * detectSymptoms as it was before it indexed clauses and used firstMatch: every detector
 * against every clause, the depth-first search, the negation scan. The reference the
 * linear version must agree with.
 */
export function searchedSymptoms(text: string, compiled: CompiledDetectors): SymptomFact[] {
  const found = new Map<string, { at: number; terms: number; phrase: string }>();
  const kinds = redactedKinds(text);
  const cs = [...clauses(kinds.length ? text.replace(MARKER_PATTERN, (m) => " ".repeat(m.length)) : text)].map(({ words, starts }) =>
    words.map((word, i): Token => ({ word, stem: stem(word), start: starts[i]!, end: starts[i]! + word.length })),
  );
  for (const d of compiled.detectors) {
    for (const clause of cs) {
      const candidates = d.terms.map((alts) => clause.flatMap((t, i) => (alts.some((a) => ("stem" in a ? t.stem === a.stem : t.word.startsWith(a.prefix))) ? [i] : [])));
      const positions = searchedMatch(candidates, d.span);
      if (!positions || negated(d, clause, positions)) continue;
      const start = clause[Math.min(...positions)]!.start;
      const prev = found.get(d.code);
      if (!prev || d.terms.length > prev.terms || (d.terms.length === prev.terms && start < prev.at)) {
        const flat = text.slice(start, clause[Math.max(...positions)]!.end).replace(/\s+/g, " ");
        found.set(d.code, { at: start, terms: d.terms.length, phrase: flat.length > 80 ? `${flat.slice(0, 77)}...` : flat });
      }
      break;
    }
  }
  if (kinds.length && compiled.detectors.some((d) => d.code === "leaked-secret")) {
    const what = kinds.length === 1 ? `a credential-like value (${kinds[0]})` : `credential-like values (${kinds.join(", ")})`;
    found.set("leaked-secret", { at: text.indexOf(MARKER_PREFIX), terms: Infinity, phrase: `${what} in the incident text, redacted` });
  }
  return [...found.entries()].sort((a, b) => a[1].at - b[1].at || compareStrings(a[0], b[0])).map(([code, m]) => ({ code, source: "description", phrase: m.phrase }));
}
