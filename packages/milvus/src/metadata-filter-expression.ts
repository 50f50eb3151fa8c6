import type { FilterNode, FilterScalar } from '@embedkit/core';
import { dynamicField, embedkitFieldNames, type MilvusFieldNames } from './milvus-field-names.js';

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
  fields: MilvusFieldNames = embedkitFieldNames,
): string | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'string') return filter.trim() === '' ? undefined : filter;
  const field = (key: string) => `${fields.metadata}[${JSON.stringify(key)}]`;
  return compile(filter, field);
}

/** A list of ids as a Milvus `in` expression on the primary key (quoted unless it is Int64). */
export function idsExpression(
  ids: readonly string[],
  fields: MilvusFieldNames = embedkitFieldNames,
): string {
  return `${fields.id} in [${ids.map((id) => idLiteral(id, fields)).join(', ')}]`;
}

/** An id as an expression literal: a JSON string, or the integer itself for an Int64 key. */
export function idLiteral(id: string, fields: MilvusFieldNames): string {
  return fields.idType === 'int64' ? String(BigInt(id)) : JSON.stringify(id);
}

/** Whether `fields` keeps metadata in the dynamic field (keys are top-level there). */
export function isDynamicMetadata(fields: MilvusFieldNames): boolean {
  return fields.metadata === dynamicField;
}

function compile(node: FilterNode, field: (key: string) => string): string {
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${node.filters.map((child) => compile(child, field)).join(` ${node.type} `)})`;
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

function literal(value: FilterScalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
