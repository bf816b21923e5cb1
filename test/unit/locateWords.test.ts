import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { triage } from "../../src/engine/triage.js";
import { loadIncidents } from "../../src/load/loadIncidents.js";
import { symptomPlaces } from "../../src/load/symptomPlaces.js";
import type { Position } from "../../src/load/sourceDoc.js";
import { builtinPack, NOW, ROOT } from "../helpers.js";

/** The file's text between two positions (end just past the last character). */
function between(text: string, start: Position, end: Position): string {
  const lines = text.split("\n");
  if (start.line === end.line) return lines[start.line - 1]!.slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1]!.slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1]!.slice(0, end.column - 1)].join("\n");
}

async function places(file: string, text: string) {
  const pack = await builtinPack();
  const input = loadIncidents(file, text, pack);
  if ("skipped" in input) throw new Error(`skipped ${file}`);
  return input.loaded.map((loaded) => {
    const t = triage(loaded.incident, pack, undefined, { now: NOW });
    return { t, at: symptomPlaces(t, loaded, text, pack.aliases) };
  });
}

describe("matched words placed in the ticket's file", () => {
  const dir = `${ROOT}fixtures/tickets/`;
  it.each(readdirSync(dir).filter((f) => /\.(md|txt|json)$/.test(f) && f !== "README.md"))("%s: every placed word reads in the file as in the text", async (name) => {
    const text = readFileSync(dir + name, "utf8");
    let placed = 0;
    for (const { t, at } of await places(dir + name, text)) {
      for (const s of t.symptoms) {
        const where = at.get(s.code);
        if (s.source !== "description" || where?.kind !== "words") continue;
        where.words.forEach((w, i) => expect(between(text, w.start, w.end).replace(/\s+/g, " ")).toBe(s.matches![i]!.text.replace(/\s+/g, " ")));
        placed++;
      }
    }
    expect(placed).toBeGreaterThan(0);
  });

  it("a single-quoted YAML scalar steps over its doubled quotes", async () => {
    const text = ["apiVersion: nhi-triage/v1", "kind: Incident", "id: Q-1", "title: Quiet", "description: 'It''s late.", "  Then the job kept retrying all night.'", ""].join("\n");
    const { at } = (await places("q.yaml", text))[0]!;
    expect(at.get("repeated-retries")).toMatchObject({ kind: "words", start: { line: 6, column: 16 }, end: { line: 6, column: 29 } });
  });

  it("after a redacted value the words point at the field, not at a guess", async () => {
    const text = ["apiVersion: nhi-triage/v1", "kind: Incident", "id: R-1", "title: Quiet", "description: >", "  The key AKIAIOSFODNN7EXAMPLE was pasted.", "  Then the job kept retrying all night.", ""].join("\n");
    const { at } = (await places("r.yaml", text))[0]!;
    expect(at.get("repeated-retries")).toEqual({ kind: "field", file: "r.yaml", start: { line: 5, column: 14 } });
  });

  it("a declared symptom points at its entry under symptoms:", async () => {
    const text = ["apiVersion: nhi-triage/v1", "kind: Incident", "id: D-1", "symptoms:", "  - repeated-retries", "  - code: leaked-secret", "    note: in a gist", ""].join("\n");
    const { at } = (await places("d.yaml", text))[0]!;
    expect(at.get("leaked-secret")).toEqual({ kind: "field", file: "d.yaml", start: { line: 6, column: 5 } });
    expect(at.get("repeated-retries")).toMatchObject({ kind: "field", start: { line: 5, column: 5 } });
  });
});
