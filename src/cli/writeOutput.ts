import { randomBytes } from "node:crypto";
import { renameSync, unlinkSync } from "node:fs";
import { open, realpath, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../load/diagnostic.js";
import { noteWritten, removeOnInterrupt } from "./interrupt.js";
import { stdoutGone } from "./watchStdout.js";
import { cannotWrite } from "./cannotWrite.js";

/** A report as one string, or as pieces so a large one is never held as a single string. */
export type OutputText = string | Iterable<string>;

/** Characters per write: few enough system calls, small enough to stay responsive to Ctrl-C. */
export const BATCH_CHARS = 1 << 16;

/**
 * Writes to stdout, or to --output through a temporary file and a rename, so a reader
 * never sees half a report and an interrupted run leaves the old file as it was. Refuses
 * to write over one of the inputs, also when reached through a symlink or a hard link.
 */
export async function writeOutput(text: OutputText, output: string | undefined, inputs: readonly string[]): Promise<void> {
  if (output === undefined || output === "-") {
    await writeStdout(text);
    return;
  }
  const target = resolve(output);
  if (await isAnInput(target, inputs)) {
    throw new UsageError(`--output ${output} is one of the input files; refusing to overwrite it`);
  }
  // A random part so a stale file or a planted symlink with the same name is never reused ("wx").
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const forget = removeOnInterrupt(tmp);
  let handle: FileHandle | undefined;
  try {
    handle = await fsStep(output, () => open(tmp, "wx"));
    for (const batch of batches(text)) {
      const bytes = Buffer.from(batch, "utf8");
      for (let done = 0; done < bytes.length; ) {
        const h = handle;
        done += (await fsStep(output, () => h.write(bytes, done, bytes.length - done))).bytesWritten;
      }
    }
    const h = handle;
    handle = undefined;
    await fsStep(output, () => h.close());
    try {
      // Synchronous, so no signal is handled between the rename and noting that it happened.
      renameSync(tmp, target);
    } catch (e) {
      throw cannotWrite(output, e);
    }
    noteWritten("all");
  } catch (e) {
    await handle?.close().catch(() => undefined);
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed.
    }
    throw e;
  } finally {
    forget();
  }
}

/**
 * Awaits 'drain' when stdout's buffer is full, so a 200 MB report is not queued in memory.
 * Stops when the reader has gone: the rest of the report would go nowhere.
 */
async function writeStdout(text: OutputText): Promise<void> {
  for (const batch of batches(text)) {
    if (stdoutGone()) return;
    noteWritten("partial");
    if (!process.stdout.write(batch)) await drainedOrGone();
    // A pipe or file on stdout is written synchronously; a turn of the loop lets Ctrl-C in.
    else await new Promise<void>((r) => setImmediate(r));
  }
  noteWritten("all");
}

/** 'drain', or the error or close after which no 'drain' will come. */
function drainedOrGone(): Promise<void> {
  const out = process.stdout;
  if (stdoutGone()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "error", "close"]) out.off(event, done);
      resolve();
    };
    for (const event of ["drain", "error", "close"]) out.on(event, done);
  });
}

/**
 * Regroups the pieces into batches of about BATCH_CHARS. A batch never ends between the two
 * halves of a surrogate pair: encoded apart they would become two U+FFFD, and the bytes
 * would differ from those of the whole string.
 */
export function* batches(text: OutputText, size = BATCH_CHARS): Generator<string> {
  let pending = "";
  for (const piece of typeof text === "string" ? [text] : text) {
    pending += piece;
    while (pending.length >= size) {
      const code = pending.charCodeAt(size - 1);
      const cut = code >= 0xd800 && code <= 0xdbff ? size - 1 : size;
      yield pending.slice(0, cut);
      pending = pending.slice(cut);
    }
  }
  if (pending) yield pending;
}

/** The target names an input by path, resolves to one through symlinks, or is a hard link to one. */
async function isAnInput(target: string, inputs: readonly string[]): Promise<boolean> {
  const given = inputs.filter((i) => i !== "-");
  if (given.some((i) => resolve(i) === target)) return true;
  const t = await stat(target, { bigint: true }).catch(() => undefined);
  // A file that does not exist yet was read by nobody.
  if (!t) return false;
  const real = await realpath(target).catch(() => target);
  const same = await Promise.all(
    given.map(async (i) => {
      const s = await stat(i, { bigint: true }).catch(() => undefined);
      if (!s) return false;
      // Some file systems report inode 0 for every file; then only the real path can tell.
      if (t.ino !== 0n && s.dev === t.dev && s.ino === t.ino) return true;
      return (await realpath(i).catch(() => resolve(i))) === real;
    }),
  );
  return same.includes(true);
}

/** A file-system failure becomes a usage error naming the target; anything else (a formatter's bug) passes through. */
async function fsStep<T>(output: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw cannotWrite(output, e);
  }
}
