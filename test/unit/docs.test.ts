import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { FACT_NAMES } from "../../src/engine/factCatalog.js";
import { ROOT } from "../helpers.js";

it("docs/rule-format.md documents every fact", () => {
  const doc = readFileSync(`${ROOT}docs/rule-format.md`, "utf8");
  expect(FACT_NAMES.filter((f) => !doc.includes(`\`${f}\``))).toEqual([]);
});
