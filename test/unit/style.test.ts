import { afterEach, describe, expect, it } from "vitest";
import { useColour } from "../../src/cli/style.js";

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;
const saved = process.env.NO_COLOR;

describe("colour", () => {
  afterEach(() => {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  });
  it("only on a terminal", () => {
    delete process.env.NO_COLOR;
    expect(useColour(tty, false)).toBe(true);
    expect(useColour(pipe, false)).toBe(false);
  });
  it("never with NO_COLOR or --no-color", () => {
    process.env.NO_COLOR = "1";
    expect(useColour(tty, false)).toBe(false);
    delete process.env.NO_COLOR;
    expect(useColour(tty, true)).toBe(false);
  });
  it("an empty NO_COLOR does not count, as no-color.org says", () => {
    process.env.NO_COLOR = "";
    expect(useColour(tty, false)).toBe(true);
  });
});
