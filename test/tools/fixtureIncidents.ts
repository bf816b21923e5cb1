import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers.js";

/** Every incident in fixtures/, with the inventory its affected ids resolve against. */
const ANSWER_SETS = [
  { dir: "incidents", inventory: "fixtures/inventory.yaml" },
  { dir: "spec-example", inventory: "fixtures/spec-example/inventory.yaml", only: "incident.yaml" },
  { dir: "real-incidents" },
  { dir: "blind" },
  { dir: "blind2" },
] as const;

export function fixtureIncidents(): Array<{ incident: string; answers: string; inventory?: string }> {
  return ANSWER_SETS.flatMap((set) =>
    readdirSync(join(ROOT, "fixtures", set.dir))
      .filter((f) => f.endsWith(".yaml") && (!("only" in set) || f === set.only))
      .sort()
      .map((f) => ({
        incident: `fixtures/${set.dir}/${f}`,
        answers: `fixtures/answers/${set.dir}/${f}`,
        ...("inventory" in set ? { inventory: set.inventory } : {}),
      })),
  );
}

