import type { JsonValue } from '../embedding/embedding-config.js';
import type { FilterNode, FilterScalar } from './metadata-filter.js';
import type { Metadata } from './vector-store.js';

/**
 * Whether metadata satisfies a filter tree: the memory store's filter, and the reference the
 * conformance suite holds every other store to.
 */
export function matchesFilterNode(metadata: Metadata, node: FilterNode | undefined): boolean {
  if (node === undefined) return true;
  switch (node.type) {
    case 'and':
      return node.filters.every((child) => matchesFilterNode(metadata, child));
    case 'or':
      return node.filters.some((child) => matchesFilterNode(metadata, child));
    case 'exists':
      return isPresent(metadata, node.key) === node.exists;
    case 'member': {
      if (!isPresent(metadata, node.key)) return false;
      const value = metadata[node.key];
      const member = node.values.some((candidate) => candidate === value);
      return node.operator === 'in' ? member : !member && isScalar(value);
    }
    case 'compare': {
      if (!isPresent(metadata, node.key)) return false;
      return compares(metadata[node.key]!, node.operator, node.value);
    }
  }
}

function isPresent(metadata: Metadata, key: string): boolean {
  return Object.hasOwn(metadata, key) && metadata[key] !== null;
}

function isScalar(value: JsonValue | undefined): value is FilterScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function compares(
  value: JsonValue,
  operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte',
  bound: FilterScalar,
): boolean {
  if (operator === 'eq') return value === bound;
  if (operator === 'ne') return isScalar(value) && value !== bound;
  if (typeof value !== typeof bound || (typeof value !== 'number' && typeof value !== 'string')) {
    return false;
  }
  const order = compareScalars(value, bound as string | number);
  if (operator === 'gt') return order > 0;
  if (operator === 'gte') return order >= 0;
  if (operator === 'lt') return order < 0;
  return order <= 0;
}

/** Numbers numerically; strings by code point, as SQL's "C" collation and UTF-8 bytes order them. */
function compareScalars(left: string | number, right: string | number): number {
  if (typeof left === 'number') return left - (right as number);
  const leftPoints = [...left];
  const rightPoints = [...(right as string)];
  const length = Math.min(leftPoints.length, rightPoints.length);
  for (let position = 0; position < length; position++) {
    const difference =
      leftPoints[position]!.codePointAt(0)! - rightPoints[position]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return leftPoints.length - rightPoints.length;
}
