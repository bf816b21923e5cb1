// The worker thread of startBase (loadBase.ts): loads the base inventory the way the main
// thread would and sends back plain data.
import { parentPort, workerData } from "node:worker_threads";
import { InputError, UsageError } from "../load/diagnostic.js";
import { readBase, type BaseRef } from "../load/readBase.js";
import { setMaxInputBytes } from "../load/readText.js";
import { loadBaseText, type WorkerReply } from "./loadBase.js";

const { base, headPath, maxInput } = workerData as { base: BaseRef; headPath: string; maxInput: number };
setMaxInputBytes(maxInput);

/** Whether JSON gives the data back as it is: no -0, NaN, Infinity or undefined anywhere. */
function jsonExact(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "number") {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
    } else if (v === undefined) return false;
    else if (v !== null && typeof v === "object") for (const k in v) stack.push((v as Record<string, unknown>)[k]);
  }
  return true;
}

async function load(): Promise<WorkerReply> {
  let src;
  try {
    src = await readBase(base, headPath);
  } catch (e) {
    if (e instanceof UsageError) return { kind: "usage", message: e.message };
    if (e instanceof InputError) return { kind: "input", diagnostics: e.diagnostics };
    throw e;
  }
  if (src.kind === "absent") return { kind: "absent", label: src.label };
  const loaded = loadBaseText(src.label, src.text);
  if (loaded.kind === "invalid") return loaded;
  const { inventory } = loaded;
  // The data the main thread rebuilds must be what loadInventory validated: its own data
  // when the fast check accepted it, not a copy zod made.
  const data = inventory.doc.data as Record<string, unknown[] | undefined>;
  const asRead = (list: string, table: ReadonlyMap<string, unknown>) => table.size === 0 || data[list]?.[0] === table.values().next().value;
  const same = asRead("identities", inventory.identities) && asRead("workflows", inventory.workflows) && asRead("agents", inventory.agents);
  if (!same || !jsonExact(data)) return { kind: "again", label: src.label, text: src.text };
  return { kind: "loaded", label: src.label, text: src.text, json: JSON.stringify(data) };
}

parentPort!.postMessage(await load());
