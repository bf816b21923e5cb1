import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { toIncident } from "../../src/interview/toIncident.js";
import { loadAnswers } from "../../src/load/loadAnswers.js";
import { loadIncident } from "../../src/load/loadIncident.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { builtinPack, ROOT } from "../helpers.js";
import { answersFor, answersYaml } from "../tools/answersFor.js";
import { fixtureIncidents } from "../tools/fixtureIncidents.js";

describe("saved answers for every fixture incident", () => {
  const cases = fixtureIncidents();
  it("cover every incident in fixtures/", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [basename(c.incident), c] as const))("%s: the answers file is current and describes the same incident", async (_n, c) => {
    const pack = await builtinPack();
    const inventory = c.inventory ? loadInventory(c.inventory, readFileSync(join(ROOT, c.inventory), "utf8")) : undefined;
    const { incident } = loadIncident(c.incident, readFileSync(join(ROOT, c.incident), "utf8"), pack, inventory);
    const text = answersYaml(answersFor(pack, incident, inventory !== undefined), c.incident);
    const file = join(ROOT, c.answers);
    if (process.env.UPDATE_ANSWERS === "1" || !existsSync(file)) {
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, text);
    }
    expect(readFileSync(file, "utf8"), "regenerate with UPDATE_ANSWERS=1").toBe(text);
    const replayed = toIncident(pack.questions, loadAnswers(c.answers, text, pack.questions, inventory), { hasInventory: inventory !== undefined });
    const codes = (i: typeof incident) => (i.symptoms ?? []).map((s) => pack.aliases.get(typeof s === "string" ? s : s.code) ?? (typeof s === "string" ? s : s.code)).sort();
    expect(codes(replayed)).toEqual(codes(incident));
    expect(replayed.id).toBe(incident.id);
    expect(replayed.title).toBe(incident.title);
    expect(replayed.description).toBe(incident.description);
    expect(replayed.active ?? false).toBe(incident.active ?? false);
    expect(replayed.affected ?? {}).toEqual(Object.fromEntries(Object.entries(incident.affected ?? {}).filter(([, v]) => (v as string[]).length)));
  });
});
