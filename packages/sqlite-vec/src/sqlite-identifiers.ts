/** Quotes a table or column name for SQL: wrapped in double quotes, inner ones doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes text as a SQL string literal (inner single quotes doubled), for DDL that takes no parameters. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
