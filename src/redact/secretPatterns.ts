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
  | "assigned-secret";

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

/** Values that stand for a secret without being one: `${VAR}`, `<token>`, `****`, `xxxx`, `changeme`. */
const PLACEHOLDER = /^(?:[$%<{([*…]|REDACTED\(|(?:x+|\*+|\.+|#+)$|(?:true|false|null|none|nil|undefined|required|optional|changeme|example|placeholder|secret|password|token|value|string|your[\w-]*)$)/i;

export const notPlaceholder = (v: string): boolean => !PLACEHOLDER.test(v);

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
    // Only the password goes: scheme, user and host stay, so the reader still sees which system.
    re: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/[^\s:/?#@"'<>]{0,128}:([^\s/?#@"'<>]{1,256})@/dg,
    group: 1,
    accept: notPlaceholder,
  },
  {
    kind: "assigned-secret",
    re: /(?<![A-Za-z0-9])(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret)[A-Za-z0-9_.-]{0,24}?["']?\s{0,3}([=:])\s{0,3}["']?([^\s"'`,;&<>]{4,256})/dgi,
    group: 2,
    more: /[^\s"'`,;&<>]/y,
    accept: (v, m) => {
      if (!notPlaceholder(v) || /^https?:\/\//i.test(v)) return false;
      // `key: value` is everywhere in YAML and prose; it counts only when the value looks made up.
      if (m[1] === ":") return v.length >= 6 && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && !/^\d+[a-z]{0,2}$/i.test(v);
      return true;
    },
  },
];
