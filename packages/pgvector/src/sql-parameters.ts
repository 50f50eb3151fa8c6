/**
 * The bound parameters of one statement: `add(value)` keeps the value and returns its
 * placeholder (`$1`, `$2`, …), so values and metadata keys never become part of the SQL text.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Binds a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** PostgreSQL caps a statement at 65,535 bound parameters (the protocol's 16-bit count). */
export const maxStatementParameters = 65_535;
