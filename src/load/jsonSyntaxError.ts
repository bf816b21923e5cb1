import { lineColumn, lineStarts } from "./lineColumn.js";
import type { Position } from "./sourceDoc.js";

/** What a JSON text lacks at its first fault. */
export interface JsonSyntaxError {
  at: Position;
  message: string;
}

const show = (text: string, i: number): string => (i >= text.length ? "the end of the file" : JSON.stringify(text.slice(i, i + 12).split(/[\s,{}[\]:]/)[0] || text[i]));

/**
 * Where a text JSON.parse refused goes wrong, and what was expected there: Node's own
 * message names no line. One pass without recursion (a stack of open brackets).
 */
export function jsonSyntaxError(text: string): JsonSyntaxError {
  const n = text.length;
  const stack: number[] = [];
  let i = 0;
  const fail = (what: string): JsonSyntaxError => ({ at: lineColumn(lineStarts(text), Math.min(i, n)), message: `invalid JSON: expected ${what}, found ${show(text, i)}` });
  const space = () => {
    while (i < n && " \t\n\r".includes(text[i]!)) i++;
  };
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return true;
      }
      if (c === "\\") {
        const e = text[i + 1] ?? "";
        if (e === "u" ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(e) || e === "") return false;
        i += e === "u" ? 6 : 2;
      } else if (c < " ") return false;
      else i++;
    }
    return false;
  };
  const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/;
  // After a value: a comma, the closing bracket of what is open, or the end.
  const after = (): JsonSyntaxError | "next-key" | "next-value" | "done" | "closed" => {
    space();
    const open = stack.at(-1);
    if (open === undefined) return i >= n ? "done" : fail("the end of the file after the value");
    const close = open === 123 ? "}" : "]";
    if (text[i] === ",") {
      i++;
      return open === 123 ? "next-key" : "next-value";
    }
    if (text[i] === close) {
      i++;
      stack.pop();
      return "closed";
    }
    return fail(`',' or '${close}'`);
  };
  let want: "value" | "key" | "key-or-close" | "value-or-close" = "value";
  for (;;) {
    space();
    if (want === "key" || want === "key-or-close") {
      if (want === "key-or-close" && text[i] === "}") {
        i++;
        stack.pop();
      } else {
        if (text[i] !== '"') return fail(want === "key" ? "a key in double quotes" : "a key in double quotes or '}'");
        if (!string()) return fail("a closing '\"' and a valid string");
        space();
        if (text[i] !== ":") return fail("':' after the key");
        i++;
        want = "value";
        continue;
      }
    } else if (want === "value-or-close" && text[i] === "]") {
      i++;
      stack.pop();
    } else {
      const c = text[i];
      if (c === "{" || c === "[") {
        stack.push(c.charCodeAt(0));
        i++;
        want = c === "{" ? "key-or-close" : "value-or-close";
        continue;
      }
      if (c === '"') {
        if (!string()) return fail("a closing '\"' and a valid string");
      } else {
        const m = LITERAL.exec(text.slice(i, i + 400));
        if (!m) return fail(i >= n ? "a value" : "a value (a string in double quotes, a number, true, false, null, an object or a list)");
        i += m[0].length;
      }
    }
    for (;;) {
      const next = after();
      if (typeof next === "object") return next;
      if (next === "done") return { at: lineColumn(lineStarts(text), Math.max(0, n - 1)), message: "invalid JSON" };
      if (next === "closed") continue;
      want = next === "next-key" ? "key" : "value";
      break;
    }
  }
}
