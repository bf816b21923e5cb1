import { isAbsolute, relative } from "node:path";

/** A path as the user would type it from here: relative when inside the working folder, else as is. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}
