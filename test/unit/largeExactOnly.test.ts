import { describe, expect, it } from "vitest";
import { EXACT_PARSER_LIMIT, LARGE_EXACT_ONLY, readYaml } from "../../src/load/readYaml.js";

/** A flow-style inventory (the block reader declines it, so js-yaml reads it) just over the limit. */
function largeFlow(extra: string): string {
  const entry = '{id: svc-0000000, kind: service-account, owner: team-a, privileges: ["repo:read"]}';
  const n = Math.ceil(EXACT_PARSER_LIMIT / (entry.length + 2)) + 1;
  const identities = Array.from({ length: n }, (_, i) => entry.replace("0000000", String(i).padStart(7, "0"))).join(",\n  ");
  return `apiVersion: nhi-triage/v1\nkind: Inventory\n${extra}identities: [\n  ${identities}\n  ]\n`;
}

describe("inputs too large for the exact parser", () => {
  it("are read by js-yaml when they hold nothing it reads otherwise", () => {
    const r = readYaml("big.yaml", largeFlow(""));
    expect(r.ok).toBe(true);
  });

  it("keep anchors and aliases, whose data both readers agree on", () => {
    const r = readYaml("big.yaml", largeFlow("x-owner: &o team-a\nteam: *o\n"));
    expect(r.ok ? (r.doc.data as { team: string }).team : r.diagnostics[0]!.message).toBe("team-a");
  });

  it.each([
    ["a tag", "x: !!omap [a: 1]\n"],
    ["an empty key", ": x\n"],
    ["a null key", "~: x\n"],
    ["a directive", "%TAG ! tag:example.com,2000:\n---\n"],
  ])("are refused, positioned, when they hold %s, which only the exact parser reads right", (_, extra) => {
    const text = extra.startsWith("%") ? extra + largeFlow("") : largeFlow(extra);
    const r = readYaml("big.yaml", text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // js-yaml refuses some of these itself, at their place; what it would read, the tool refuses.
    const d = r.diagnostics[0]!;
    if (d.message !== LARGE_EXACT_ONLY) expect(d.message).toMatch(/^invalid YAML: /);
    expect(d.line).toBeGreaterThanOrEqual(1);
  });

  it("refuse a .json file JSON.parse cannot read at JSON.parse's place, never reading it as YAML", () => {
    const body = JSON.stringify({ apiVersion: "nhi-triage/v1", kind: "Inventory", identities: Array.from({ length: 1 + EXACT_PARSER_LIMIT / 30 }, (_, i) => ({ id: `svc-${i}`, kind: "api-key" })) }, null, 1);
    const broken = body.replace('"kind": "api-key"', '"kind": "api-key",');
    expect(broken).not.toBe(body);
    expect(broken.length).toBeGreaterThan(EXACT_PARSER_LIMIT);
    const r = readYaml("big.json", broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.message).toMatch(/^invalid JSON: /);
    const line = broken.slice(0, broken.indexOf('"api-key",')).split("\n").length;
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(line);
    expect(r.diagnostics[0]!.line).toBeLessThanOrEqual(line + 1);
  });

  it("place a fault whose JSON.parse message has no position, and never quote the text back", () => {
    const body = JSON.stringify({ apiVersion: "nhi-triage/v1", kind: "Inventory", identities: Array.from({ length: 1 + EXACT_PARSER_LIMIT / 30 }, (_, i) => ({ id: `svc-${i}`, kind: "api-key" })) }, null, 1);
    // `"kind": }` is refused by Node as "Unexpected token '}', <the whole text> is not valid JSON".
    const broken = body.replace('"kind": "api-key"', '"kind": ');
    const r = readYaml("big.json", broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = broken.slice(0, broken.indexOf('"kind": \n')).split("\n").length;
    expect(r.diagnostics[0]).toMatchObject({ line: line + 1, message: 'invalid JSON: expected a value (a string in double quotes, a number, true, false, null, an object or a list), found "}"' });
  });
});
