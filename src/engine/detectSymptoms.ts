import type { Symptom } from "../load/schema/rules.js";
import type { SymptomFact } from "./symptomFact.js";
import { compareStrings } from "./compare.js";
import { clauses, stem, type Clause } from "./clauses.js";
import { firstMatch, type Meter } from "./firstMatch.js";
import { pushTo } from "./pushTo.js";
import { MARKER_PATTERN, MARKER_PREFIX } from "../redact/marker.js";
import { redactedKinds } from "../redact/redactedKinds.js";

const LEAKED_SECRET = "leaked-secret";

type Alternative = { stem: string } | { prefix: string };
interface Detector {
  code: string;
  phrase: string;
  terms: Alternative[][];
  /** Largest distance, in words, between the first and last matched word. */
  span: number;
  /** Words that belong to the phrase itself, so "no retries" can be a phrase without negating itself. */
  ownWords: Set<string>;
}

export interface CompiledDetectors {
  detectors: Detector[];
  /** The terms of all detectors are numbered in a row: detector i's begin at firstTerm[i]. */
  firstTerm: number[];
  /** Which detector each term number belongs to. */
  detectorOf: number[];
  /** The terms each stem satisfies, so a clause's words find their detectors without trying all of them. */
  byStem: Map<string, number[]>;
  /** The same for `word*` prefixes. */
  byPrefix: Map<string, number[]>;
  longestPrefix: number;
}

// "nobody" is left out on purpose: "nobody noticed the job retried" still says it retried.
const NEGATIONS = new Set(["no", "not", "never", "without", "none", "nor", "neither", "nothing", "cannot", "lacked", "lacks", "lack"]);
/** Phrases that put a whole clause in doubt: "no sign the key was misused". */
const CLAUSE_NEGATIONS = [["no", "sign"], ["no", "evidence"], ["no", "indication"], ["not", "clear"], ["unconfirmed"]];
const NEGATION_REACH = 4;

function isNegation(word: string): boolean {
  return NEGATIONS.has(word) || word.endsWith("n't");
}

export function compileDetectors(symptoms: readonly Symptom[]): CompiledDetectors {
  const detectors: Detector[] = [];
  for (const s of symptoms) {
    for (const phrase of s.phrases ?? []) {
      // A trailing "~N" widens the window for phrases whose words sit far apart.
      const widen = /\s~(\d+)$/.exec(phrase);
      const words = phrase.replace(/\s~\d+$/, "").toLowerCase().replace(/-/g, " ").split(/\s+/).filter(Boolean);
      const terms = words.map((w) =>
        w.split("|").filter(Boolean).map((alt): Alternative => (alt.endsWith("*") ? { prefix: alt.slice(0, -1) } : { stem: stem(alt) })),
      );
      // The pack validator refuses such phrases; a wordless one would match every clause.
      if (terms.length === 0 || terms.some((t) => t.length === 0)) continue;
      const ownWords = new Set(words.flatMap((w) => w.split("|").map((a) => a.replace(/\*$/, ""))));
      detectors.push({ code: s.code, phrase, terms, span: widen ? Number(widen[1]) : 2 * terms.length + 2, ownWords });
    }
  }
  const firstTerm: number[] = [];
  const detectorOf: number[] = [];
  const byStem = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  let longestPrefix = -1;
  detectors.forEach((d, i) => {
    firstTerm.push(detectorOf.length);
    for (const alts of d.terms) {
      const term = detectorOf.length;
      detectorOf.push(i);
      for (const a of alts) {
        const [table, key] = "stem" in a ? [byStem, a.stem] : [byPrefix, a.prefix];
        if (!("stem" in a)) longestPrefix = Math.max(longestPrefix, a.prefix.length);
        const list = table.get(key) ?? [];
        // Two alternatives of one term may name the same stem.
        if (list.at(-1) !== term) list.push(term);
        table.set(key, list);
      }
    }
  });
  return { detectors, firstTerm, detectorOf, byStem, byPrefix, longestPrefix };
}

/** The terms a word satisfies, each once, in ascending order. */
function termsOf(word: string, compiled: CompiledDetectors): number[] {
  const found = new Set(compiled.byStem.get(stem(word)));
  for (let n = 0; n <= Math.min(word.length, compiled.longestPrefix); n++) {
    for (const term of compiled.byPrefix.get(word.slice(0, n)) ?? []) found.add(term);
  }
  return [...found].sort((a, b) => a - b);
}

/** How early in a clause each clause-wide negation ends (Infinity when absent). */
function cueEnds(words: readonly string[]): number[] {
  return CLAUSE_NEGATIONS.map((cue) => {
    for (let i = 0; i + cue.length <= words.length; i++) if (cue.every((w, j) => words[i + j] === w)) return i + cue.length;
    return Infinity;
  });
}

function negated(d: Detector, words: readonly string[], positions: readonly number[], ends: readonly number[]): boolean {
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  // A negation just before the phrase, or between its words, governs it.
  for (let i = Math.max(0, first - NEGATION_REACH); i < last; i++) {
    const w = words[i]!;
    if (!positions.includes(i) && isNegation(w) && !d.ownWords.has(w)) return true;
  }
  // Or one that doubts the whole clause, written wholly before the phrase.
  return CLAUSE_NEGATIONS.some((cue, c) => ends[c]! <= first && !cue.every((w) => d.ownWords.has(w)));
}

/**
 * Symptoms found in free text, each with the words that matched. Matching works on word
 * stems in any order within a short window, and skips a phrase that a negation governs.
 * Each detector takes the first clause where it matches unnegated; in a clause, the words
 * index the terms they satisfy, so only detectors with every term present are tried, and
 * firstMatch keeps the work linear in the words (`meter` counts it, for tests).
 */
export function detectSymptoms(text: string, compiled: CompiledDetectors, meter: Meter = { steps: 0 }): SymptomFact[] {
  // A redacted value is the secret itself, pasted: better evidence than any phrase, and its
  // marker's words ("aws access key") must not be read as the writer's own words.
  const kinds = redactedKinds(text);
  const { detectors, firstTerm, detectorOf } = compiled;
  const firstAt: Array<{ start: number; end: number } | undefined> = new Array(detectors.length);
  const wordTerms = new Map<string, number[]>();
  for (const clause of clauses(kinds.length ? text.replace(MARKER_PATTERN, (m) => " ".repeat(m.length)) : text)) {
    const positions = new Map<number, number[]>();
    clause.words.forEach((word, i) => {
      let terms = wordTerms.get(word);
      if (!terms) wordTerms.set(word, (terms = termsOf(word, compiled)));
      meter.steps += terms.length + 1;
      for (const term of terms) {
        if (firstAt[detectorOf[term]!]) continue;
        pushTo(positions, term, i);
      }
    });
    let ends: number[] | undefined;
    const tried = new Set<number>();
    for (const term of positions.keys()) {
      const di = detectorOf[term]!;
      if (tried.has(di)) continue;
      tried.add(di);
      const d = detectors[di]!;
      const candidates = d.terms.map((_, k) => positions.get(firstTerm[di]! + k) ?? []);
      const chosen = firstMatch(candidates, d.span, meter);
      if (!chosen || negated(d, clause.words, chosen, (ends ??= cueEnds(clause.words)))) continue;
      firstAt[di] = span(clause, chosen);
    }
  }
  const found = new Map<string, { at: number; terms: number; phrase: string }>();
  detectors.forEach((d, di) => {
    const m = firstAt[di];
    if (!m) return;
    const prev = found.get(d.code);
    // The most specific phrase is the best evidence; among equals, the first in the text.
    if (!prev || d.terms.length > prev.terms || (d.terms.length === prev.terms && m.start < prev.at)) {
      found.set(d.code, { at: m.start, terms: d.terms.length, phrase: excerpt(text.slice(m.start, m.end)) });
    }
  });
  if (kinds.length && detectors.some((d) => d.code === LEAKED_SECRET)) {
    const what = kinds.length === 1 ? `a credential-like value (${kinds[0]})` : `credential-like values (${kinds.join(", ")})`;
    found.set(LEAKED_SECRET, { at: text.indexOf(MARKER_PREFIX), terms: Infinity, phrase: `${what} in the incident text, redacted` });
  }
  return [...found.entries()]
    .sort((a, b) => a[1].at - b[1].at || compareStrings(a[0], b[0]))
    .map(([code, m]) => ({ code, source: "description", phrase: m.phrase }));
}

/** Where the words at `chosen` begin and end in the text. */
function span(clause: Clause, chosen: readonly number[]): { start: number; end: number } {
  const first = Math.min(...chosen);
  const last = Math.max(...chosen);
  return { start: clause.starts[first]!, end: clause.starts[last]! + clause.words[last]!.length };
}

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
