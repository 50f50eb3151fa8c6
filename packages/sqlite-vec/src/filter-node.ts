import type { MetadataFilter } from '@embedkit/core';

/**
 * The normalized filter tree core hands to drivers (filter-spec: `FilterNode`). Declared here
 * until core exports it; the driver compiles only this shape.
 */
export type FilterScalar = string | number | boolean;
export type FilterNode =
  | { type: 'and'; filters: FilterNode[] }
  | { type: 'or'; filters: FilterNode[] }
  | {
      type: 'compare';
      key: string;
      operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
      value: FilterScalar;
    }
  | { type: 'member'; key: string; operator: 'in' | 'nin'; values: FilterScalar[] }
  | { type: 'exists'; key: string; exists: boolean };

/**
 * Today's portable filter (equality, `{ in }`, `null` for "missing or null") as a `FilterNode`,
 * or `undefined` for no condition at all.
 */
export function toFilterNode(filter: MetadataFilter | FilterNode): FilterNode | undefined {
  if (isFilterNode(filter)) return filter;
  const conditions: FilterNode[] = Object.entries(filter).map(([key, condition]) => {
    if (condition === null) return { type: 'exists', key, exists: false };
    if (typeof condition === 'object') {
      const values = condition.in.filter((value): value is FilterScalar => value !== null);
      const member: FilterNode = { type: 'member', key, operator: 'in', values };
      if (values.length === condition.in.length) return member;
      const missing: FilterNode = { type: 'exists', key, exists: false };
      return values.length === 0 ? missing : { type: 'or', filters: [member, missing] };
    }
    return { type: 'compare', key, operator: 'eq', value: condition };
  });
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { type: 'and', filters: conditions };
}

function isFilterNode(filter: MetadataFilter | FilterNode): filter is FilterNode {
  const type = (filter as { type?: unknown }).type;
  return (
    typeof type === 'string' &&
    ['and', 'or', 'compare', 'member', 'exists'].includes(type) &&
    ('filters' in filter || 'key' in filter)
  );
}
