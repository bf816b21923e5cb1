import { stat } from "node:fs/promises";

/** Whether something is at `p` (any error, such as ENOENT or EACCES, counts as no). */
export const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);
export const isFile = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);
export const isDirectory = (p: string): Promise<boolean> => stat(p).then((s) => s.isDirectory(), () => false);
