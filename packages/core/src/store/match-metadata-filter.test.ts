import { describe, expect, it } from 'vitest';
import { NotSupportedError } from '../errors/not-supported-error.js';
import { matchesMetadataFilter } from './match-metadata-filter.js';

describe('matchesMetadataFilter', () => {
  const metadata = { source: 'a.md', page: 2, draft: false };

  it('matches when every key is equal or in its list', () => {
    expect(matchesMetadataFilter(metadata, undefined)).toBe(true);
    expect(matchesMetadataFilter(metadata, { source: 'a.md', draft: false })).toBe(true);
    expect(matchesMetadataFilter(metadata, { page: { in: [1, 2] } })).toBe(true);
    expect(matchesMetadataFilter(metadata, { source: 'b.md' })).toBe(false);
    expect(matchesMetadataFilter(metadata, { page: { in: ['2'] } })).toBe(false);
    expect(matchesMetadataFilter(metadata, { missing: null })).toBe(false);
  });

  it('refuses native expression strings', () => {
    expect(() => matchesMetadataFilter(metadata, 'page == 2')).toThrow(NotSupportedError);
  });
});
