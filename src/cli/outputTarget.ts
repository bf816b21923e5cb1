import { lstat, readlink, realpath } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export interface OutputTarget {
  /** What is written, symbolic links followed: a link to a report stays a link. */
  path: string;
  /**
   * `replace`: a regular file, or none yet, replaced through a temporary file and a rename.
   * `through`: anything else, written into as it is: a rename would put a regular file in
   * the place of a device, a FIFO or a terminal (as root, even of /dev/null).
   */
  how: "replace" | "through";
}

/** As the kernel's own limit on links followed in one path. */
const MAX_LINKS = 40;

/**
 * Where a report for `output` goes and how. Links are followed one at a time, since the
 * last one may lead into /proc: /dev/stdout and /dev/fd/N name a descriptor, whatever it
 * holds (a pipe, a terminal, or a file a shell opened with `>>`), and are written through.
 */
export async function outputTarget(output: string): Promise<OutputTarget> {
  let path = resolve(output);
  for (let links = 0; links <= MAX_LINKS; links++) {
    const dir = await realpath(dirname(path)).catch(() => undefined);
    // No such folder: creating the temporary file fails and says so.
    if (dir === undefined) return { path, how: "replace" };
    path = join(dir, basename(path));
    if (dir === "/proc" || dir.startsWith("/proc/")) return { path, how: "through" };
    const st = await lstat(path).catch(() => undefined);
    if (!st) return { path, how: "replace" };
    if (!st.isSymbolicLink()) return { path, how: st.isFile() ? "replace" : "through" };
    path = resolve(dir, await readlink(path));
  }
  throw Object.assign(new Error(`${output}: too many symbolic links`), { code: "ELOOP" });
}

/** Whether writing `output` would replace a regular file that is there now. */
export async function replacesAFile(output: string): Promise<boolean> {
  const target = await outputTarget(output).catch(() => undefined);
  return target?.how === "replace" && (await lstat(target.path).then((s) => s.isFile(), () => false));
}
