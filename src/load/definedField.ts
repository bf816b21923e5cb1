/** `{ [key]: value }` when the value is known, `{}` when not: spread into an entry, it never writes `key: undefined`. */
export const definedField = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
