import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inventorySubjects } from "../../src/engine/buildSubjects.js";
import type { Subject } from "../../src/engine/subject.js";
import { changedSubjects } from "../../src/gate/changedSubjects.js";
import { sameData } from "../../src/gate/sameData.js";
import { loadInventory, type InventoryIndex } from "../../src/load/loadInventory.js";

/**
 * Whether a subject reads the same records in both inventories. A rule sees only a
 * subject's records (its identity, workflow, step, agent, and for an agent the steps acting
 * as its identity) and the date, so such a subject
 * has the same findings in base and head and need not be evaluated twice. `memo` keeps
 * each pair of records compared once (a workflow is shared by its steps).
 */
function sameSubject(head: Subject, base: Subject, memo: Map<object, boolean>): boolean {
  return (
    same(head.identity, base.identity, memo) && same(head.workflow, base.workflow, memo) && same(head.step, base.step, memo) && same(head.agent, base.agent, memo) &&
    sameData(head.identitySteps, base.identitySteps)
  );
}

function same(h: { id: string } | undefined, b: { id: string } | undefined, memo: Map<object, boolean>): boolean {
  if (h === undefined || b === undefined) return h === b;
  // Records are paired by id; a different id (a step moved to another identity) differs.
  if (h.id !== b.id) return false;
  let known = memo.get(h);
  if (known === undefined) memo.set(h, (known = sameData(h, b)));
  return known;
}

/** The meaning changedSubjects must keep: every subject paired by ref through one table and compared whole. */
function naive(head: InventoryIndex, base: InventoryIndex) {
  const hs = inventorySubjects(head);
  const bs = inventorySubjects(base);
  const key = (s: Subject) => `${s.kind}\u0000${s.ref}`;
  const byKey = new Map(bs.map((b) => [key(b), b]));
  const memo = new Map<object, boolean>();
  const changed = new Set<string>();
  const paired = new Set<Subject>();
  for (const h of hs) {
    const b = byKey.get(key(h));
    if (b) paired.add(b);
    if (!b || !sameSubject(h, b, memo)) changed.add(`head ${key(h)}`);
    if (b && !sameSubject(h, b, memo)) changed.add(`base ${key(b)}`);
  }
  for (const b of bs) if (!paired.has(b)) changed.add(`base ${key(b)}`);
  return { head: hs.filter((s) => changed.has(`head ${key(s)}`)).map((s) => s.ref), base: bs.filter((s) => changed.has(`base ${key(s)}`)).map((s) => s.ref) };
}

/** A small inventory as entries: identities, workflows whose steps act as identities, agents. */
interface Entry {
  list: "identities" | "workflows" | "agents";
  id: string;
  v: number;
  /** Steps (workflows) or the identity acted as (agents, by index into the identities). */
  uses: number[];
}

function yamlOf(entries: readonly Entry[]): string {
  const ids = entries.filter((e) => e.list === "identities").map((e) => e.id);
  const who = (k: number) => (ids.length ? `\n${" ".repeat(8)}identity: ${ids[k % ids.length]}` : "");
  const out = ["apiVersion: nhi-triage/v1", "kind: Inventory"];
  for (const list of ["identities", "workflows", "agents"] as const) {
    const items = entries.filter((e) => e.list === list);
    if (!items.length) continue;
    out.push(`${list}:`);
    for (const e of items) {
      if (list === "identities") out.push(`  - id: ${e.id}\n    kind: service-account\n    privileges: [${e.v > 1 ? "admin" : "read"}]\n    credential: { type: static-secret, maxAge: ${e.v + 1}d }`);
      else if (list === "workflows") out.push(`  - id: ${e.id}\n    engine: e${e.v}\n    steps:${e.uses.length ? "" : " []"}` + e.uses.map((u, k) => `\n      - id: s${k}${who(u)}\n        retries: ${(u + e.v) % 4}`).join(""));
      else out.push(`  - id: ${e.id}\n    tools: [t${e.v}]${ids.length ? `\n    identity: ${ids[(e.uses[0] ?? 0) % ids.length]}` : ""}`);
    }
  }
  return `${out.join("\n")}\n`;
}

const entry: fc.Arbitrary<Entry> = fc.record({
  list: fc.constantFrom("identities", "identities", "identities", "workflows", "agents") as fc.Arbitrary<Entry["list"]>,
  id: fc.integer({ min: 0, max: 300 }).map((n) => `e${n}`),
  v: fc.integer({ min: 0, max: 3 }),
  uses: fc.array(fc.nat({ max: 50 }), { maxLength: 4 }),
});
const unique = (xs: Entry[]) => [...new Map(xs.map((x) => [`${x.list}:${x.id}`, x])).values()];

type Edit = { op: "change" | "insert" | "remove" | "move"; at: number; v?: number; e?: Entry; n?: number; to?: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("change" as const), at: fc.nat(), v: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), e: entry }),
  fc.record({ op: fc.constant("remove" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ op: fc.constant("move" as const), at: fc.nat(), to: fc.nat() }),
);

/** A head made from the base as a pull request would: entries edited, inserted, removed or moved. */
function apply(base: readonly Entry[], edits: readonly Edit[]): Entry[] {
  const head = base.map((e) => ({ ...e }));
  for (const d of edits) {
    if (head.length === 0 && d.op !== "insert") continue;
    const at = d.at % Math.max(1, head.length);
    if (d.op === "change") head[at]!.v = d.v!;
    else if (d.op === "insert") head.splice(at, 0, d.e!);
    else if (d.op === "remove") head.splice(at, d.n!);
    else head.splice(d.to! % head.length, 0, ...head.splice(at, 1));
  }
  return unique(head);
}

describe("changedSubjects", () => {
  it("names exactly the subjects that comparing every subject by ref names, in each side's order", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 250 }).map(unique), fc.array(edit, { maxLength: 10 }), (baseEntries, edits) => {
        const base = loadInventory("base.yaml", yamlOf(baseEntries));
        const head = loadInventory("head.yaml", yamlOf(apply(baseEntries, edits)));
        const got = changedSubjects(head, base, inventorySubjects(head));
        const want = naive(head, base);
        expect(got.head.map((s) => s.ref)).toEqual(want.head);
        expect(got.base.map((s) => s.ref)).toEqual(want.base);
        expect([...got.headRefs]).toEqual(want.head);
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });

  it("finds nothing in an unchanged inventory, and everything in a disjoint one", () => {
    const entries = Array.from({ length: 500 }, (_, i): Entry => ({ list: i % 10 === 0 ? "workflows" : "identities", id: `svc-${i}`, v: 0, uses: [i % 7, i % 3] }));
    const a = loadInventory("a.yaml", yamlOf(entries));
    const same = changedSubjects(a, loadInventory("b.yaml", yamlOf(entries)), inventorySubjects(a));
    expect([same.head, same.base]).toEqual([[], []]);
    const b = loadInventory("c.yaml", yamlOf(entries.map((e) => ({ ...e, id: `x-${e.id}` }))));
    const disjoint = changedSubjects(b, a, inventorySubjects(b));
    expect(disjoint.head).toHaveLength(inventorySubjects(b).length);
    expect(disjoint.base).toHaveLength(inventorySubjects(a).length);
  });
});
