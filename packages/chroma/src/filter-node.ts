import type { MetadataFilter } from '@embedkit/core';

// Core's filter language (packages/core/src/store/metadata-filter.ts) is landing on main; until
// it does, the driver compiles against the same normalized tree, declared here.

export type FilterScalar = string | number | boolean;

/** Core's normalized filter tree, as drivers receive it. */
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

/** Today's portable filter (equality and `in` per key) as a filter tree; undefined for `{}`. */
export function toFilterNode(filter: MetadataFilter): FilterNode | undefined {
  const filters = Object.entries(filter).map(([key, condition]): FilterNode => {
    if (condition === null) return { type: 'exists', key, exists: false };
    if (typeof condition === 'object') {
      return {
        type: 'member',
        key,
        operator: 'in',
        values: condition.in.filter((value): value is FilterScalar => value !== null),
      };
    }
    return { type: 'compare', key, operator: 'eq', value: condition };
  });
  if (filters.length === 0) return undefined;
  return filters.length === 1 ? filters[0] : { type: 'and', filters };
}
