import { InvalidInputError } from '../errors/invalid-input-error.js';
import {
  type FilterNode,
  type FilterOperator,
  type FilterScalar,
  filterNodeOperators,
  filterOperators,
} from './metadata-filter.js';

const fieldOperators = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists'] as const;
type FieldOperator = (typeof fieldOperators)[number];

const supportedList = `${fieldOperators.join(', ')} (and "and" / "or" with a list of filters)`;
const example = '{ "source": "a.md", "page": { "gte": 2 } }';

/**
 * Validates a user's filter and returns its normalized tree, or `undefined` for `{}` (no
 * condition). Every mistake is an `InvalidInputError` naming where in the filter it is and what is
 * accepted, so a typo in `--filter` reads as a usage error instead of a crash inside a store.
 *
 * `supported` lists the operators a store can express; a filter using another is refused here,
 * naming the operator and the store, instead of being answered wrongly or by a full scan.
 */
export function parseMetadataFilter(
  filter: unknown,
  supported?: { operators: readonly FilterOperator[]; store: string },
): FilterNode | undefined {
  const node = parseFilterObject(filter, 'filter');
  if (node && supported) {
    const missing = [...filterNodeOperators(node)].filter(
      (operator) => !supported.operators.includes(operator),
    );
    if (missing.length > 0) {
      throw new InvalidInputError({
        message: `The ${supported.store} store cannot filter with ${missing.map((operator) => `"${operator}"`).join(', ')}; it supports ${filterOperators
          .filter((operator) => supported.operators.includes(operator))
          .join(', ')}. Rewrite the filter with those.`,
      });
    }
  }
  return node;
}

function parseFilterObject(filter: unknown, path: string): FilterNode | undefined {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new InvalidInputError({
      message: `${describePath(path)} must be an object such as ${example}, got ${describe(filter)}.`,
    });
  }
  const parts: FilterNode[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (condition === undefined) continue;
    if (key === 'and' || key === 'or') {
      const combined = parseCombinator(key, condition, `${path}.${key}`);
      if (combined) parts.push(combined);
    } else {
      parts.push(...parseCondition(key, condition, `${path}.${JSON.stringify(key)}`));
    }
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { type: 'and', filters: parts };
}

function parseCombinator(type: 'and' | 'or', list: unknown, path: string): FilterNode | undefined {
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidInputError({
      message: `${describePath(path)} must be a non-empty list of filters, such as [${example}], got ${describe(list)}. (To filter on a metadata key named "${type}", rename the key: "and" and "or" combine filters.)`,
    });
  }
  const filters = list.map((entry, index) => parseFilterObject(entry, `${path}[${index}]`));
  // An empty filter inside `and` adds no condition; inside `or` it makes the whole `or` true.
  if (type === 'or' && filters.includes(undefined)) return undefined;
  const present = filters.filter((entry): entry is FilterNode => entry !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return { type, filters: present };
}

function parseCondition(key: string, condition: unknown, path: string): FilterNode[] {
  if (key === '') {
    throw new InvalidInputError({ message: `${describePath(path)}: a metadata key is empty.` });
  }
  if (typeof condition !== 'object' || condition === null) {
    return [{ type: 'compare', key, operator: 'eq', value: checkScalar(condition, path, 'eq') }];
  }
  if (Array.isArray(condition)) {
    throw new InvalidInputError({
      message: `${describePath(path)} is a list; to match any of several values write { "in": ${JSON.stringify(condition)} }.`,
    });
  }
  const entries = Object.entries(condition).filter(([, value]) => value !== undefined);
  if (entries.length === 0) {
    throw new InvalidInputError({
      message: `${describePath(path)} has no condition; use a value for equality or operators: ${supportedList}.`,
    });
  }
  return entries.map(([operator, value]) => {
    const at = `${path}.${operator}`;
    if (!(fieldOperators as readonly string[]).includes(operator)) {
      throw new InvalidInputError({
        message: `${describePath(path)} uses the unknown operator "${operator}"; supported: ${supportedList}.`,
      });
    }
    const known = operator as FieldOperator;
    if (known === 'exists') {
      if (typeof value !== 'boolean') {
        throw new InvalidInputError({
          message: `${describePath(at)} takes true or false, got ${describe(value)}.`,
        });
      }
      return { type: 'exists', key, exists: value };
    }
    if (known === 'in' || known === 'nin') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new InvalidInputError({
          message: `${describePath(at)} takes a non-empty list of values, such as ["a", "b"], got ${describe(value)}.`,
        });
      }
      return {
        type: 'member',
        key,
        operator: known,
        values: value.map((item, index) => checkScalar(item, `${at}[${index}]`, known)),
      };
    }
    const scalar = checkScalar(value, at, known);
    if (known !== 'eq' && known !== 'ne' && typeof scalar === 'boolean') {
      throw new InvalidInputError({
        message: `${describePath(at)} compares with a number or a string, got ${scalar}.`,
      });
    }
    return { type: 'compare', key, operator: known, value: scalar };
  });
}

function checkScalar(value: unknown, path: string, operator: string): FilterScalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === null) {
    throw new InvalidInputError({
      message: `${describePath(path)} is null; filters do not compare with null. To match documents without the key, use { "exists": false }.`,
    });
  }
  throw new InvalidInputError({
    message: `${describePath(path)} (${operator}) takes a string, a finite number or a boolean, got ${describe(value)}.`,
  });
}

function describePath(path: string): string {
  return path === 'filter' ? 'The filter' : `Filter ${path.slice('filter.'.length)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `${typeof value} ${JSON.stringify(value)}`;
}
