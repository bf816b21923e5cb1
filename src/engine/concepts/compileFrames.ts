import type { Concept, Frame } from "../../load/schema/concepts.js";
import type { Symptom } from "../../load/schema/rules.js";
import { indexSequences, type SequenceIndex } from "../text/sequences.js";

export interface CompiledFrame {
  code: string;
  id: string;
  /** Concept numbers (indices into `concepts`). */
  concepts: number[];
  exclude: number[];
  relation: Frame["relation"];
  weight: number;
}

/** The concepts' words (owner: the concept's number) and the symptoms' frames over them. */
export interface CompiledFrames extends SequenceIndex {
  concepts: string[];
  frames: CompiledFrame[];
}

/** Frames naming an unknown concept are refused by the pack validator; here they are left out. */
export function compileFrames(concepts: readonly Concept[], symptoms: readonly Symptom[]): CompiledFrames {
  const number = new Map(concepts.map((c, i) => [c.id, i]));
  const index = indexSequences(concepts.flatMap((c, i) => c.words.map((text) => ({ owner: i, text, pos: c.pos }))), true);
  const frames: CompiledFrame[] = [];
  for (const s of symptoms) {
    for (const f of s.frames ?? []) {
      const ids = [...f.concepts, ...(f.exclude ?? [])];
      if (ids.some((id) => !number.has(id))) continue;
      frames.push({ code: s.code, id: f.id, concepts: f.concepts.map((c) => number.get(c)!), exclude: (f.exclude ?? []).map((c) => number.get(c)!), relation: f.relation, weight: f.weight });
    }
  }
  return { ...index, concepts: concepts.map((c) => c.id), frames };
}
