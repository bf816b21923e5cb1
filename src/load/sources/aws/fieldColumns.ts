/**
 * The 1-based column at which each field of the CSV record starting at `offset` starts, on
 * the record's first line: csv-parse gives values, not places. Quotes are followed so that a
 * comma inside a quoted field does not start a field. Fields past the end of the first line
 * (after a line break inside quotes) get the column of that line's end.
 */
export function fieldColumns(text: string, offset: number, count: number): number[] {
  const columns = [1];
  let quoted = false;
  let i = offset;
  for (; i < text.length && columns.length < count; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 34) quoted = !quoted;
    else if (c === 44 && !quoted) columns.push(i - offset + 2);
  }
  const end = Math.max(1, i - offset + 1);
  while (columns.length < count) columns.push(end);
  return columns;
}
