import { randomBytes } from "node:crypto";

/**
 * Lines for $GITHUB_OUTPUT. The heredoc form with a random delimiter, so a value with a
 * newline (a path can hold one) cannot end the value early and set another output.
 */
export function githubOutput(values: Readonly<Record<string, string>>, delimiter = `nhi_triage_${randomBytes(8).toString("hex")}`): string {
  return Object.entries(values)
    .map(([name, value]) => {
      if (value.includes(delimiter)) throw new Error(`the value of ${name} contains the delimiter`);
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join("");
}
