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

/**
 * Ctrl-C or a kill while a batch runs or a report is written: remove the temporary file,
 * say so in one line and exit 130/143 without a stack. Node runs the handler only between
 * two turns of the event loop, so a long synchronous phase (parsing a huge inventory, the
 * gate's evaluation) finishes before it; every await — each file read, each chunk written —
 * is a point where the signal takes effect.
 */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(EXIT_CODES)) process.on(signal, () => interrupted(code));
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
