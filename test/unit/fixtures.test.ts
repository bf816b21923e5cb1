import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { builtinPack, NOW, ROOT } from "../helpers.js";

// Each fixture incident states the answer its author expects in its header. Where the tool
// answers differently and we judge the tool defensible, the case is listed here with why;
// the test fails if a listed case starts agreeing, so the list cannot go stale.
// None today: INC-2026-018 (restart loop plus an agent's prod:admin token) now reaches its
// expected `both`, the restarted deployment and the failure it was followed by read as a faulty change.
const KNOWN_DISAGREEMENTS: Record<string, { tool: string; why: string }> = {};

const DIR = `${ROOT}fixtures/incidents`;
const inventoryPath = `${ROOT}fixtures/inventory.yaml`;

describe("fixture incidents reach their expected decision", async () => {
  const pack = await builtinPack();
  const inventory = loadInventory(inventoryPath, readFileSync(inventoryPath, "utf8"));
  const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).sort();

  it("there are at least 12, covering every decision, containment and free text", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files)("%s", (f) => {
    const text = readFileSync(`${DIR}/${f}`, "utf8");
    const [, expected, contain] = /# Expected: ([a-z-]+); contain: (yes|no)/.exec(text)!;
    const { incident } = loadIncident(f, text, pack, inventory);
    const t = triage(incident, pack, inventory, { now: NOW });
    const known = KNOWN_DISAGREEMENTS[incident.id];
    expect(t.decision.decision).toBe(known ? known.tool : expected);
    expect(t.contain.length > 0).toBe(contain === "yes");
  });

  it("the fixtures exercise all four decisions, containment and free-text detection", () => {
    const seen = new Set<string>();
    let contained = 0;
    let detected = 0;
    for (const f of files) {
      const text = readFileSync(`${DIR}/${f}`, "utf8");
      const t = triage(loadIncident(f, text, pack, inventory).incident, pack, inventory, { now: NOW });
      seen.add(t.decision.decision);
      if (t.contain.length) contained++;
      if (t.symptoms.some((s) => s.source === "description")) detected++;
    }
    expect([...seen].sort()).toEqual(["both", "identity-first", "insufficient-evidence", "orchestration-first"]);
    expect(contained).toBeGreaterThanOrEqual(3);
    expect(detected).toBeGreaterThanOrEqual(6);
  });
});
