import { parse } from "csv-parse/sync";
import { definedField } from "../../definedField.js";
import { diagnostic, InputError, ProblemList } from "../../diagnostic.js";
import { lineStarts } from "../../lineColumn.js";
import type { Position } from "../../sourceDoc.js";
import { CREDENTIAL_REPORT_COLUMNS, REPORT_START, ROOT_ROW, type ReportColumn } from "./credentialReportColumns.js";
import { csvProblem } from "./csvProblem.js";
import { fieldColumns } from "./fieldColumns.js";
import { reportBoolean, reportDate, type ReportValue } from "./reportValue.js";
import type { CredentialReportFacts, ReportCredential, ReportUser } from "./types.js";

export const CREDENTIAL_REPORT_LABEL = "an AWS IAM credential report (CSV whose header is `user,arn,user_creation_time,…`)";

const INDEX = new Map<ReportColumn, number>(CREDENTIAL_REPORT_COLUMNS.map((c, i) => [c, i]));
const COUNT = CREDENTIAL_REPORT_COLUMNS.length;

interface Row {
  record: string[];
  info: { lines: number };
}

/**
 * The users of a credential report, or undefined when the text is some other CSV (and not
 * `mustBe` one). Throws an InputError naming every problem at its file:line:column: CSV
 * syntax, a header that is not AWS's columns in AWS's order, a row of the wrong length, a
 * value that is neither its column's kind nor one of the report's N/A markers.
 */
export function readCredentialReport(file: string, text: string, mustBe: boolean): CredentialReportFacts | undefined {
  if (!REPORT_START.test(text) && !mustBe) return undefined;
  const fail = (at: Position, message: string): never => {
    throw new InputError([diagnostic(file, at, message)], new Map([[file, text]]));
  };
  if (text.trim() === "") fail({ line: 1, column: 1 }, `empty file: expected ${CREDENTIAL_REPORT_LABEL}`);
  let rows: Row[] = [];
  try {
    rows = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as Row[];
  } catch (e) {
    const problem = csvProblem(text, e);
    if (!problem) throw e;
    fail(problem.at, problem.message);
  }
  const starts = lineStarts(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  checkHeader(rows[0]!, text.slice(bom, text.search(/\r?\n|$/)), fail);
  const problems = new ProblemList(file);
  const users: ReportUser[] = [];
  for (const row of rows.slice(1)) {
    // csv-parse counts lines to the record's end; a quoted line break inside it moves its start up.
    const line = row.info.lines - row.record.reduce((n, v) => n + countBreaks(v), 0);
    const columns = fieldColumns(text, starts[line - 1]!, Math.max(COUNT, row.record.length));
    const at = (c: ReportColumn): Position => ({ line, column: columns[INDEX.get(c)!]! });
    if (row.record.length < COUNT) {
      problems.add(() => diagnostic(file, { line, column: columns[row.record.length - 1]! }, `expected ${COUNT} fields, one per column of the header, found ${row.record.length}: the next is \`${CREDENTIAL_REPORT_COLUMNS[row.record.length]}\``));
      continue;
    }
    const field = (c: ReportColumn) => row.record[INDEX.get(c)!]!;
    const read = <T>(c: ReportColumn, kind: (v: string) => ReportValue<T>, expected: string): T | undefined => {
      const v = kind(field(c));
      if (v.ok) return v.value;
      problems.add(() => diagnostic(file, at(c), `\`${c}\`: expected ${expected}, or N/A`));
      return undefined;
    };
    const bool = (c: ReportColumn) => read(c, reportBoolean, "true or false");
    const date = (c: ReportColumn) => read(c, reportDate, "an ISO 8601 date-time such as 2026-01-10T08:30:00+00:00");
    const slot = (n: 1 | 2, prefix: "access_key" | "cert"): ReportCredential => {
      const used = prefix === "access_key" ? date(`access_key_${n}_last_used_date`) : undefined;
      return {
        slot: n,
        active: bool(`${prefix}_${n}_active`) === true,
        ...definedField("lastRotated", date(`${prefix}_${n}_last_rotated`)),
        ...definedField("lastUsed", used),
        at: at(`${prefix}_${n}_active`),
      };
    };
    const user = field("user");
    users.push({
      user,
      arn: field("arn"),
      root: user === ROOT_ROW,
      at: at("user"),
      ...definedField("passwordEnabled", bool("password_enabled")),
      ...definedField("passwordLastUsed", date("password_last_used")),
      ...definedField("passwordLastChanged", date("password_last_changed")),
      passwordAt: at("password_enabled"),
      ...definedField("mfaActive", bool("mfa_active")),
      mfaAt: at("mfa_active"),
      keys: [slot(1, "access_key"), slot(2, "access_key")],
      certs: [slot(1, "cert"), slot(2, "cert")],
    });
  }
  if (problems.size) throw new InputError(problems.toArray(), new Map([[file, text]]));
  return { file, users };
}

/** AWS's columns in AWS's order; a column AWS adds after the last is read past. */
function checkHeader(header: Row, line: string, fail: (at: Position, message: string) => never): void {
  const columns = fieldColumns(line, 0, COUNT + 1);
  CREDENTIAL_REPORT_COLUMNS.forEach((expected, i) => {
    const found = header.record[i];
    if (found === expected) return;
    const where = found === undefined ? { line: 1, column: line.length + 1 } : { line: 1, column: columns[i]! };
    fail(where, `not the credential report's columns: expected column \`${expected}\` (column ${i + 1})${found === undefined ? " after the last" : `, found \`${found}\``}`);
  });
}

const countBreaks = (v: string) => {
  let n = 0;
  for (let i = v.indexOf("\n"); i !== -1; i = v.indexOf("\n", i + 1)) n++;
  return n;
};
