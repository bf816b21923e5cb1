import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";
import { run } from "./run.js";

/** The `nhi-triage analyze` commands on the repository's own fixtures that a page shows in sh blocks. */
function commands(page: string): string[] {
  const text = readFileSync(`${ROOT}${page}`, "utf8");
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split("\n")).map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => /^(?:cat fixtures\/tickets\/\S+ \| )?(?:npx )?nhi-triage analyze (?:fixtures\/tickets|-)/.test(l));
}

describe("the ticket commands in the docs run as written", () => {
  const all = [...commands("docs/tickets.md"), ...commands("README.md")];
  it("finds them (so a changed page cannot pass by showing none)", () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
  });
  it.each(all)("%s", (line) => {
    const piped = /^cat (\S+) \| (.*)$/.exec(line);
    const args = (piped ? piped[2]! : line).replace(/^npx /, "").split(" ").slice(1);
    const r = run([...args, "--now", "2026-11-23"], piped ? { input: readFileSync(`${ROOT}${piped[1]}`, "utf8") } : {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/error/);
  });
});
