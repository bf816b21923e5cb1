import { randomBytes } from "node:crypto";
import { constants, renameSync, unlinkSync } from "node:fs";
import { open, realpath, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../load/diagnostic.js";
import { inputsRead } from "../load/readText.js";
import { outputTarget, type OutputTarget } from "./outputTarget.js";
import { noteWritten, removeOnInterrupt } from "./interrupt.js";
import { stdoutGone } from "./watchStdio.js";
import { cannotWrite } from "./cannotWrite.js";

/** A report as one string, or as pieces so a large one is never held as a single string. */
export type OutputText = string | Iterable<string>;

/** Characters per write: few enough system calls, small enough to stay responsive to Ctrl-C. */
export const BATCH_CHARS = 1 << 16;

/**
 * Writes to stdout, or to --output: a regular file through a temporary file and a rename,
 * so a reader never sees half a report and an interrupted run leaves the old file as it
 * was; anything else (a device, a FIFO, /dev/stdout) written into, never replaced. Refuses
 * to write over a file the run read, also when reached through a symlink or a hard link.
 * `flag` names the option in messages (`--save` for interview).
 */
export async function writeOutput(text: OutputText, output: string | undefined, flag = "--output", inPlace = false): Promise<void> {
  if (output === undefined || output === "-") {
    await writeStdout(text);
    return;
  }
  // `inPlace`: the file is the one the run was asked to update (discover --update), read to be rewritten.
  const target = inPlace ? await fsStep(output, () => outputTarget(output)) : await checkOutput(output, flag);
  if (target.how === "through") await writeThrough(text, output, target.path);
  else await replaceFile(text, output, target.path);
}

/**
 * The note for a run that exits 2 with --output given: its report is not written, so a
 * failed run never leaves an empty or partial file, and an existing one keeps its content.
 */
export function withheldNote(output: string): string {
  return `${output} was not written: the run had errors (exit 2); an existing file is left as it was\n`;
}

/** Where `output` goes, refused when it is a file the run read; interview checks --save with it before asking anything. */
export async function checkOutput(output: string, flag = "--output"): Promise<OutputTarget> {
  const target = await fsStep(output, () => outputTarget(output));
  if (await isAnInput(target.path)) throw new UsageError(`${flag} ${output} is one of the input files; refusing to overwrite it`);
  return target;
}

async function replaceFile(text: OutputText, output: string, target: string): Promise<void> {
  // A random part so a stale file or a planted symlink with the same name is never reused ("wx").
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const forget = removeOnInterrupt(tmp);
  let handle: FileHandle | undefined;
  try {
    handle = await fsStep(output, () => open(tmp, "wx"));
    await writeBatches(handle, text, output);
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
 * Without O_CREAT, this never makes a file; with O_APPEND, a file a shell opened with `>>`
 * behind /dev/stdout keeps what it held. A FIFO's open waits for its reader, as a shell's would.
 */
async function writeThrough(text: OutputText, output: string, target: string): Promise<void> {
  const handle = await fsStep(output, () => open(target, constants.O_WRONLY | constants.O_APPEND));
  try {
    noteWritten("partial", output);
    await writeBatches(handle, text, output);
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
  await fsStep(output, () => handle.close());
  noteWritten("all");
}

async function writeBatches(handle: FileHandle, text: OutputText, output: string): Promise<void> {
  for (const batch of batches(text)) {
    const bytes = Buffer.from(batch, "utf8");
    for (let done = 0; done < bytes.length; ) {
      done += (await fsStep(output, () => handle.write(bytes, done, bytes.length - done))).bytesWritten;
    }
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

/**
 * The target is a file the run read: by path, through symlinks, or as a hard link. Only a
 * regular file can be lost to a rename; a device or a FIFO the run read is written into.
 */
async function isAnInput(target: string): Promise<boolean> {
  const inputs = inputsRead();
  if (inputs.has(target)) return true;
  const t = await stat(target, { bigint: true }).catch(() => undefined);
  // A file that does not exist yet was read by nobody.
  if (!t?.isFile()) return false;
  // Some file systems report inode 0 for every file; then only the real path can tell.
  const real = t.ino === 0n ? await realpath(target).catch(() => target) : undefined;
  const same = await Promise.all(
    [...inputs].map(async (i) => {
      const s = await stat(i, { bigint: true }).catch(() => undefined);
      if (!s) return false;
      if (real === undefined) return s.dev === t.dev && s.ino === t.ino;
      return (await realpath(i).catch(() => i)) === real;
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
