import type { FilterNode, FilterScalar } from '@embedkit/core';
import { milvusFields } from './milvus-schema.js';

const comparisonSymbols = { eq: '==', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Compiles core's filter tree into a Milvus boolean expression on the JSON metadata field; a string
 * is taken as a raw Milvus expression and passed through unchanged.
 *
 * Keys and strings are quoted as JSON string literals, which Milvus' expression parser reads the
 * same way, so neither can end the literal early. `in` becomes an `or` of equalities, which every
 * Milvus (and Milvus Lite, whose parser refuses `in` on JSON paths) evaluates. `ne` and `nin` add
 * `is not null`, so a row without the key does not match, as in every store.
 */
export function metadataFilterExpression(
  filter: FilterNode | string | undefined,
): string | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'string') return filter.trim() === '' ? undefined : filter;
  return compile(filter);
}

/** Quotes a list of ids as a Milvus `in` expression on the primary key. */
export function idsExpression(ids: readonly string[]): string {
  return `${milvusFields.id} in [${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
}

function compile(node: FilterNode): string {
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${node.filters.map(compile).join(` ${node.type} `)})`;
    case 'exists':
      return `${field(node.key)} ${node.exists ? 'is not null' : 'is null'}`;
    case 'member': {
      const alternatives = node.values.map((value) => `${field(node.key)} == ${literal(value)}`);
      const anyOf = `(${alternatives.join(' or ')})`;
      return node.operator === 'in' ? anyOf : `(${field(node.key)} is not null and not ${anyOf})`;
    }
    case 'compare': {
      const comparison = `${field(node.key)} ${comparisonSymbols[node.operator]} ${literal(node.value)}`;
      return node.operator === 'ne'
        ? `(${field(node.key)} is not null and ${comparison})`
        : comparison;
    }
  }
}

function field(key: string): string {
  return `${milvusFields.metadata}[${JSON.stringify(key)}]`;
}

function literal(value: FilterScalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
