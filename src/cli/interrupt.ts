import { rmSync } from "node:fs";

/** 128 + the signal's number, as shells report a process a signal ended. */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Temporary files of writes in progress, and folders (a base commit's settings): the handler must remove them before exiting. */
const temporary = new Set<string>();
/** What has reached stdout or the --output target, so the last line does not lie. */
let written: "nothing" | "partial" | "all" = "nothing";
/** Where a partial output went: stdout, or a device or FIFO written through. */
let partialTo = "stdout";
let installed = false;
const handlers = new Map<string, () => void>();

/**
 * Ctrl-C or a kill while a batch runs or a report is written: remove the temporary file,
 * say so in one line and exit 130/143 without a stack. Node runs the handler only between
 * two turns of the event loop; every await — each file read, each chunk written — is a
 * point where the signal takes effect. Long synchronous phases run under `busy`.
 */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(EXIT_CODES)) handlers.set(signal, () => interrupted(code));
  for (const [signal, handler] of handlers) process.on(signal, handler);
}

/** Below this many characters of input, a synchronous phase is over in well under a second. */
const LONG_INPUT = 1 << 20;

/**
 * Runs `work`, one synchronous phase over an input of `size` characters. On a large input
 * (reading and judging a big inventory, a ticket of megabytes) it runs with the signals'
 * default action instead of the handlers, which would run only once the phase is over,
 * minutes later: the system ends the process at once, and the shell reports the usual
 * 130/143. Before anything is written there is nothing to clean up or to say; once
 * something is, or on a small input, the handlers stay.
 */
export function busy<T>(size: number, work: () => T): T {
  if (!installed || size < LONG_INPUT || written !== "nothing" || temporary.size > 0) return work();
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  try {
    return work();
  } finally {
    for (const [signal, handler] of handlers) process.on(signal, handler);
  }
}

function interrupted(code: number): never {
  for (const file of temporary) {
    try {
      rmSync(file, { recursive: true, force: true });
    } catch {
      // Already renamed into place or never created: nothing to remove.
    }
  }
  const line =
    written === "nothing" ? "interrupted; nothing written" : written === "partial" ? `interrupted; the output on ${partialTo} is incomplete` : "interrupted after the output was written";
  try {
    // Clears the progress counter (and the terminal's ^C) so the message stands on its own line.
    process.stderr.write(`${process.stderr.isTTY ? "\r\x1b[K" : ""}${line}\n`);
  } catch {
    // A hang-up may have closed the terminal; the exit code still tells.
  }
  process.exit(code);
}

/** Registers a temporary file for removal on interrupt; the returned function unregisters it. */
export function removeOnInterrupt(file: string): () => void {
  temporary.add(file);
  return () => void temporary.delete(file);
}

export function noteWritten(state: "partial" | "all", to = "stdout"): void {
  written = state;
  partialTo = to;
}
