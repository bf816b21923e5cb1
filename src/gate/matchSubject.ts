/**
 * `*` matches any run of characters (slashes and colons too); everything else is literal.
 * Matched without a regular expression: the literal pieces between stars must occur in
 * order, and taking the leftmost occurrence of each is always right for `*`-only globs,
 * so a subject is scanned once however many stars the pattern has (`a*a*a*…b` compiled to
 * a RegExp backtracks exponentially).
 */
export function subjectMatcher(pattern: string): (subject: string) => boolean {
  if (!pattern.includes("*")) return (s) => s === pattern;
  const pieces = pattern.split("*");
  const head = pieces[0]!;
  const tail = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((p) => p !== "");
  return (s) => {
    if (s.length < head.length + tail.length || !s.startsWith(head) || !s.endsWith(tail)) return false;
    const end = s.length - tail.length;
    let at = head.length;
    for (const piece of middle) {
      const found = s.indexOf(piece, at);
      if (found === -1 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}
