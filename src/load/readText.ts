import { readFile } from "node:fs/promises";
import { diagnostic, InputError } from "./diagnostic.js";

/** Inputs above this are refused before parsing: a mistaken path should not hang the tool. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
let limit = MAX_INPUT_BYTES;

/** `--max-input MB`: enterprise inventories can be larger than the default allows. */
export function setMaxInputBytes(bytes: number): void {
  limit = bytes;
}

export async function readText(file: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = file === "-" ? await readStdin() : await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder, expected a file" : code === "EACCES" ? "permission denied" : `cannot be read (${code ?? String(e)})`;
    throw new InputError([diagnostic(file, undefined, why)]);
  }
  if (buf.length > limit) {
    throw new InputError([diagnostic(file, undefined, `file is ${(buf.length / 1048576).toFixed(1)} MB; the limit is ${limit / 1048576} MB (raise it with --max-input <MB>)`)]);
  }
  if (buf.includes(0)) throw new InputError([diagnostic(file, undefined, "binary data (a NUL byte): expected a YAML text file")]);
  return buf.toString("utf8").replace(/^\uFEFF/, "");
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
