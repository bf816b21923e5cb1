import { z } from "zod";

/** Where an observation was made, in the file its entry's `source` names (or `file` when it is another). */
export const At = {
  file: z.string().min(1).optional().describe("The file the observation was made in, when it is not the entry's source file (an identity two sources describe)."),
  line: z.number().int().min(1).describe("1-based line of what was observed, in the step's source file."),
  column: z.number().int().min(1).optional().describe("1-based column of what was observed."),
};
