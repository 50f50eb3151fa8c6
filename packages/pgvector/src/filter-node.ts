import { InvalidInputError, type MetadataFilter } from '@embedkit/core';

// TEMPORARY: core's `FilterNode` (packages/core/src/store/metadata-filter.ts) is landing on main;
// until it does, the normalized tree is declared here with the same shape, and today's portable
// filters (`{ key: value | { in: [...] } }`) are turned into it. Replaced by core's export on merge.

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

/** Today's portable filter as a `FilterNode` (`undefined` for no condition at all). */
export function toFilterNode(
  filter: MetadataFilter | FilterNode | undefined,
): FilterNode | undefined {
  if (filter === undefined) return undefined;
  if (isFilterNode(filter)) return filter;
  const filters: FilterNode[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (condition === null) {
      filters.push({ type: 'exists', key, exists: false });
    } else if (typeof condition === 'object') {
      const values = condition.in.filter((value): value is FilterScalar => value !== null);
      const member: FilterNode = { type: 'member', key, operator: 'in', values };
      if (condition.in.includes(null)) {
        filters.push({
          type: 'or',
          filters: [...(values.length > 0 ? [member] : []), { type: 'exists', key, exists: false }],
        });
      } else {
        filters.push(member);
      }
    } else if (['string', 'number', 'boolean'].includes(typeof condition)) {
      filters.push({ type: 'compare', key, operator: 'eq', value: condition });
    } else {
      throw new InvalidInputError({
        message: `The filter value of "${key}" must be a string, number, boolean or { in: [...] }.`,
      });
    }
  }
  return filters.length === 0 ? undefined : { type: 'and', filters };
}

function isFilterNode(filter: object): filter is FilterNode {
  const type = (filter as { type?: unknown }).type;
  return (
    typeof type === 'string' &&
    ['and', 'or', 'compare', 'member', 'exists'].includes(type) &&
    ('filters' in filter || 'key' in filter)
  );
}
