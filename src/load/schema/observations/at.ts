import { z } from "zod";

/** Where an observation was made, in the file its entry's `source` names (or `file` when it is another). */
export const At = {
  line: z.number().int().min(1).describe("1-based line of what was observed, in the step's source file."),
  column: z.number().int().min(1).optional().describe("1-based column of what was observed."),
};
