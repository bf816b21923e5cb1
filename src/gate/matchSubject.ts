/** `*` matches any run of characters (slashes and colons too); everything else is literal. */
export function subjectMatcher(pattern: string): (subject: string) => boolean {
  if (!pattern.includes("*")) return (s) => s === pattern;
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return (s) => re.test(s);
}
