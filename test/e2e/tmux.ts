// A real terminal for the interactive tests: one tmux server per test file, driven by keys.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ROOT } from "../helpers.js";

export const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

// Test files may share a process (worker threads), so the server's name is drawn per file.
const SOCKET = `nhi-test-${process.pid}-${randomBytes(4).toString("hex")}`;
const tmux = (...args: string[]) => spawnSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });

/** Runs the CLI with `args` in a 160×50 terminal; the screen ends with EXIT=<code>. */
export function start(args: string): void {
  const cli = `"${process.execPath}" "${join(ROOT, "bin/nhi-triage")}"`;
  const r = tmux("new-session", "-d", "-s", "t", "-x", "160", "-y", "50", `cd "${ROOT}" && NO_COLOR=1 ${cli} ${args}; echo EXIT=$?; sleep 120`);
  if (r.status !== 0) throw new Error(`tmux: ${r.stderr}`);
}

export const screen = () => tmux("capture-pane", "-p", "-t", "t", "-S", "-2000").stdout;
export const keys = (...k: string[]) => tmux("send-keys", "-t", "t", ...k);
export const type = (text: string) => tmux("send-keys", "-t", "t", "-l", text);
export const stop = () => tmux("kill-server");

/** Waits until `text` shows up `times` times on the screen (with scrollback). */
export async function waitFor(text: string, times = 1, ms = 15_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (s.split(text).length - 1 >= times) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${JSON.stringify(text)} ×${times}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
