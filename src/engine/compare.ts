/** Code-point order: unlike localeCompare, it does not change with LANG, so output stays byte-identical. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
