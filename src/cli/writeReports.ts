import { PLAIN, type Style } from "../report/style.js";
import type { FormatTarget } from "./formatTargets.js";
import { terminalStyle } from "./style.js";
import { checkOutput, writeOutput, type OutputText } from "./writeOutput.js";

/**
 * Writes one judged run's reports, each rendered only when its turn comes (a large report
 * is never held beside another). Every target is checked first, so a report aimed at an
 * input file refuses the run before any other is written. Colour is decided per target:
 * stdout on a terminal may get it, a file never does.
 */
export async function writeReports<F extends string>(targets: readonly FormatTarget<F>[], render: (format: F, style: Style) => OutputText, noColor: boolean | undefined): Promise<void> {
  for (const t of targets) if (t.file !== undefined) await checkOutput(t.file, t.flag);
  for (const t of targets) {
    const style = t.file === undefined ? terminalStyle(process.stdout, noColor) : PLAIN;
    await writeOutput(render(t.format, style), t.file, t.flag);
  }
}
