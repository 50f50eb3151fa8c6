import { parseMetadataFilter } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { idsExpression, metadataFilterExpression } from './metadata-filter-expression.js';

const compiled = (filter: unknown) => metadataFilterExpression(parseMetadataFilter(filter));

describe('metadataFilterExpression', () => {
  it('compiles equality, ranges and membership on the JSON field', () => {
    expect(compiled({ source: 'a.md', page: 3, draft: false })).toBe(
      '(metadata["source"] == "a.md" and metadata["page"] == 3 and metadata["draft"] == false)',
    );
    expect(compiled({ page: { gte: 2, lt: 5 } })).toBe(
      '(metadata["page"] >= 2 and metadata["page"] < 5)',
    );
    expect(compiled({ topic: { in: ['a', 'b'] } })).toBe(
      '(metadata["topic"] == "a" or metadata["topic"] == "b")',
    );
  });

  it('makes ne and nin require the key, and exists test for null', () => {
    expect(compiled({ topic: { ne: 'a' } })).toBe(
      '(metadata["topic"] is not null and metadata["topic"] != "a")',
    );
    expect(compiled({ topic: { nin: ['a'] } })).toBe(
      '(metadata["topic"] is not null and not (metadata["topic"] == "a"))',
    );
    expect(compiled({ topic: { exists: false } })).toBe('metadata["topic"] is null');
    expect(compiled({ or: [{ a: 1 }, { b: { exists: true } }] })).toBe(
      '(metadata["a"] == 1 or metadata["b"] is not null)',
    );
  });

  it('quotes keys and values so neither can end its literal', () => {
    expect(compiled({ 'odd "key"': 'say "hi"\\' })).toBe(
      'metadata["odd \\"key\\""] == "say \\"hi\\"\\\\"',
    );
    expect(idsExpression(['a', 'b"c'])).toBe('id in ["a", "b\\"c"]');
  });

  it('passes native expressions through and leaves an empty filter out', () => {
    expect(metadataFilterExpression('metadata["n"] > 2')).toBe('metadata["n"] > 2');
    expect(compiled({})).toBeUndefined();
    expect(metadataFilterExpression('  ')).toBeUndefined();
    expect(metadataFilterExpression(undefined)).toBeUndefined();
  });
});
