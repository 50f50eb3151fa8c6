import { type FilterNode, type FilterScalar, InvalidInputError } from '@embedkit/core';

/** A SQL condition and the values bound to its `?` placeholders, in order. */
export interface SqlClause {
  sql: string;
  parameters: (string | number)[];
}

/**
 * The JSON path of a top-level metadata key, for `json_extract`/`json_type`. The key is quoted as
 * a JSON string (`$."a.b"`), so a dot, quote or bracket in it is part of the key, never a path
 * step; the path is bound as a parameter, never spliced into the SQL.
 */
export function metadataPath(key: string): string {
  return `$.${JSON.stringify(key)}`;
}

/** `json_type` values of a present, non-null scalar. */
const scalarTypes = "('integer', 'real', 'text', 'true', 'false')";

/**
 * Compiles a filter to a SQL condition on the JSON metadata column `column` (an already quoted
 * identifier), with the semantics of core's filter language: comparisons are type-strict (the
 * value's JSON type is checked with `json_type` before `json_extract` is compared, so 1 never
 * equals "1" and a string never orders against a number), strings compare by SQLite's BINARY
 * collation (UTF-8 bytes, which is code-point order), `ne`/`nin` need the key present with a
 * scalar, and `exists: false` holds for a missing key or a JSON null.
 */
export function sqliteFilterClause(filter: FilterNode, column: string): SqlClause {
  const parameters: (string | number)[] = [];
  const bind = (value: string | number) => {
    parameters.push(value);
    return '?';
  };
  const type = (key: string) => `json_type(${column}, ${bind(metadataPath(key))})`;
  const value = (key: string) => `json_extract(${column}, ${bind(metadataPath(key))})`;

  const equals = (key: string, scalar: FilterScalar): string => {
    if (typeof scalar === 'boolean') return `${type(key)} = '${scalar ? 'true' : 'false'}'`;
    const types = typeof scalar === 'number' ? "IN ('integer', 'real')" : "= 'text'";
    return `(${type(key)} ${types} AND ${value(key)} = ${bind(scalar)})`;
  };
  const hasScalar = (key: string) => `${type(key)} IN ${scalarTypes}`;
  const anyOf = (key: string, values: readonly FilterScalar[]) =>
    `(${values.map((scalar) => equals(key, scalar)).join(' OR ')})`;

  const compile = (node: FilterNode): string => {
    switch (node.type) {
      case 'and':
      case 'or':
        return `(${node.filters.map(compile).join(node.type === 'and' ? ' AND ' : ' OR ')})`;
      case 'exists':
        return node.exists
          ? `COALESCE(${type(node.key)}, 'null') <> 'null'`
          : `COALESCE(${type(node.key)}, 'null') = 'null'`;
      case 'member':
        return node.operator === 'in'
          ? anyOf(node.key, node.values)
          : `(${hasScalar(node.key)} AND NOT ${anyOf(node.key, node.values)})`;
      case 'compare': {
        const { key, operator, value: scalar } = node;
        if (operator === 'eq') return equals(key, scalar);
        if (operator === 'ne') return `(${hasScalar(key)} AND NOT ${equals(key, scalar)})`;
        const types = typeof scalar === 'number' ? "IN ('integer', 'real')" : "= 'text'";
        const symbol = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[operator];
        if (typeof scalar === 'boolean') {
          throw new InvalidInputError({
            message: `The filter operator "${operator}" on key "${key}" takes a number or a string, not a boolean.`,
          });
        }
        return `(${type(key)} ${types} AND ${value(key)} ${symbol} ${bind(scalar)})`;
      }
    }
  };
  return { sql: compile(filter), parameters };
}
