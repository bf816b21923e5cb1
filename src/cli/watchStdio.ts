/**
 * Errors of stdout are read from the stream itself (stdoutGone, stdoutFailure); these
 * listeners only keep errors of stdout and stderr from being thrown as uncaught
 * exceptions, which exit 1 with a stack whatever the result.
 *
 * `nhi-triage … | head` closes the pipe early; that is the reader's choice, not an error.
 * The run does not stop there: writeOutput drops what is left of the report, and the run
 * goes on to its messages on stderr, `--save`, and the exit code its result decides.
 * Exiting on the spot would end it with whatever code was set so far, and so turn a
 * failing gate into a pass. A stderr that cannot be written (closed, full) loses the
 * messages, not the exit code.
 */
export function watchStdio(): void {
  // Once per stream, however often main runs in one process (the fuzz tests run it many times).
  for (const stream of [process.stdout, process.stderr]) if (!stream.listeners("error").includes(ignore)) stream.on("error", ignore);
}

const ignore = (): void => undefined;

/** Whether stdout can take no more: its reader has gone, or a write failed. */
export function stdoutGone(): boolean {
  return process.stdout.destroyed || process.stdout.errored !== null;
}

/** A write to stdout that failed for another reason than a reader gone: a full disk under `>`, say. */
export function stdoutFailure(): NodeJS.ErrnoException | undefined {
  const e = process.stdout.errored as NodeJS.ErrnoException | null;
  return e !== null && e.code !== "EPIPE" ? e : undefined;
}
