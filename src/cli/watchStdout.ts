/**
 * `nhi-triage … | head` closes the pipe early; that is the reader's choice, not an error.
 * The run does not stop there: writeOutput drops what is left of the report, and the run
 * goes on to its messages on stderr, `--save`, and the exit code its result decides.
 * Exiting on the spot would end it with whatever code was set so far, and so turn a
 * failing gate into a pass.
 */
export function watchStdout(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
}

/** Whether stdout can take no more: its reader has gone, or a write failed. */
export function stdoutGone(): boolean {
  return process.stdout.destroyed || process.stdout.errored !== null;
}
