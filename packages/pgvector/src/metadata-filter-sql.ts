import type { FilterNode, FilterScalar } from '@embedkit/core';
import type { SqlParameters } from './sql-parameters.js';

/**
 * Compiles a filter tree to a SQL condition on a `jsonb` metadata expression. Every key and value
 * is a bound parameter (`metadata -> $1::text`, `$2::jsonb`); only operators and the column
 * expression are SQL text. Semantics follow core's filter language: type-strict comparison
 * (jsonb equality: `1 = 1.0`, `1 ≠ "1"`, `true ≠ 1`), numbers compared numerically, strings by
 * code point (`COLLATE "C"`), arrays and objects match nothing but `exists`, and `ne`/`nin`
 * need the key with a non-null scalar. Each leaf is `COALESCE(…, false)`, so a missing key is
 * false, never NULL, whatever the nesting.
 *
 * Equality and `in` use jsonb containment (`metadata @> {"key": value}`), which the GIN index
 * on the metadata column serves; a nested array never contains a scalar in jsonb, so
 * containment is as strict as equality.
 */
export function metadataFilterSql(
  node: FilterNode,
  metadata: string,
  parameters: SqlParameters,
): string {
  switch (node.type) {
    case 'and':
    case 'or': {
      if (node.filters.length === 0) return node.type === 'and' ? 'true' : 'false';
      const joined = node.filters
        .map((child) => metadataFilterSql(child, metadata, parameters))
        .join(node.type === 'and' ? ' AND ' : ' OR ');
      return `(${joined})`;
    }
    case 'exists': {
      const type = `jsonb_typeof(${metadata} -> ${parameters.add(node.key)}::text)`;
      return node.exists
        ? `COALESCE(${type} <> 'null', false)`
        : `COALESCE(${type}, 'null') = 'null'`;
    }
    case 'member': {
      if (node.values.length === 0) {
        return node.operator === 'in' ? 'false' : scalarPresent(node.key, metadata, parameters);
      }
      if (node.operator === 'in') {
        const contained = node.values.map((value) =>
          containment(node.key, value, metadata, parameters),
        );
        return `(${contained.join(' OR ')})`;
      }
      const value = `${metadata} -> ${parameters.add(node.key)}::text`;
      const members = node.values.map(
        (member) => `${parameters.add(JSON.stringify(member))}::jsonb`,
      );
      return `COALESCE(jsonb_typeof(${value}) IN ('string', 'number', 'boolean') AND ${value} NOT IN (${members.join(', ')}), false)`;
    }
    case 'compare':
      return compareSql(node.key, node.operator, node.value, metadata, parameters);
  }
}

function compareSql(
  key: string,
  operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte',
  value: FilterScalar,
  metadata: string,
  parameters: SqlParameters,
): string {
  if (operator === 'eq') return containment(key, value, metadata, parameters);
  const keyParameter = parameters.add(key);
  const stored = `${metadata} -> ${keyParameter}::text`;
  if (operator === 'ne') {
    return `COALESCE(jsonb_typeof(${stored}) IN ('string', 'number', 'boolean') AND ${stored} <> ${parameters.add(JSON.stringify(value))}::jsonb, false)`;
  }
  const sqlOperator = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[operator];
  if (typeof value === 'number') {
    // jsonb orders numbers numerically; the type check keeps strings and booleans out.
    return `COALESCE(jsonb_typeof(${stored}) = 'number' AND ${stored} ${sqlOperator} ${parameters.add(JSON.stringify(value))}::jsonb, false)`;
  }
  if (typeof value === 'string') {
    return `COALESCE(jsonb_typeof(${stored}) = 'string' AND (${metadata} ->> ${keyParameter}::text) COLLATE "C" ${sqlOperator} ${parameters.add(value)}::text COLLATE "C", false)`;
  }
  // Booleans have no order in the filter language: no row matches.
  return 'false';
}

/** `metadata @> {"key": value}`: the key holds exactly this scalar (jsonb equality). */
function containment(
  key: string,
  value: FilterScalar,
  metadata: string,
  parameters: SqlParameters,
): string {
  return `COALESCE(${metadata} @> ${parameters.add(JSON.stringify({ [key]: value }))}::jsonb, false)`;
}

function scalarPresent(key: string, metadata: string, parameters: SqlParameters): string {
  return `COALESCE(jsonb_typeof(${metadata} -> ${parameters.add(key)}::text) IN ('string', 'number', 'boolean'), false)`;
}
