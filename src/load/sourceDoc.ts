export type Path = ReadonlyArray<string | number>;
export interface Position {
  line: number;
  column: number;
}

/**
 * A parsed input file: its plain data plus a way back from a data path to the source.
 * Positions are looked up on demand, so a loader that computes them lazily (or from a
 * faster parser) can stand behind the same interface.
 */
export interface SourceDoc {
  file: string;
  text: string;
  data: unknown;
  /** Where the value at `path` starts; the nearest existing ancestor when it is absent. */
  locate(path: Path): Position | undefined;
  /** Where the key that holds `path` starts (for unknown or misspelled fields). */
  locateKey(path: Path): Position | undefined;
}
