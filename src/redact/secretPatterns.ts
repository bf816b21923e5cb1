import { runStats, type RunStats } from "./highEntropySpans.js";

/**
 * What our own patterns name. Provider formats beyond these come from secretlint's preset
 * (secretlintSpans.ts), named after its rules; what neither names, the shapes below catch.
 */
export type PatternKind =
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
  | "url-password"
  | "assigned-secret"
  | "prefixed-token"
  | "prefixed-hex-key"
  | "named-key";

export interface Pattern {
  kind: PatternKind;
  /** Global, with `d` when `group` is set; every quantifier bounded and none nested, so matching stays linear. */
  re: RegExp;
  /** The capture group that is the secret itself (the rest is context that stays readable). */
  group?: number;
  accept?: (value: string, m: RegExpExecArray) => boolean;
  /** Characters a value may go on with past its bounded match: no part of a long value may show. */
  more?: RegExp;
  /** A shape rather than a provider's format: it names a value only when no provider rule does. */
  generic?: boolean;
}

const MIXED = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

/**
 * Values that stand for a secret without being one: `${VAR}`, `$VAR`, `%VAR%`, `<token>`,
 * `****`, `xxxx`, `changeme`. A value that merely starts with `$` or `%` is not one: a
 * password may (`$ecretPw1`, `%24…` percent-encoded). Case matters for variables: one case
 * throughout is a variable's name, a mix is a password.
 */
const VARIABLE = /^(?:\$[{(]|\$(?:[A-Z_][A-Z0-9_]{0,63}|[a-z_][a-z0-9_]{0,63})$|%[A-Za-z_][A-Za-z0-9_]{0,63}%$)/;
const PLACEHOLDER = /^(?:[<{([*…]|REDACTED\(|(?:x+|\*+|\.+|#+)$|(?:true|false|null|none|nil|undefined|required|optional|changeme|example|placeholder|secret|password|token|value|string|your[\w-]*)$)/i;

export const notPlaceholder = (v: string): boolean => !VARIABLE.test(v) && !PLACEHOLDER.test(v);

/**
 * A token body that looks generated: letters and digits that switch often, with a long
 * unbroken chunk. Hex counts here (it is what follows a vendor's prefix), unlike for the
 * bare high-entropy test, where hex is more often a digest than a key.
 */
function generated(s: RunStats): boolean {
  if (s.switches < 0.2 || !(s.longestSegment >= 13 || s.length / s.segments >= 9)) return false;
  if (s.digits >= 2 && s.upper + s.lower >= 2) return s.entropy >= 3;
  // Letters alone (Hugging Face's hf_…): both cases, and more entropy than a CamelCase name has.
  return s.digits === 0 && s.upper >= 2 && s.lower >= 2 && s.entropy >= 4.3;
}
const generatedText = (v: string): boolean => generated(runStats(v, 0, v.length));
/** Hex named as a key by its prefix or the words before it: any mix of digits and letters will do. */
const hexKey = (v: string): boolean => /^[0-9a-f]+$/i.test(v) ? /[0-9]/.test(v) && /[a-f]/i.test(v) : generatedText(v);

export const PATTERNS: Pattern[] = [
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
    // Only the password goes: scheme, user and host stay, so the reader still sees which
    // system. The password runs to the last `@` before the host, so `#` and `@` in it
    // (unencoded, as people paste them) are part of it.
    re: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:/?#@"'<>]{0,128}:([^\s/?"'<>]{1,256})@/dg,
    group: 1,
    accept: notPlaceholder,
  },
  {
    kind: "assigned-secret",
    // `sig=` and `signature=` are the signatures of pre-signed URLs (Azure SAS, AWS SigV4).
    re: /(?<![A-Za-z0-9])(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|sig(?==)|(?:x-amz-)?signature(?==))[A-Za-z0-9_.-]{0,24}?["']?\s{0,3}([=:])\s{0,3}["']?([^\s"'`,;&<>]{4,256})/dgi,
    group: 2,
    more: /[^\s"'`,;&<>]/y,
    accept: (v, m) => {
      if (!notPlaceholder(v) || /^https?:\/\//i.test(v)) return false;
      // `key: value` is everywhere in YAML and prose; it counts only when the value looks made up.
      if (m[1] === ":") return v.length >= 6 && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && !/^\d+[a-z]{0,2}$/i.test(v);
      return true;
    },
  },
  {
    kind: "prefixed-token",
    // The shape most vendors give their tokens: a short lower-case prefix ending in `_`
    // (dckr_pat_, dop_v1_, shpat_, lin_api_, hf_…) and a generated body.
    generic: true,
    // A second part of the prefix (pat_, v1_) is read as the start of the body.
    re: /(?<![A-Za-z0-9_])[a-z]{2,8}_([A-Za-z0-9_-]{20,250})(?![A-Za-z0-9_-])/dg,
    accept: (_v, m) => generatedText(m[1]!),
  },
  {
    kind: "prefixed-hex-key",
    // Letters glued to 32 or more hex digits (Databricks dapi…, Twilio SK…): the letters make
    // it a key rather than a digest, which is hex throughout.
    generic: true,
    re: /(?<![A-Za-z0-9])([A-Za-z]{2,6})([0-9a-f]{32,64}|[0-9A-F]{32,64})(?:-[0-9]{1,3})?(?![A-Za-z0-9_-])/dg,
    accept: (_v, m) => /[^a-fA-F]/.test(m[1]!) && hexKey(m[2]!),
  },
  {
    kind: "named-key",
    // A key or token named in prose and given right after: "our Datadog API key 71d2…".
    generic: true,
    re: /(?<![A-Za-z0-9])(?:key|token|secret)s?(?:["'\s:=]|\b(?:is|was|of)\b){1,12}([A-Za-z0-9+/_-]{32,128})(?![A-Za-z0-9+/_-])/dgi,
    group: 1,
    accept: hexKey,
  },
];
