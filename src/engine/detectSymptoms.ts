import { stemmer } from "stemmer";
import type { Symptom } from "../load/schema/rules.js";
import type { SymptomFact } from "./symptomFact.js";
import { compareStrings } from "./compare.js";
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
}

interface Token {
  word: string;
  stem: string;
  start: number;
  end: number;
}

// "nobody" is left out on purpose: "nobody noticed the job retried" still says it retried.
const NEGATIONS = new Set(["no", "not", "never", "without", "none", "nor", "neither", "nothing", "cannot", "lacked", "lacks", "lack"]);
/** Phrases that put a whole clause in doubt: "no sign the key was misused". */
const CLAUSE_NEGATIONS = [["no", "sign"], ["no", "evidence"], ["no", "indication"], ["not", "clear"], ["unconfirmed"]];
const NEGATION_REACH = 4;
const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const CLAUSE_BREAK = /[.!?;:,()\n]+|\s(?:but|however|although|though|whereas|while)\s/g;

export function stem(word: string): string {
  return stemmer(word.toLowerCase().replace(/'s$/, ""));
}

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
  return { detectors };
}

function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    tokens.push({ word: m[0], stem: stem(m[0]), start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return tokens;
}

function clauses(text: string): Token[][] {
  const out: Token[][] = [];
  let last = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    out.push(tokenize(text.slice(last, m.index), last));
    last = m.index + m[0].length;
  }
  out.push(tokenize(text.slice(last), last));
  return out.filter((c) => c.length > 0);
}

function matches(alt: Alternative, t: Token): boolean {
  return "stem" in alt ? t.stem === alt.stem : t.word.startsWith(alt.prefix);
}

/** A clause's tokens with their stems gathered, so most detectors are turned away at once. */
interface Clause {
  tokens: Token[];
  stems: Set<string>;
}

function mayMatch(d: Detector, c: Clause): boolean {
  return d.terms.every((alts) => alts.some((a) => ("stem" in a ? c.stems.has(a.stem) : c.tokens.some((t) => t.word.startsWith(a.prefix)))));
}

/** Positions of one word per term, all within the detector's span, in any order. */
function findMatch(d: Detector, c: Clause): number[] | undefined {
  // Three hundred phrases meet every clause of every ticket: reject before allocating.
  if (!mayMatch(d, c)) return undefined;
  const clause = c.tokens;
  const candidates = d.terms.map((alts) => clause.flatMap((t, i) => (alts.some((a) => matches(a, t)) ? [i] : [])));
  if (candidates.some((c) => c.length === 0)) return undefined;
  // Depth-first over terms: phrases have a handful of words, so this stays tiny.
  const chosen: number[] = [];
  const search = (k: number, lo: number, hi: number): boolean => {
    if (k === candidates.length) return true;
    for (const i of candidates[k]!) {
      const nlo = Math.min(lo, i);
      const nhi = Math.max(hi, i);
      if (nhi - nlo > d.span || chosen.includes(i)) continue;
      chosen.push(i);
      if (search(k + 1, nlo, nhi)) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0, Infinity, -Infinity) ? chosen : undefined;
}

function negated(d: Detector, clause: Token[], positions: number[]): boolean {
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  // A negation just before the phrase, or between its words, governs it.
  for (let i = Math.max(0, first - NEGATION_REACH); i < last; i++) {
    const w = clause[i]!.word;
    if (!positions.includes(i) && isNegation(w) && !d.ownWords.has(w)) return true;
  }
  const words = clause.slice(0, first).map((t) => t.word);
  return CLAUSE_NEGATIONS.some((cue) =>
    words.some((_, i) => cue.every((w, j) => words[i + j] === w) && !cue.every((w) => d.ownWords.has(w))),
  );
}

/**
 * Symptoms found in free text, each with the words that matched. Matching works on word
 * stems in any order within a short window, and skips a phrase that a negation governs.
 */
export function detectSymptoms(text: string, compiled: CompiledDetectors): SymptomFact[] {
  const found = new Map<string, { at: number; terms: number; phrase: string }>();
  // A redacted value is the secret itself, pasted: better evidence than any phrase, and its
  // marker's words ("aws access key") must not be read as the writer's own words.
  const kinds = redactedKinds(text);
  const cs = clauses(kinds.length ? text.replace(MARKER_PATTERN, (m) => " ".repeat(m.length)) : text).map((tokens): Clause => ({ tokens, stems: new Set(tokens.map((t) => t.stem)) }));
  for (const d of compiled.detectors) {
    for (const c of cs) {
      const clause = c.tokens;
      const positions = findMatch(d, c);
      if (!positions || negated(d, clause, positions)) continue;
      const start = clause[Math.min(...positions)]!.start;
      const end = clause[Math.max(...positions)]!.end;
      const prev = found.get(d.code);
      // The most specific phrase is the best evidence; among equals, the first in the text.
      if (!prev || d.terms.length > prev.terms || (d.terms.length === prev.terms && start < prev.at)) {
        found.set(d.code, { at: start, terms: d.terms.length, phrase: excerpt(text.slice(start, end)) });
      }
      break;
    }
  }
  if (kinds.length && compiled.detectors.some((d) => d.code === LEAKED_SECRET)) {
    const what = kinds.length === 1 ? `a credential-like value (${kinds[0]})` : `credential-like values (${kinds.join(", ")})`;
    found.set(LEAKED_SECRET, { at: text.indexOf(MARKER_PREFIX), terms: Infinity, phrase: `${what} in the incident text, redacted` });
  }
  return [...found.entries()]
    .sort((a, b) => a[1].at - b[1].at || compareStrings(a[0], b[0]))
    .map(([code, m]) => ({ code, source: "description", phrase: m.phrase }));
}

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
