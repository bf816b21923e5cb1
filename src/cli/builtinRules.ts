import { fileURLToPath } from "node:url";

/** The rules/ folder shipped with the package, from src/cli or dist/cli alike. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));
