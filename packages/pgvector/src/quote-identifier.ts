/**
 * A PostgreSQL identifier in double quotes with embedded quotes doubled: the name is taken
 * literally (case, spaces, quotes and semicolons included) and can never end the identifier.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
