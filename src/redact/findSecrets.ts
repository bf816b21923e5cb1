import { highEntropySpans } from "./highEntropySpans.js";
import { privateKeySpans } from "./privateKeySpans.js";
import { MARKER_PATTERN, MARKER_PREFIX } from "./marker.js";

export type SecretKind =
  | "aws-access-key"
  | "aws-secret-key"
  | "github-token"
  | "gitlab-token"
  | "slack-token"
  | "slack-webhook"
  | "stripe-key"
  | "google-api-key"
  | "anthropic-key"
  | "openai-key"
  | "npm-token"
  | "jwt"
  | "private-key"
  | "url-password"
  | "assigned-secret"
  | "high-entropy";

export interface SecretSpan {
  start: number;
  end: number;
  kind: SecretKind;
}

interface Pattern {
  kind: SecretKind;
  /** Global, with `d` when `group` is set; every quantifier bounded, so matching stays linear. */
  re: RegExp;
  /** The capture group that is the secret itself (the rest is context that stays readable). */
  group?: number;
  accept?: (value: string, m: RegExpExecArray) => boolean;
  /** Characters a value may go on with past its bounded match: no part of a long value may show. */
  more?: RegExp;
}

const MIXED = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

/** Values that stand for a secret without being one: `${VAR}`, `<token>`, `****`, `xxxx`, `changeme`. */
const PLACEHOLDER = /^(?:[$%<{([*…]|REDACTED\(|(?:x+|\*+|\.+|#+)$|(?:true|false|null|none|nil|undefined|required|optional|changeme|example|placeholder|secret|password|token|value|string|your[\w-]*)$)/i;

const PATTERNS: Pattern[] = [
  { kind: "aws-access-key", re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  {
    kind: "aws-secret-key",
    // Forty base64 characters are only an AWS secret key when something says so nearby.
    re: /secret[_ .-]?(?:access[_ .-]?)?key(?:["'\s:=]|\bis\b){1,12}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
  },
  { kind: "github-token", re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?![A-Za-z0-9_])/g },
  { kind: "gitlab-token", re: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g },
  { kind: "slack-token", re: /(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9_-])/g },
  { kind: "slack-webhook", re: /hooks\.slack\.com\/services\/([A-Za-z0-9]{6,16}\/[A-Za-z0-9]{6,16}\/[A-Za-z0-9]{16,48})(?![A-Za-z0-9])/dg, group: 1 },
  { kind: "stripe-key", re: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9])/g },
  { kind: "google-api-key", re: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g },
  { kind: "anthropic-key", re: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g, accept: MIXED },
  // `sk-` alone also starts ordinary names (sk-learn); the body must look random.
  { kind: "openai-key", re: /(?<![A-Za-z0-9_-])sk-(?!ant-)[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g, accept: (v) => MIXED(v.slice(3)) },
  { kind: "npm-token", re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  { kind: "jwt", re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{6,4096}\.[A-Za-z0-9_-]{6,8192}\.[A-Za-z0-9_-]{0,4096}(?![A-Za-z0-9_-])/g },
  {
    kind: "url-password",
    // Only the password goes: scheme, user and host stay, so the reader still sees which system.
    re: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:/?#@"'<>]{0,128}:([^\s/?#@"'<>]{1,256})@/dg,
    group: 1,
    accept: (v) => !PLACEHOLDER.test(v),
  },
  {
    kind: "assigned-secret",
    re: /(?<![A-Za-z0-9])(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret)[A-Za-z0-9_.-]{0,24}?["']?\s{0,3}([=:])\s{0,3}["']?([^\s"'`,;&<>]{4,256})/dgi,
    group: 2,
    more: /[^\s"'`,;&<>]/y,
    accept: (v, m) => {
      if (PLACEHOLDER.test(v) || /^https?:\/\//i.test(v)) return false;
      // `key: value` is everywhere in YAML and prose; it counts only when the value looks made up.
      if (m[1] === ":") return v.length >= 6 && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && !/^\d+[a-z]{0,2}$/i.test(v);
      return true;
    },
  },
];

/** Most specific first: when spans start together, the earlier kind names the value. */
const PRIORITY = new Map<SecretKind, number>([...PATTERNS.map((p, i) => [p.kind, i] as const), ["private-key", -1], ["high-entropy", PATTERNS.length]]);

const TOKEN = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") TOKEN[c.charCodeAt(0)] = 1;
/** The shortest value any detector matches (`pwd=abcd`). */
export const MIN_SECRET_LENGTH = 8;
const LONG_RUN = 20;
const KEYWORD = /(?:pass|pwd|secret|token|key)[A-Za-z0-9_.-]{0,24}\s{0,3}[=:]/i;

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

/**
 * Credential-like values in `text`, as non-overlapping spans in text order. Specific formats
 * (cloud keys, tokens, private keys, passwords in URLs and assignments) come first; long
 * random-looking strings are caught by their character mix and entropy. Markers left by an
 * earlier redaction are never matched again, so redacting twice changes nothing.
 */
export function findSecrets(text: string): SecretSpan[] {
  if (!mayHoldSecret(text)) return [];
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
  spans.push(...privateKeySpans(text), ...highEntropySpans(text));
  if (spans.length === 0) return spans;
  return merge(withoutMarkers(text, spans));
}

function withoutMarkers(text: string, spans: SecretSpan[]): SecretSpan[] {
  if (!text.includes(MARKER_PREFIX)) return spans;
  const markers = [...text.matchAll(MARKER_PATTERN)].map((m) => [m.index, m.index + m[0].length] as const);
  return spans.filter((s) => !markers.some(([a, b]) => s.start < b && a < s.end));
}

/** Overlapping spans become one (nothing of a secret may show), named by the most specific. */
function merge(spans: SecretSpan[]): SecretSpan[] {
  spans.sort((a, b) => a.start - b.start || PRIORITY.get(a.kind)! - PRIORITY.get(b.kind)! || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (PRIORITY.get(s.kind)! < PRIORITY.get(last.kind)!) last.kind = s.kind;
    } else out.push({ ...s });
  }
  return out;
}
