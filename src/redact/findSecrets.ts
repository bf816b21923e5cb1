import { highEntropySpans } from "./highEntropySpans.js";
import { isKnownNonSecret } from "./knownNonSecret.js";
import { privateKeySpans } from "./privateKeySpans.js";
import { MARKER_PATTERN, MARKER_PREFIX } from "./marker.js";
import { PATTERNS, type PatternKind } from "./secretPatterns.js";
import { secretlintSpans } from "./secretlintSpans.js";

/** Our own kinds, or the name of the secretlint rule that found the value (`shopify`, `sendgrid`…). */
export type SecretKind = PatternKind | "private-key" | "high-entropy" | (string & {});

export interface SecretSpan {
  start: number;
  end: number;
  kind: SecretKind;
}

/**
 * Most specific first: when spans start together, the earlier kind names the value. Our
 * provider patterns, then secretlint's rules, then our generic shapes, then entropy.
 */
const FIRST_GENERIC = PATTERNS.findIndex((p) => p.generic);
const SECRETLINT_RANK = FIRST_GENERIC === -1 ? PATTERNS.length : FIRST_GENERIC;
const PRIORITY = new Map<SecretKind, number>([
  ...PATTERNS.map((p, i) => [p.kind, p.generic ? i + 1 : i] as const),
  ["private-key", -1],
  ["high-entropy", PATTERNS.length + 1],
]);
const rank = (kind: SecretKind): number => PRIORITY.get(kind) ?? SECRETLINT_RANK;

const TOKEN = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") TOKEN[c.charCodeAt(0)] = 1;
/** The shortest value any detector matches (`pwd=abcd`). */
export const MIN_SECRET_LENGTH = 8;
const LONG_RUN = 20;
const KEYWORD = /(?:pass|pwd|secret|token|key|sig|signature)[A-Za-z0-9_.-]{0,24}\s{0,3}[=:]/i;

/**
 * Whether any detector could match. Most values of a large inventory are short ids, dates
 * and enum words: for those a few native `includes` decide, and longer values take one pass
 * over their characters looking for a long token run.
 */
function mayHoldSecret(text: string): boolean {
  const n = text.length;
  if (n < MIN_SECRET_LENGTH) return false;
  if (n < LONG_RUN) return (text.includes(":") || text.includes("=")) ? assignedOrUrl(text) : n >= 11 && text.includes("PRIVATE KEY");
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && TOKEN[c] === 1) {
      if (++run >= LONG_RUN) return true;
    } else run = 0;
  }
  return assignedOrUrl(text) || text.includes("PRIVATE KEY");
}

function assignedOrUrl(text: string): boolean {
  return (text.includes("://") && text.includes("@")) || KEYWORD.test(text);
}

function patternSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const [start, matched] = p.group === undefined ? [m.index, m.index + m[0].length] : m.indices![p.group]!;
      let end = matched;
      if (p.more) {
        for (p.more.lastIndex = end; p.more.test(text); ) end = p.more.lastIndex;
        // What the value swallowed is searched no further, so a run of assignments stays linear.
        p.re.lastIndex = Math.max(p.re.lastIndex, end);
      }
      if (!p.accept || p.accept(text.slice(start, end), m)) spans.push({ start, end, kind: p.kind });
    }
  }
  return spans;
}

/**
 * Credential-like values in `text`, as non-overlapping spans in text order. Specific formats
 * (cloud keys, tokens, private keys, passwords in URLs and assignments) come first; then
 * secretlint's provider rules; long random-looking strings are caught by their character
 * mix and entropy. A token secretlint finds is redacted whole, together with whatever of
 * ours overlaps it. Where a rule reports context (a whole URL, a key's name) and one of our
 * patterns overlaps it, ours stands: it cuts the secret out (a URL keeps its host, an
 * assignment its name), where that range may hold the whole URL or stop short of the value.
 * Markers left by an earlier redaction are never matched again, so redacting twice changes
 * nothing.
 */
export function findSecrets(text: string): SecretSpan[] {
  if (!mayHoldSecret(text)) return [];
  const ours = merge(withoutMarkers(text, [...patternSpans(text), ...privateKeySpans(text), ...highEntropySpans(text)]).filter((s) => !isKnownNonSecret(text.slice(s.start, s.end), s.kind)));
  const theirs = withoutMarkers(text, secretlintSpans(text))
    .filter((r) => !isKnownNonSecret(text.slice(r.start, r.end), r.kind))
    .filter((r) => !r.context || !overlapsAny(ours, r))
    .map(({ start, end, kind }) => ({ start, end, kind }));
  return theirs.length ? merge([...ours, ...theirs]) : ours;
}

/** Whether `r` overlaps one of `sorted` (sorted, non-overlapping). */
function overlapsAny(sorted: readonly SecretSpan[], r: { start: number; end: number }): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.end <= r.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]!.start < r.end;
}

function withoutMarkers<T extends { start: number; end: number }>(text: string, spans: T[]): T[] {
  if (!text.includes(MARKER_PREFIX)) return spans;
  const markers = [...text.matchAll(MARKER_PATTERN)].map((m) => [m.index, m.index + m[0].length] as const);
  return spans.filter((s) => !markers.some(([a, b]) => s.start < b && a < s.end));
}

/** Overlapping spans become one (nothing of a secret may show), named by the most specific. */
function merge(spans: SecretSpan[]): SecretSpan[] {
  spans.sort((a, b) => a.start - b.start || rank(a.kind) - rank(b.kind) || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (rank(s.kind) < rank(last.kind)) last.kind = s.kind;
    } else out.push({ ...s });
  }
  return out;
}
