/** A value a filter compares with: filters never compare with null (use `exists: false`). */
export type FilterScalar = string | number | boolean;

/**
 * Conditions on one metadata key; several in one object must all hold. `ne` and `nin` match only
 * rows that have the key (with a non-null value), the way SQL and most engines read them, so a
 * missing key never passes a negative test by accident.
 */
export interface FieldOperators {
  eq?: FilterScalar;
  ne?: FilterScalar;
  /** Numbers compare numerically, strings by code point; a value of another type never matches. */
  gt?: string | number;
  gte?: string | number;
  lt?: string | number;
  lte?: string | number;
  /** A non-empty list; the row's value must be one of them. */
  in?: readonly FilterScalar[];
  /** A non-empty list; the row must have the key, with a value that is none of them. */
  nin?: readonly FilterScalar[];
  /** `true`: the key is present with a non-null value; `false`: absent or null. */
  exists?: boolean;
}

/** A scalar (equality) or operators on one key. */
export type FieldCondition = FilterScalar | FieldOperators;

/**
 * The filter language every store compiles natively (SQL with bound parameters, Milvus and Chroma
 * expressions, …), so a filter written once works on every backend. Keys map to conditions and
 * must all hold; `and` / `or` (reserved at every level) take non-empty lists of filters and nest to
 * any depth. `{}` matches everything.
 *
 * @example { source: 'a.md', page: { gte: 2 }, or: [{ lang: 'en' }, { lang: { exists: false } }] }
 */
export type MetadataFilter = {
  and?: readonly MetadataFilter[];
  or?: readonly MetadataFilter[];
  [key: string]: FieldCondition | readonly MetadataFilter[] | undefined;
};

/** A field operator or a combinator: what a store may declare it cannot express. */
export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'nin'
  | 'exists'
  | 'and'
  | 'or';

/** Every operator of the language, in the order messages list them. */
export const filterOperators: readonly FilterOperator[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'exists',
  'and',
  'or',
];

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

/**
 * A filter as drivers receive it: validated and normalized into one small tree, so each driver
 * compiles five node types instead of re-parsing the user's shorthand. `and` and `or` always hold
 * at least one filter; range comparisons always hold a string or a number.
 */
export type FilterNode =
  | { type: 'and'; filters: FilterNode[] }
  | { type: 'or'; filters: FilterNode[] }
  | { type: 'compare'; key: string; operator: ComparisonOperator; value: FilterScalar }
  | { type: 'member'; key: string; operator: 'in' | 'nin'; values: FilterScalar[] }
  | { type: 'exists'; key: string; exists: boolean };

/** The operators a filter tree uses, for drivers and core to check against what a store can do. */
export function filterNodeOperators(node: FilterNode): Set<FilterOperator> {
  const found = new Set<FilterOperator>();
  const visit = (current: FilterNode): void => {
    if (current.type === 'and' || current.type === 'or') {
      found.add(current.type);
      for (const child of current.filters) visit(child);
    } else if (current.type === 'exists') {
      found.add('exists');
    } else {
      found.add(current.operator);
    }
  };
  visit(node);
  return found;
}
