import { linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BATCH_CHARS, batches, writeOutput } from "../../src/cli/writeOutput.js";
import { UsageError } from "../../src/load/diagnostic.js";
import { forgetInputs, noteInput, readText } from "../../src/load/readText.js";
import { tempDir } from "../helpers.js";

/** Pieces of every size, with multi-byte characters and surrogate pairs cut at awkward places. */
function* pieces(count: number): Generator<string> {
  const samples = ["a", "é", "€", "😀", "line\n", "x".repeat(BATCH_CHARS - 1), "🔑🔑", "\u{1F600}".repeat(3)];
  for (let i = 0; i < count; i++) {
    const s = samples[i % samples.length]!;
    // Split a surrogate pair between two pieces now and then: only the joined string is meaningful.
    if (i % 7 === 3 && s.length >= 2 && s.charCodeAt(0) >= 0xd800) {
      yield s.slice(0, 1);
      yield s.slice(1);
    } else yield s;
  }
}

describe("batches", () => {
  it("regroups pieces without changing the text, and never splits a surrogate pair", () => {
    const all = [...pieces(500)].join("");
    const out = [...batches(pieces(500), 1000)];
    expect(out.join("")).toBe(all);
    expect(Buffer.concat(out.map((b) => Buffer.from(b, "utf8"))).equals(Buffer.from(all, "utf8"))).toBe(true);
    for (const b of out) {
      expect(b.length).toBeLessThanOrEqual(1000);
      const last = b.charCodeAt(b.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
  });

  it("cuts one long string into batches too", () => {
    const s = "😀".repeat(BATCH_CHARS);
    const out = [...batches(s)];
    expect(out.length).toBeGreaterThan(1);
    expect(out.join("")).toBe(s);
  });

  it("yields nothing for nothing", () => {
    expect([...batches("")]).toEqual([]);
    expect([...batches([])]).toEqual([]);
  });
});

describe("writeOutput to a file", () => {
  it("writes an iterable chunk by chunk, byte for byte what the joined string gives", async () => {
    const dir = tempDir();
    const streamed = join(dir, "streamed.txt");
    const whole = join(dir, "whole.txt");
    await writeOutput(pieces(5000), streamed);
    await writeOutput([...pieces(5000)].join(""), whole);
    expect(readFileSync(streamed).equals(readFileSync(whole))).toBe(true);
    expect(readFileSync(streamed, "utf8")).toBe([...pieces(5000)].join(""));
    expect(readdirSync(dir).sort()).toEqual(["streamed.txt", "whole.txt"]);
  });

  it("keeps a lazy iterable at most one batch ahead of what is on disk", async () => {
    const dir = tempDir();
    let produced = 0;
    let largestGap = 0;
    function* lazy(): Generator<string> {
      for (let i = 0; i < 4000; i++) {
        const tmp = readdirSync(dir).find((f) => f.endsWith(".tmp"));
        if (tmp) largestGap = Math.max(largestGap, produced - statSync(join(dir, tmp)).size);
        produced += 100;
        yield `${"y".repeat(99)}\n`;
      }
    }
    await writeOutput(lazy(), join(dir, "lazy.txt"));
    expect(readFileSync(join(dir, "lazy.txt"), "utf8")).toBe(`${"y".repeat(99)}\n`.repeat(4000));
    expect(largestGap).toBeGreaterThan(0);
    expect(largestGap).toBeLessThanOrEqual(BATCH_CHARS + 100);
  });

  it("a failing formatter leaves the old target as it was, no temporary file, and its own error", async () => {
    const dir = tempDir();
    const target = join(dir, "report.json");
    writeFileSync(target, "old\n");
    const bug = new Error("formatter bug");
    function* failing(): Generator<string> {
      yield "x".repeat(BATCH_CHARS * 3);
      throw bug;
    }
    await expect(writeOutput(failing(), target)).rejects.toBe(bug);
    expect(readFileSync(target, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("a folder that does not exist is a usage error naming the file", async () => {
    const dir = tempDir();
    const target = join(dir, "missing", "report.json");
    const err = await writeOutput(["a", "b"], target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(`cannot write ${target}: the folder does not exist`);
  });

  it("refuses to write over an input, by path, through a symlink or a hard link", async () => {
    const dir = tempDir();
    const input = join(dir, "incident.yaml");
    writeFileSync(input, "precious\n");
    symlinkSync(input, join(dir, "symlink.yaml"));
    linkSync(input, join(dir, "hardlink.yaml"));
    forgetInputs();
    await readText(input);
    for (const target of [input, join(dir, ".", "incident.yaml"), join(dir, "symlink.yaml"), join(dir, "hardlink.yaml")]) {
      await expect(writeOutput(["new"], target)).rejects.toThrow(/is one of the input files; refusing to overwrite it/);
    }
    // And the other way round: the input read through the link, the real file as the target.
    for (const link of ["symlink.yaml", "hardlink.yaml"]) {
      forgetInputs();
      await readText(join(dir, link));
      await expect(writeOutput(["new"], input)).rejects.toThrow(/refusing to overwrite/);
    }
    forgetInputs();
    expect(readFileSync(input, "utf8")).toBe("precious\n");
    expect(readdirSync(dir).sort()).toEqual(["hardlink.yaml", "incident.yaml", "symlink.yaml"]);
  });

  it("a file the run could not parse is an input all the same, and --save says --save", async () => {
    const dir = tempDir();
    const input = join(dir, "binary.yaml");
    writeFileSync(input, "a\u0000b");
    forgetInputs();
    await expect(readText(input)).rejects.toThrow();
    await expect(writeOutput(["new"], input, "--save")).rejects.toThrow(`--save ${input} is one of the input files; refusing to overwrite it`);
    forgetInputs();
    expect(readFileSync(input, "utf8")).toBe("a\u0000b");
  });

  it("writes over an existing file that is not an input; stdin and absent files among the inputs change nothing", async () => {
    const dir = tempDir();
    const target = join(dir, "out.txt");
    writeFileSync(target, "old\n");
    forgetInputs();
    noteInput("-");
    noteInput(join(dir, "absent.yaml"));
    await writeOutput(["new", "\n"], target);
    forgetInputs();
    expect(readFileSync(target, "utf8")).toBe("new\n");
  });

  it("a symlink to a report: its target is replaced and the link kept", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "report.txt"), "old\n");
    symlinkSync("report.txt", join(dir, "latest.txt"));
    await writeOutput("new\n", join(dir, "latest.txt"));
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toBe("new\n");
    expect(lstatSync(join(dir, "latest.txt")).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["latest.txt", "report.txt"]);
  });
});

describe("writeOutput to stdout", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes the same bytes as the whole string, and waits for 'drain' when stdout is full", async () => {
    const written: string[] = [];
    let waiting = false;
    const write = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string) => {
      // A write while waiting for 'drain' would mean the backpressure was ignored.
      expect(waiting).toBe(false);
      written.push(chunk);
      waiting = written.length % 2 === 0;
      if (waiting) {
        setTimeout(() => {
          waiting = false;
          process.stdout.emit("drain");
        }, 1);
      }
      return !waiting;
    }) as typeof process.stdout.write);
    const text = [...pieces(3000)].join("");
    await writeOutput(pieces(3000), undefined);
    write.mockRestore();
    expect(written.length).toBeGreaterThan(4);
    expect(Buffer.from(written.join(""), "utf8").equals(Buffer.from(text, "utf8"))).toBe(true);
    for (const w of written) expect(w.length).toBeLessThanOrEqual(BATCH_CHARS);
  });

  it("a string goes out unchanged", async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write);
    await writeOutput("report\n", "-");
    expect(written).toEqual(["report\n"]);
  });
});
