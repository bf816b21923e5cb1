/** A finished run that must end with a non-zero code (1: a finding at or above --fail-on). */
export class ExitCode {
  constructor(readonly code: 0 | 1 | 2) {}
}
