import { InvalidInputError, type MetadataFilter } from '@embedkit/core';
import { milvusFields } from './milvus-schema.js';

type FilterScalar = string | number | boolean | null;

/**
 * Translates core's portable `MetadataFilter` into a Milvus boolean expression on the JSON
 * metadata field; a string is taken as a raw Milvus expression and passed through unchanged.
 *
 * `{ in: [...] }` becomes an `or` of equalities, which every Milvus (and Milvus Lite, whose parser
 * refuses `in` on JSON paths) evaluates. `null` becomes `is null`, which Milvus also treats as true
 * for a missing key.
 */
export function metadataFilterExpression(
  filter: MetadataFilter | string | undefined,
): string | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'string') return filter.trim() === '' ? undefined : filter;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new InvalidInputError({
      message: `A filter must be an object such as { source: "a.md" } or a Milvus expression string, got ${Array.isArray(filter) ? 'an array' : typeof filter}.`,
    });
  }
  const conditions = Object.entries(filter).map(([key, condition]) => {
    const field = `${milvusFields.metadata}[${JSON.stringify(key)}]`;
    if (condition !== null && typeof condition === 'object') {
      if (!Array.isArray(condition.in)) {
        throw new InvalidInputError({
          message: `Filter key "${key}" must be a value or { in: [...] }.`,
        });
      }
      if (condition.in.length === 0) return `${milvusFields.id} == ""`;
      const alternatives = condition.in.map((value) => comparison(field, value, key));
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' or ')})`;
    }
    return comparison(field, condition, key);
  });
  return conditions.length === 0 ? undefined : conditions.join(' and ');
}

/** Quotes a list of ids as a Milvus `in` expression on the primary key. */
export function idsExpression(ids: readonly string[]): string {
  return `${milvusFields.id} in [${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
}

function comparison(field: string, value: FilterScalar, key: string): string {
  if (value === null) return `${field} is null`;
  if (typeof value === 'string') return `${field} == ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `${field} == ${value}`;
  if (typeof value === 'number' && Number.isFinite(value)) return `${field} == ${value}`;
  throw new InvalidInputError({
    message: `Filter key "${key}" has a value that is not a string, finite number, boolean or null (${String(value)}).`,
  });
}
