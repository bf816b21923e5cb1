import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputTarget, replacesAFile } from "../../src/cli/outputTarget.js";
import { tempDir } from "../helpers.js";

describe("outputTarget", () => {
  it("a regular file, a new file or a missing folder: replaced", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "old.txt"), "x");
    expect(await outputTarget(join(dir, "old.txt"))).toEqual({ path: join(dir, "old.txt"), how: "replace" });
    expect(await outputTarget(join(dir, "new.txt"))).toEqual({ path: join(dir, "new.txt"), how: "replace" });
    expect(await outputTarget(join(dir, "no", "such.txt"))).toEqual({ path: join(dir, "no", "such.txt"), how: "replace" });
  });

  it("follows links, of the file and of folders on the way, to what they name", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "reports"));
    writeFileSync(join(dir, "reports", "a.txt"), "x");
    symlinkSync("reports", join(dir, "r"));
    symlinkSync("a.txt", join(dir, "reports", "latest"));
    symlinkSync("r/latest", join(dir, "chain"));
    symlinkSync("reports/b.txt", join(dir, "dangling"));
    expect(await outputTarget(join(dir, "chain"))).toEqual({ path: join(dir, "reports", "a.txt"), how: "replace" });
    expect(await outputTarget(join(dir, "dangling"))).toEqual({ path: join(dir, "reports", "b.txt"), how: "replace" });
  });

  it("a link loop is an error, not a hang", async () => {
    const dir = tempDir();
    symlinkSync("b", join(dir, "a"));
    symlinkSync("a", join(dir, "b"));
    await expect(outputTarget(join(dir, "a"))).rejects.toMatchObject({ code: "ELOOP" });
  });

  it("a folder is written through (and the open says it is a folder)", async () => {
    const dir = tempDir();
    expect((await outputTarget(dir)).how).toBe("through");
  });

  it.skipIf(process.platform !== "linux")("devices and descriptors are written through: /dev/null, /dev/stdout, /dev/fd/1", async () => {
    expect(await outputTarget("/dev/null")).toEqual({ path: "/dev/null", how: "through" });
    for (const p of ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]) {
      const t = await outputTarget(p);
      expect(t.how).toBe("through");
      expect(t.path).toMatch(/^\/proc\/(self|\d+)\/fd\/1$/);
    }
    expect(await replacesAFile("/dev/null")).toBe(false);
    expect(existsSync("/dev/null")).toBe(true);
  });

  it("replacesAFile: only a regular file that is there now", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "old.txt"), "x");
    symlinkSync("old.txt", join(dir, "link"));
    expect(await replacesAFile(join(dir, "old.txt"))).toBe(true);
    expect(await replacesAFile(join(dir, "link"))).toBe(true);
    expect(await replacesAFile(join(dir, "new.txt"))).toBe(false);
    expect(await replacesAFile(dir)).toBe(false);
  });
});
