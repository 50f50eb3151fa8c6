import { InvalidInputError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { idsExpression, metadataFilterExpression } from './metadata-filter-expression.js';

describe('metadataFilterExpression', () => {
  it('turns every condition into a comparison on the metadata field, joined with and', () => {
    expect(metadataFilterExpression({ source: 'a.md', page: 3, draft: false })).toBe(
      'metadata["source"] == "a.md" and metadata["page"] == 3 and metadata["draft"] == false',
    );
  });

  it('spells in-lists as or-ed equalities and an empty list as matching nothing', () => {
    expect(metadataFilterExpression({ topic: { in: ['a', 'b'] } })).toBe(
      '(metadata["topic"] == "a" or metadata["topic"] == "b")',
    );
    expect(metadataFilterExpression({ topic: { in: [] } })).toBe('id == ""');
  });

  it('quotes keys and strings so quotes inside them cannot end the literal', () => {
    expect(metadataFilterExpression({ 'odd "key"': 'say "hi"\\' })).toBe(
      'metadata["odd \\"key\\""] == "say \\"hi\\"\\\\"',
    );
  });

  it('passes raw expressions through and treats empty filters as none', () => {
    expect(metadataFilterExpression('metadata["n"] > 2')).toBe('metadata["n"] > 2');
    expect(metadataFilterExpression({})).toBeUndefined();
    expect(metadataFilterExpression('  ')).toBeUndefined();
    expect(metadataFilterExpression(undefined)).toBeUndefined();
  });

  it('refuses values no expression can hold', () => {
    expect(() => metadataFilterExpression({ n: Number.NaN })).toThrow(InvalidInputError);
    expect(() => metadataFilterExpression({ n: { equals: 1 } as never })).toThrow(/in: \[/);
    expect(() => metadataFilterExpression(['a'] as never)).toThrow(/an array/);
  });

  it('quotes ids for an in-expression on the primary key', () => {
    expect(idsExpression(['a', 'b"c'])).toBe('id in ["a", "b\\"c"]');
  });
});
