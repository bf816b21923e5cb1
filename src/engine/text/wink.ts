import winkNLP, { type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";

/** One wink-nlp instance for the process: the model is read from node_modules once, on first use. */
let instance: ReturnType<typeof winkNLP> | undefined;

export function wink(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model);
  return instance;
}

/**
 * `its.lemma`, typed as what `out` takes: wink-nlp 2.4 declares it with its internal
 * signature, which its own `out` does not accept, though it works there as documented.
 */
export function lemmaIts(nlp: ReturnType<typeof winkNLP>): ItsFunction<string> {
  return nlp.its.lemma as unknown as ItsFunction<string>;
}

const isolated = new Map<string, string>();

/**
 * The lemma of a word read on its own, as a rule's words are. Remembered, since the same
 * words recur in every rule and every ticket.
 */
export function lemmaOf(word: string): string {
  let lemma = isolated.get(word);
  if (lemma === undefined) {
    const nlp = wink();
    const tokens = nlp.readDoc(word).tokens();
    lemma = tokens.length() === 1 ? tokens.out(lemmaIts(nlp))[0]!.toLowerCase() : word;
    isolated.set(word, lemma);
  }
  return lemma;
}
