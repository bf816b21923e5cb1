/** Where the last sentence of `text` ends: the index of its full stop (or ! or ?) before a space, -1 when there is none. */
export function lastStop(text: string): number {
  return Math.max(text.lastIndexOf(". "), text.lastIndexOf("! "), text.lastIndexOf("? "));
}
