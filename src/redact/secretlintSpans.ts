import { rules as PRESET } from "@secretlint/secretlint-rule-preset-recommend";

/**
 * Provider formats come from secretlint's recommended preset (11.x, the last major that
 * runs on Node 20) rather than from a list of our own. Its rules are plain synchronous
 * functions over a text: this module hands each one the text and keeps only the ranges it
 * reports, never its messages (they quote the secret).
 */

export interface Range {
  start: number;
  end: number;
  /** The rule's name, e.g. `shopify` for @secretlint/secretlint-rule-shopify. */
  kind: string;
  /**
   * The range holds context around the secret (a whole URL, or a key's name with the key
   * cut short), not the secret alone: where our own patterns say which part is the secret,
   * they are believed instead.
   */
  context: boolean;
}

/** What this module relies on of a secretlint rule; the preset's own types need packages it does not install. */
export interface ScannerRule {
  meta: { id: string };
  create(context: RuleContext, options: object): { file?: (source: RuleSource) => unknown };
}

interface RuleContext {
  createTranslator(): () => string;
  report(descriptor: { range: readonly [number, number] }): void;
  ignore(): void;
}

interface RuleSource {
  content: string;
  contentType: "text";
  ext: string;
}

const ID_PREFIX = "@secretlint/secretlint-rule-";
/**
 * filter-comments lets a `secretlint-disable` comment hide findings, and a ticket must not
 * be able to switch redaction off; gcp reads `.p12` and `.json` files by path, not text.
 */
const SKIP = new Set([`${ID_PREFIX}filter-comments`, `${ID_PREFIX}gcp`]);
/** Rules whose ranges are context (see Range.context); the others report the token itself. */
const CONTEXT = new Set(["aws", "basicauth", "database-connection-string", "npm"].map((n) => `${ID_PREFIX}${n}`));
/** The AWS rule looks for key ids only when asked. */
const OPTIONS: Record<string, object> = { [`${ID_PREFIX}aws`]: { enableIDScanRule: true } };

export const RULES: readonly ScannerRule[] = (PRESET as unknown as ScannerRule[]).filter((r) => !SKIP.has(r.meta.id));

/**
 * The rules' patterns are bounded but not ours to audit, so they never see more than one
 * window of the text: WINDOW characters plus OVERLAP, which is longer than anything a rule
 * matches (a private key block, at most about 10 KB), so every match starting in a window
 * lies wholly inside it. However a pattern backtracks, the work is then linear in the text.
 */
export const WINDOW = 64 * 1024;
export const OVERLAP = 16 * 1024;

/** The windows [start, end) a text of `length` characters is scanned in. */
export function windows(length: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let start = 0; start === 0 || start + OVERLAP < length; start += WINDOW) out.push([start, Math.min(length, start + WINDOW + OVERLAP)]);
  return out;
}

/** Every range any rule reports in `text`, in no particular order (overlaps are the caller's to merge). */
export function secretlintSpans(text: string, rules: readonly ScannerRule[] = RULES): Range[] {
  const out: Range[] = [];
  for (const [from, to] of windows(text.length)) {
    const content = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const rule of rules) {
      const kind = rule.meta.id.startsWith(ID_PREFIX) ? rule.meta.id.slice(ID_PREFIX.length) : rule.meta.id;
      const isContext = CONTEXT.has(rule.meta.id);
      const context: RuleContext = {
        createTranslator: () => () => "",
        report: ({ range }) => {
          if (range[1] > range[0]) out.push({ start: from + range[0], end: from + range[1], kind, context: isContext });
        },
        ignore: () => {},
      };
      rule.create(context, OPTIONS[rule.meta.id] ?? {}).file?.({ content, contentType: "text", ext: "" });
    }
  }
  return out;
}
