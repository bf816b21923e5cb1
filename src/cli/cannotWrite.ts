import { UsageError } from "../load/diagnostic.js";

/** The system's error codes in words; others are shown as the code. */
const WHY: Readonly<Record<string, string>> = {
  ENOENT: "the folder does not exist",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EROFS: "the file system is read-only",
  // A file that appeared between the check and the write: it is kept, not overwritten.
  EEXIST: "it exists now; not overwritten",
};

/**
 * A failure of the file system as a usage error naming what could not be written (a path,
 * or "to stdout"); anything else, such as a formatter's bug, is returned as it is.
 */
export function cannotWrite(what: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") return e;
  return new UsageError(`cannot write ${what}: ${WHY[code] ?? code}`);
}
