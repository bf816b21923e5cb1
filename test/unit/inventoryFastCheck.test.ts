import fc from "fast-check";
import jsYaml from "js-yaml";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Inventory } from "../../src/load/schema/inventory.js";
import { inventoryFastCheck } from "../../src/load/schema/inventoryFastCheck.js";
// @ts-expect-error -- the benchmark generator is plain JavaScript
import { inventoryYaml } from "../../bench/generate.mjs";
import { ROOT } from "../helpers.js";

/** Values a field may hold, right and wrong, as YAML or JSON could give them. */
const anyValue = fc.oneof(
  fc.constantFrom("", "x", "svc-a", "service-account", "static-secret", "vault", "per-run", "shared", "per-step", "actor", "90d", "0d", "12x", "2026-01-10", "2026-02-30", "2026-01-10T08:30:00Z", "2026-1-1", "nhi-triage/v1", "Inventory"),
  fc.constantFrom(true, false, null, 0, -1, 1.5, 3, Number.NaN, 2 ** 60),
  fc.array(fc.constantFrom("a", "", "actor", "decision", 1, null), { maxLength: 3 }),
  fc.constant({}),
);

/** A record built from a schema's field names (and a stray one), each field maybe right, maybe wrong. */
function recordOf(fields: Record<string, fc.Arbitrary<unknown>>, required: readonly string[] = ["id"]): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(([k, good]) =>
    fc.option(fc.oneof({ weight: 60, arbitrary: good }, { weight: 1, arbitrary: anyValue }), { nil: undefined, freq: required.includes(k) ? 60 : 3 }).map((v) => [k, v] as const),
  );
  return fc.tuple(fc.tuple(...entries), fc.oneof({ weight: 40, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("extra", "Id") })).map(([kvs, stray]) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of kvs) if (v !== undefined) o[k] = v;
    if (stray) o[stray] = "x";
    return o;
  });
}

const str = fc.constantFrom("a", "team-1", "svc-a");
const strs = fc.array(str, { maxLength: 3 });
const bool = fc.boolean();
// Provenance as discover writes it, and line 0, which no file has.
const source = recordOf({ file: str, line: fc.constantFrom(1, 12, 0), column: fc.constantFrom(1, 7, 0), kind: fc.constantFrom("github-workflow", "terraform") }, ["file", "line", "kind"]);
const credential = recordOf({ type: fc.constantFrom("static-secret", "password", "workload-identity"), maxAge: fc.constantFrom("90d", "12h"), lastRotated: fc.constantFrom("2026-01-10", "2024-02-29", "2026-01-10T08:30:00+02:00"), storage: fc.constantFrom("vault", "env-file") });
const identity = recordOf({ id: str, kind: fc.constantFrom("service-account", "agent"), owner: str, usedBy: strs, tenants: strs, environments: strs, credential, privileges: strs, humanUse: bool, thirdParty: bool, lastUsed: fc.constantFrom("2026-01-10", "2025-12-31"), source }, ["id", "kind"]);
const step = recordOf({ id: str, identity: str, privileged: bool, retries: fc.nat(5), idempotent: bool, compensation: str, approval: recordOf({ required: bool, singleUse: bool }), logs: fc.array(fc.constantFrom("actor", "action", "resource", "decision", "outcome"), { maxLength: 3 }), source });
const workflow = recordOf({ id: str, engine: str, stateIsolation: fc.constantFrom("per-run", "shared"), credentialScope: fc.constantFrom("per-step", "per-run", "shared"), steps: fc.array(step, { maxLength: 3 }), source });
const agent = recordOf({ id: str, identity: str, tools: strs, delegatesTo: strs, inheritsScope: bool, runtimeAuthorization: bool, source });
const inventory = recordOf({
  apiVersion: fc.constant("nhi-triage/v1"),
  kind: fc.constant("Inventory"),
  identities: fc.array(identity, { maxLength: 3 }),
  workflows: fc.array(workflow, { maxLength: 2 }),
  agents: fc.array(agent, { maxLength: 2 }),
}, ["apiVersion", "kind"]);

describe("the inventory fast check", () => {
  it("says yes only to data zod accepts, and zod's copy is the same data", () => {
    let yes = 0;
    let no = 0;
    fc.assert(
      fc.property(inventory, (data) => {
        if (!inventoryFastCheck(data)) {
          no++;
          return;
        }
        yes++;
        const r = Inventory.safeParse(data);
        expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        expect(r.data).toEqual(data);
      }),
      { numRuns: 3000, seed: 20261123 },
    );
    // Both answers are exercised, so the property cannot pass by saying no to everything.
    expect(yes).toBeGreaterThan(200);
    expect(no).toBeGreaterThan(200);
  });

  it("says yes to the example inventory and to generated ones, so large inventories skip the copy", () => {
    const load = (text: string) => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
    expect(inventoryFastCheck(load(readFileSync(`${ROOT}fixtures/inventory.yaml`, "utf8")))).toBe(true);
    expect(inventoryFastCheck(load(inventoryYaml(300) as string))).toBe(true);
    expect(inventoryFastCheck(load(inventoryYaml(300, 42, { mix: "stress" }) as string))).toBe(true);
    // A discovered inventory's provenance too; only steps and identities with observed facts go to zod.
    const discovered = load(readFileSync(`${ROOT}fixtures/discover/expected-inventory.yaml`, "utf8")) as { workflows: Array<{ steps: Array<Record<string, unknown>> }>; identities: Array<Record<string, unknown>> };
    for (const w of discovered.workflows) for (const s of w.steps) delete s.observed;
    for (const i of discovered.identities) delete i.observed;
    expect(inventoryFastCheck(discovered)).toBe(true);
  });
});
