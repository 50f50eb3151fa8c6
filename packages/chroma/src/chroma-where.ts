import { type FilterNode, type FilterScalar, InvalidInputError } from '@embedkit/core';
import { chromaKey, chromaMetadataKeys, presenceEntry } from './chroma-metadata.js';

/** A Chroma `where` clause, as the client sends it. */
export type ChromaWhere = Record<string, unknown>;

export interface ChromaWhereOptions {
  /** The collection, for messages. */
  collection: string;
  /**
   * Whether the records carry embedkit's presence list (`embedkit:keys`): true for collections
   * embedkit created. Without it, `ne`, `nin` and `exists` have no exact Chroma form.
   */
  presence: boolean;
}

/**
 * Compiles core's filter tree to a Chroma `where` with the same answer as the memory store.
 * Where Chroma's operators mean something else, the clause adds what makes them exact:
 *
 * - `$ne`/`$nin` also match records without the key (or with a list there): `ne` and `nin` add
 *   "the key holds a scalar" (`embedkit:keys` contains `s:<key>`).
 * - Chroma has no `$exists`: `exists` tests `embedkit:keys` for `s:<key>` or `j:<key>`.
 * - `$in`/`$nin` lists must hold one type (integers and floats count as two): mixed lists are
 *   split per type and joined with `$or` (in) or `$and` (nin).
 * - `$gt`, `$gte`, `$lt`, `$lte` compare numbers only: a string bound is refused, naming the
 *   operator, since Chroma cannot answer it.
 * - A fractional bound is compared with integer values after Chroma casts it to an integer
 *   (`{ $eq: 1.5 }` matches 1, `{ $lt: 1.5 }` misses 1): such comparisons get integer bounds
 *   beside them (`fractional`) so that integers compare with the real number.
 * - An integer bound from 2^63 to 1e21 (JSON writes it as digits) does not fit Chroma's 64-bit
 *   integers: refused, naming the operator (from 1e21 on, JSON writes an exponent: a float).
 * - `$and`/`$or` need two clauses or more: a single one stands alone.
 *
 * Keys go through `chromaKey`, the mapping the records were written with; they are object keys in
 * a JSON body, never spliced into an expression.
 */
export function chromaWhere(filter: FilterNode, options: ChromaWhereOptions): ChromaWhere {
  const checkNumber = (operator: string, key: string, value: FilterScalar) => {
    // JSON writes integers below 1e21 as digits, which Chroma reads as a 64-bit integer.
    if (typeof value === 'number' && Math.abs(value) >= 2 ** 63 && Math.abs(value) < 1e21) {
      throw new InvalidInputError({
        message: `The Chroma store cannot apply ${operator} with ${value} (key "${key}"): Chroma reads an integer in a filter as a 64-bit integer, and this one is outside ±2^63. Use a bound inside that range.`,
      });
    }
  };
  const compile = (node: FilterNode): ChromaWhere => {
    switch (node.type) {
      case 'and':
        return combine('$and', node.filters.map(compile));
      case 'or':
        return combine('$or', node.filters.map(compile));
      case 'exists': {
        requirePresence(`exists: ${node.exists}`, options);
        const scalar = presence(node.key, 'scalar', node.exists);
        const structured = presence(node.key, 'structured', node.exists);
        return node.exists
          ? combine('$or', [scalar, structured])
          : combine('$and', [scalar, structured]);
      }
      case 'compare': {
        const key = chromaKey(node.key);
        const { value } = node;
        checkNumber(node.operator, node.key, value);
        const fractionalValue = typeof value === 'number' && !Number.isInteger(value);
        if (node.operator === 'eq') {
          return fractionalValue ? fractional(key, 'eq', value) : { [key]: { $eq: value } };
        }
        if (node.operator === 'ne') {
          requirePresence('ne', options);
          const differs = fractionalValue
            ? fractional(key, 'ne', value)
            : { [key]: { $ne: value } };
          return combine('$and', [differs, presence(node.key, 'scalar', true)]);
        }
        if (typeof value !== 'number') {
          throw new InvalidInputError({
            message: `The Chroma store cannot apply ${node.operator} to the string ${JSON.stringify(value)} (key "${node.key}"): Chroma compares ${node.operator}, gt, gte, lt and lte on numbers only. Use a number bound, or eq/in on the strings you want.`,
          });
        }
        if (fractionalValue) return fractional(key, node.operator, value);
        return { [key]: { [`$${node.operator}`]: value } };
      }
      case 'member': {
        const key = chromaKey(node.key);
        for (const value of node.values) checkNumber(node.operator, node.key, value);
        const groups = byChromaType(node.values);
        // Fractional members are compared one by one (see `fractional`); the rest per type.
        const floats = (groups.get('float') ?? []) as number[];
        groups.delete('float');
        const lists = [...groups.values()];
        if (node.operator === 'in') {
          return combine('$or', [
            ...lists.map((values) => ({ [key]: { $in: values } })),
            ...floats.map((value) => fractional(key, 'eq', value)),
          ]);
        }
        requirePresence('nin', options);
        return combine('$and', [
          ...lists.map((values) => ({ [key]: { $nin: values } })),
          ...floats.map((value) => fractional(key, 'ne', value)),
          presence(node.key, 'scalar', true),
        ]);
      }
    }
  };
  return compile(filter);
}

/** `$and`/`$or` of clauses, or the clause itself when there is one (Chroma needs two or more). */
function combine(operator: '$and' | '$or', clauses: ChromaWhere[]): ChromaWhere {
  return clauses.length === 1 ? clauses[0]! : { [operator]: clauses };
}

function presence(key: string, kind: 'scalar' | 'structured', present: boolean): ChromaWhere {
  return {
    [chromaMetadataKeys.keys]: {
      [present ? '$contains' : '$not_contains']: presenceEntry(key, kind),
    },
  };
}

function requirePresence(operator: string, options: ChromaWhereOptions): void {
  if (options.presence) return;
  throw new InvalidInputError({
    message: `The Chroma store cannot apply ${operator} to collection "${options.collection}": it was not created by embedkit, so its records have no embedkit:keys list, and Chroma's own $ne/$nin also match records without the key (it has no $exists). Use eq, in or numeric ranges on this collection.`,
  });
}

/**
 * A comparison with a fractional number `value` that is also right for integer values. Chroma
 * compares an integer value with the bound cast to an integer (to one of its neighbours `below`
 * and `above`), so each form adds integer bounds, which Chroma compares exactly:
 *
 * - eq: `= value` and not `below` and not `above` (no integer equals a fraction);
 * - ne: `≠ value`, or `below`, or `above` (every integer differs from a fraction);
 * - gt: `> value`, or `≥ above` (for integers, `> value` means `≥ above`); lt mirrors it;
 * - gte/lte: gt/lt, or eq (a fraction is never an integer's bound itself).
 */
function fractional(
  key: string,
  operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte',
  value: number,
): ChromaWhere {
  const below = Math.floor(value);
  const above = Math.ceil(value);
  switch (operator) {
    case 'eq':
      return {
        $and: [{ [key]: { $eq: value } }, { [key]: { $ne: below } }, { [key]: { $ne: above } }],
      };
    case 'ne':
      return {
        $or: [{ [key]: { $ne: value } }, { [key]: { $eq: below } }, { [key]: { $eq: above } }],
      };
    case 'gt':
      return { $or: [{ [key]: { $gt: value } }, { [key]: { $gte: above } }] };
    case 'lt':
      return { $or: [{ [key]: { $lt: value } }, { [key]: { $lte: below } }] };
    case 'gte':
      return { $or: [fractional(key, 'gt', value), fractional(key, 'eq', value)] };
    case 'lte':
      return { $or: [fractional(key, 'lt', value), fractional(key, 'eq', value)] };
  }
}

/** Values grouped as Chroma types them (string, boolean, integer, float), in first-seen order. */
function byChromaType(values: readonly FilterScalar[]): Map<string, FilterScalar[]> {
  const groups = new Map<string, FilterScalar[]>();
  for (const value of values) {
    const type =
      typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'float') : typeof value;
    const group = groups.get(type);
    if (group) group.push(value);
    else groups.set(type, [value]);
  }
  return groups;
}
