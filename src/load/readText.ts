import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { diagnostic, InputError } from "./diagnostic.js";

/** Inputs above this are refused before parsing: a mistaken path should not hang the tool. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
let limit = MAX_INPUT_BYTES;

/** `--max-input MB`: enterprise inventories can be larger than the default allows. */
export function setMaxInputBytes(bytes: number): void {
  limit = bytes;
}

export function maxInputBytes(): number {
  return limit;
}

const CHUNK = 1 << 20;

/** Every path this run has read, or tried to: --output and --save never replace one of them. */
const inputs = new Set<string>();

/** Records an input read elsewhere (the base, when a worker thread reads it). */
export function noteInput(file: string): void {
  if (file !== "-") inputs.add(resolve(file));
}

/** Absolute paths, as given (links not followed): writeOutput compares the files they name. */
export function inputsRead(): ReadonlySet<string> {
  return inputs;
}

/** A new run (main runs once per process, but tests run it many times in one). */
export function forgetInputs(): void {
  inputs.clear();
}

export interface ReadTextOptions {
  /** A tighter limit than `--max-input`, with its own words (rule packs use one). */
  maxBytes?: number;
  /** The message for an input over the limit; `size` is undefined for a pipe or a device. */
  tooLarge?: (size: number | undefined, max: number) => string;
  /** What the input should have been, for a binary or non-UTF-8 one: "a YAML text file" unless told. */
  expected?: string;
}

export const megabytes = (n: number): string => String(Math.round((n / 1048576) * 10) / 10);

const defaultTooLarge = (size: number | undefined, max: number) =>
  `${size === undefined ? "input is larger than the limit of" : `file is ${(size / 1048576).toFixed(1)} MB; the limit is`} ${megabytes(max)} MB (raise it with --max-input <MB>)`;

/**
 * Reads a text input whole, refusing what cannot be YAML before any parser sees it: more
 * than the size limit (judged by its size on disk before reading when it has one, and by
 * counting for pipes and devices, so a 200 MB file or /dev/zero never fills memory),
 * binary data, invalid UTF-8. A UTF-8 byte-order mark is dropped.
 */
export async function readText(file: string, opts: ReadTextOptions = {}): Promise<string> {
  // Before the read: a file that fails to parse is still the user's, and must not be written over.
  noteInput(file);
  const max = opts.maxBytes ?? limit;
  let buf: Buffer;
  try {
    buf = file === "-" ? await readStdin(max) : await readFileBounded(file, max);
  } catch (e) {
    if (e instanceof TooLarge) throw new InputError([diagnostic(file, undefined, (opts.tooLarge ?? defaultTooLarge)(e.size, max))]);
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder, expected a file" : code === "EACCES" ? "permission denied" : `cannot be read (${code ?? String(e)})`;
    throw new InputError([diagnostic(file, undefined, why)]);
  }
  return decodeText(file, buf, opts.expected ?? "a YAML text file");
}

class TooLarge extends Error {
  constructor(readonly size: number | undefined) {
    super("too large");
  }
}

async function readFileBounded(file: string, max: number): Promise<Buffer> {
  const fh = await open(file, "r");
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    // A regular file says how big it is: refuse it before reading a byte.
    if (st.isFile() && st.size > max) throw new TooLarge(st.size);
    const chunks: Buffer[] = [];
    let total = 0;
    // A file's own size (and one byte more, to see it grow) in one read: a batch reads
    // thousands of small tickets, and a 40 MB inventory read in megabytes is 40 reads and a copy.
    let size = st.isFile() ? st.size + 1 : CHUNK;
    for (;;) {
      const chunk = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(chunk, 0, size, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      // A file that grows while read, a pipe or a device has no size to trust.
      if (total > max) throw new TooLarge(st.isFile() ? total : undefined);
      chunks.push(chunk.subarray(0, bytesRead));
      // A short read of a file is its end, which a small read confirms.
      size = st.isFile() && bytesRead < size ? 64 : CHUNK;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}

async function readStdin(max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > max) {
      process.stdin.destroy();
      throw new TooLarge(undefined);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function decodeText(file: string, buf: Buffer, expected: string): string {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new InputError([diagnostic(file, { line: 1, column: 1 }, "UTF-16 text: save the file as UTF-8")]);
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) throw new InputError([diagnostic(file, positionOf(buf, nul), `binary data (a NUL byte): expected ${expected}`)]);
  if (!isUtf8(buf)) {
    const at = firstInvalidUtf8(buf);
    throw new InputError([diagnostic(file, positionOf(buf, at), `invalid UTF-8 (byte 0x${buf[at]!.toString(16).padStart(2, "0")}): expected ${expected} in UTF-8`)]);
  }
  const text = buf.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line and column (in characters, as the parsers count them) of a byte offset. */
function positionOf(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = buf.indexOf(10); i !== -1 && i < offset; i = buf.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  // The bytes before the offset on this line are valid UTF-8 (the offset is the first bad one).
  let prefix = buf.subarray(start, offset).toString("utf8");
  if (line === 1 && prefix.charCodeAt(0) === 0xfeff) prefix = prefix.slice(1);
  return { line, column: prefix.length + 1 };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing past U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return buf.length;
}
