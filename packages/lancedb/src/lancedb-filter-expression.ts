import { type FilterNode, type FilterScalar, InvalidInputError } from '@embedkit/core';

/** A SQL string literal for LanceDB's (DataFusion's) parser: single quotes doubled, nothing else special. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A column name for LanceDB's SQL: backtick-quoted (names with a backtick are refused by the settings). */
export function sqlColumn(name: string): string {
  return `\`${name}\``;
}

/**
 * Compiles a filter to a LanceDB `where` expression on the JSON metadata column (Lance's JSON
 * type, which LanceDB stores as JSONB). Each key is read with `json_get(metadata, 'key')` (a key,
 * not a path, so a dot or bracket is part of it) and its JSON text `json_extract(…, '$')` gives
 * the value's JSON type: a leading `"` is a string, `true`/`false` a boolean, a digit or `-` a
 * number, `null` or no value at all "absent". Values are compared only after that type check
 * (`json_get_string` and `json_get_float` coerce across types, so they run only under a `CASE`
 * on the type): comparisons are type-strict as the filter language requires. Strings compare
 * byte-wise (code points). Keys and strings are SQL literals with single quotes doubled; numbers
 * are cast from their decimal text.
 */
export function lanceFilterExpression(filter: FilterNode, metadataColumn: string): string {
  const column = sqlColumn(metadataColumn);
  const key = (name: string) => sqlString(name);
  const text = (name: string) => `json_extract(json_get(${column}, ${key(name)}), '$')`;
  const isString = (name: string) => `starts_with(${text(name)}, '"')`;
  const isNumber = (name: string) => `regexp_like(${text(name)}, '^-?[0-9]')`;
  const isScalar = (name: string) =>
    `(${isString(name)} OR ${isNumber(name)} OR ${text(name)} IN ('true', 'false'))`;
  const number = (value: number) => `CAST(${sqlString(String(value))} AS DOUBLE)`;
  // CASE keeps the getters off rows of another type: json_get_float fails on "apple" rather
  // than giving NULL, and DataFusion evaluates both sides of AND on a whole batch.
  const stringValue = (name: string) =>
    `(CASE WHEN ${isString(name)} THEN json_get_string(${column}, ${key(name)}) END)`;
  const numberValue = (name: string) =>
    `(CASE WHEN ${isNumber(name)} THEN json_get_float(${column}, ${key(name)}) END)`;

  const equals = (name: string, value: FilterScalar): string => {
    if (typeof value === 'boolean') return `COALESCE(${text(name)} = '${value}', false)`;
    if (typeof value === 'number') {
      return `COALESCE(${isNumber(name)} AND ${numberValue(name)} = ${number(value)}, false)`;
    }
    return `COALESCE(${isString(name)} AND ${stringValue(name)} = ${sqlString(value)}, false)`;
  };
  const anyOf = (name: string, values: readonly FilterScalar[]) =>
    `(${values.map((value) => equals(name, value)).join(' OR ')})`;
  const present = (name: string) => `COALESCE(${text(name)}, 'null') <> 'null'`;

  const compile = (node: FilterNode): string => {
    switch (node.type) {
      case 'and':
      case 'or':
        return `(${node.filters.map(compile).join(node.type === 'and' ? ' AND ' : ' OR ')})`;
      case 'exists':
        return node.exists ? present(node.key) : `NOT (${present(node.key)})`;
      case 'member':
        return node.operator === 'in'
          ? anyOf(node.key, node.values)
          : `(COALESCE(${isScalar(node.key)}, false) AND NOT ${anyOf(node.key, node.values)})`;
      case 'compare': {
        const { key: name, operator, value } = node;
        if (operator === 'eq') return equals(name, value);
        if (operator === 'ne') {
          return `(COALESCE(${isScalar(name)}, false) AND NOT ${equals(name, value)})`;
        }
        const symbol = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[operator];
        if (typeof value === 'number') {
          return `COALESCE(${isNumber(name)} AND ${numberValue(name)} ${symbol} ${number(value)}, false)`;
        }
        if (typeof value === 'string') {
          return `COALESCE(${isString(name)} AND ${stringValue(name)} ${symbol} ${sqlString(value)}, false)`;
        }
        throw new InvalidInputError({
          message: `The filter operator "${operator}" on key "${name}" takes a number or a string, not a boolean.`,
        });
      }
    }
  };
  return compile(filter);
}
