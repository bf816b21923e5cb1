/**
 * A word of a ticket as matching sees it: its lower-cased form, its lemma, its part of
 * speech (Universal Dependencies tags, as wink-nlp gives them) and where it sits in the text.
 * A token written with inner punctuation ("ci-deployer", "payments_api") gives one word per
 * part; `joined` marks a part glued to the one before, so "hard-coded" can also be read as
 * "hardcoded".
 */
export interface Word {
  normal: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  joined: boolean;
  /** Its place among its sentence's words. */
  at: number;
}
