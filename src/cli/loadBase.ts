import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InputError, UsageError, type Diagnostic } from "../load/diagnostic.js";
import { indexLoadedInventory, loadInventory, type InventoryIndex } from "../load/loadInventory.js";
import { busy } from "./interrupt.js";
import { readBase, type BaseRef } from "../load/readBase.js";
import { maxInputBytes, noteInput } from "../load/readText.js";
import { walkedDoc } from "../load/readYaml.js";
import type { Inventory } from "../load/schema/inventory.js";

/** What `--base` gave: no inventory at that commit, an inventory, or one that does not load. */
export type BaseLoad =
  | { kind: "absent"; label: string }
  | { kind: "loaded"; label: string; inventory: InventoryIndex }
  | { kind: "invalid"; label: string; diagnostics: Diagnostic[] };

/** A base being loaded: `result` as loadBase gives it; `cancel` stops the work when the head failed. */
export interface PendingBase {
  result: Promise<BaseLoad>;
  cancel(): void;
}

/**
 * Below this head size a worker thread costs more (about 0.1 s to start and load its
 * modules) than the base's parse it would take off the main thread.
 */
const BACKGROUND_MIN_BYTES = 4 * 1024 * 1024;
/**
 * Above this, the base is loaded in turn: for a while a worker holds its own copy of the
 * data while this thread builds another, and at a million identities that is gigabytes.
 */
const BACKGROUND_MAX_BYTES = 128 * 1024 * 1024;

/** Reads and loads the base here, on the main thread. Read failures throw, as readBase does. */
export async function loadBase(base: BaseRef, headPath: string): Promise<BaseLoad> {
  const src = await readBase(base, headPath);
  return src.kind === "absent" ? { kind: "absent", label: src.label } : loadBaseText(src.label, src.text);
}

/** The base's text loaded, or, when it does not load, its diagnostics: an invalid base is judged, not refused. */
export function loadBaseText(label: string, text: string): Exclude<BaseLoad, { kind: "absent" }> {
  try {
    return { kind: "loaded", label, inventory: busy(text.length, () => loadInventory(label, text)) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { kind: "invalid", label, diagnostics: e.diagnostics };
  }
}

/** What the worker sends back: plain data only. */
export type WorkerReply =
  | { kind: "absent"; label: string }
  | { kind: "loaded"; label: string; text: string; json: string }
  | { kind: "invalid"; label: string; diagnostics: Diagnostic[] }
  /** Loaded, but its data would not survive JSON (or zod had to copy it): load it here instead. */
  | { kind: "again"; label: string; text: string }
  | { kind: "usage"; message: string }
  | { kind: "input"; diagnostics: Diagnostic[] };

function workerUrl(): URL | undefined {
  // Built code runs the built worker; tests run src/ under vitest, which a worker cannot
  // import, and use the build beside it (npm test builds first).
  const beside = new URL("./baseWorker.js", import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL("../../dist/cli/baseWorker.js", import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

function worthAWorker(file: string): boolean {
  try {
    const { size } = statSync(file);
    return size >= BACKGROUND_MIN_BYTES && size <= BACKGROUND_MAX_BYTES;
  } catch {
    return false;
  }
}

/**
 * Starts loading the base. For a head of 4 to 128 MB on a machine with a second core, the
 * base is read, parsed, validated and redacted on a worker thread while this thread does the
 * same for the head; it comes back as JSON, which JSON.parse reads in a fraction of a YAML
 * parse, and its positions are found in its text when a finding asks. Anything the worker
 * cannot do exactly (it failed, or the data would not survive JSON) is done here instead,
 * so both ways give the same result, byte for byte.
 */
export function startBase(base: BaseRef, headPath: string, opts: { background?: boolean } = {}): PendingBase {
  const background = opts.background ?? (headPath !== "-" && availableParallelism() > 1 && worthAWorker(headPath));
  const url = background ? workerUrl() : undefined;
  if (!url) {
    const result = loadBase(base, headPath);
    // Settled later; a rejection now must not count as unhandled while the head loads.
    result.catch(() => undefined);
    return { result, cancel: () => undefined };
  }
  // The worker's reads are recorded in its own thread; --output must not replace the base either.
  if (base.kind === "file") noteInput(base.path);
  const worker = new Worker(url, { workerData: { base, headPath, maxInput: maxInputBytes() } });
  const reply = new Promise<WorkerReply | undefined>((resolve) => {
    worker.once("message", (m: WorkerReply) => resolve(m));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  const result = reply.then(async (m) => {
    void worker.terminate();
    return m === undefined ? loadBase(base, headPath) : fromReply(m);
  });
  result.catch(() => undefined);
  return { result, cancel: () => void worker.terminate() };
}

function fromReply(m: WorkerReply): BaseLoad {
  switch (m.kind) {
    case "absent":
      return m;
    case "invalid":
      return m;
    case "usage":
      throw new UsageError(m.message);
    case "input":
      throw new InputError(m.diagnostics);
    case "again":
      return loadBaseText(m.label, m.text);
    case "loaded": {
      const data = JSON.parse(m.json) as Inventory;
      return { kind: "loaded", label: m.label, inventory: indexLoadedInventory(walkedDoc(m.label, m.text, data), data) };
    }
  }
}
