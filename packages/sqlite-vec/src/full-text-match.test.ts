import { describe, expect, it } from 'vitest';
import { fullTextMatch } from './full-text-match.js';

describe('fullTextMatch', () => {
  it('quotes each distinct word and joins them with OR, leaving no FTS5 operator', () => {
    expect(fullTextMatch('Which database, stores "vectors"? which')).toBe(
      '"Which" OR "database" OR "stores" OR "vectors" OR "which"',
    );
    expect(fullTextMatch('NEAR(a b) AND c*')).toBe('"NEAR" OR "a" OR "b" OR "AND" OR "c"');
    expect(fullTextMatch('café über 42')).toBe('"café" OR "über" OR "42"');
    expect(fullTextMatch('?! -- ')).toBeUndefined();
  });
});
