import { Chalk } from "chalk";
import { PLAIN, type Style } from "../report/style.js";

/** Colour only on a TTY, never with NO_COLOR (any non-empty value) or --no-color. */
export function useColour(stream: NodeJS.WriteStream, noColor: boolean | undefined): boolean {
  const env = process.env.NO_COLOR;
  return !noColor && !(env !== undefined && env !== "") && stream.isTTY === true;
}

export function terminalStyle(stream: NodeJS.WriteStream, noColor: boolean | undefined): Style {
  if (!useColour(stream, noColor)) return PLAIN;
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan, magenta: c.magenta, mark: c.bold.yellow };
}
