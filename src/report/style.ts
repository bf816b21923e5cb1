/** Colour as plain functions, so formatters stay pure and testable without a terminal. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
  /** The ticket's own words that matched a symptom: `«kept retrying»` without colour. */
  mark(s: string): string;
}

const id = (s: string) => s;
/** Guillemets, since ticket text rarely holds them (brackets and quotes it often does). */
export const PLAIN: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id, magenta: id, mark: (s) => `«${s}»` };
