import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startBase, type BaseLoad } from "../../src/cli/loadBase.js";
import type { BaseRef } from "../../src/load/readBase.js";
import { runGate } from "../../src/gate/runGate.js";
import { loadInventory } from "../../src/load/loadInventory.js";
import { formatGateJson } from "../../src/report/formatGateJson.js";
import { PLAIN } from "../../src/report/style.js";
// @ts-expect-error -- the benchmark generator is plain JavaScript
import { inventoryYaml } from "../../bench/generate.mjs";
import { builtinPack, NOW } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "nhi-base-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const head = join(dir, "head.yaml");
const headText = inventoryYaml(2000, 42, { mix: "stress" }) as string;
writeFileSync(head, headText);

/** The gate's JSON report for a base loaded one way or the other. */
async function report(loaded: BaseLoad): Promise<string> {
  const pack = await builtinPack();
  const baseInventory = loaded.kind === "loaded" ? loaded.inventory : undefined;
  const result = runGate({
    pack,
    head: loadInventory(head, headText),
    ...(baseInventory ? { baseInventory } : {}),
    base: loaded.kind === "loaded" ? { kind: "present", given: "b", label: loaded.label } : { kind: "absent", given: "b", label: loaded.label },
    waivers: [],
    now: NOW,
    failOn: "high",
    strict: false,
  });
  return formatGateJson({ result, pack, style: PLAIN, version: "test" });
}

const fileBase = (path: string): BaseRef => ({ kind: "file", given: path, path });

const both = async (file: string) => {
  const base = fileBase(file);
  const [worker, here] = [await startBase(base, head, { background: true }).result, await startBase(base, head, { background: false }).result];
  return { worker, here };
};

describe("a base loaded on a worker thread", () => {
  it("gives the gate the same report as one loaded here, resolved findings and their positions included", async () => {
    // Vault-held secrets that were in code before: the base has findings the head lacks.
    let n = 0;
    const text = (inventoryYaml(2000, 42, { base: true, mix: "stress" }) as string).replace(/storage: vault/g, (m) => (n++ % 3 === 0 ? "storage: source-code" : m));
    for (const [name, content] of [["base.yaml", text], ["base.json", JSON.stringify(loadInventory("x.yaml", text).doc.data, null, 1)]] as const) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const { worker, here } = await both(file);
      expect(worker.kind).toBe("loaded");
      const a = await report(worker);
      expect(a).toBe(await report(here));
      expect(JSON.parse(a).resolved.length).toBeGreaterThan(10);
    }
  });

  it("reports an invalid base with the same diagnostics", async () => {
    const file = join(dir, "invalid.yaml");
    writeFileSync(file, headText.replace("kind: service-account", "kind: 42"));
    const { worker, here } = await both(file);
    expect(worker.kind).toBe("invalid");
    expect(worker).toEqual(here);
  });

  it("fails as the main thread does when the base cannot be read", async () => {
    // Named as a file when the gate started, and gone by the time it is read.
    const missing = fileBase(join(dir, "nope.yaml"));
    const worker = startBase(missing, head, { background: true }).result;
    const here = startBase(missing, head, { background: false }).result;
    const why = await here.then(() => "resolved", (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
    expect(why).toMatch(/^InputError: .*nope\.yaml:0:0 {2}file not found/);
    await expect(worker).rejects.toThrow(why.replace(/^InputError: /, ""));
  });

  it("loads on the main thread what JSON would not carry exactly (an infinite retry count is refused either way)", async () => {
    const file = join(dir, "inf.yaml");
    writeFileSync(file, headText.replace(/retries: \d+/, "retries: .inf"));
    const { worker, here } = await both(file);
    expect(worker).toEqual(here);
  });
});
