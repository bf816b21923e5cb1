import type { Word } from "./word.js";

/** A sentence: where it is in the text and its words; `clauses` split it where a phrase should not reach across. */
export interface Sentence {
  start: number;
  end: number;
  words: Word[];
  clauses: Word[][];
}
