import { describe, expect, it } from 'vitest';
import {
  describeEmbeddingSpace,
  embeddingSpaceKey,
  isSameEmbeddingSpace,
} from './embedding-space.js';

describe('embedding spaces', () => {
  it('compare equal whatever the key order', () => {
    const left = { family: 'jina', model: 'v3', dim: 1024, normalized: true };
    const right = { normalized: true, dim: 1024, model: 'v3', family: 'jina' };
    expect(embeddingSpaceKey(left)).toBe(embeddingSpaceKey(right));
    expect(isSameEmbeddingSpace(left, right)).toBe(true);
    expect(isSameEmbeddingSpace(left, { ...left, dim: 512 })).toBe(false);
    expect(isSameEmbeddingSpace(left, { ...left, normalized: false })).toBe(false);
  });

  it('are described for error messages with their extra properties', () => {
    expect(describeEmbeddingSpace({ family: 'jina', model: 'v3', dim: 1024 })).toBe(
      'jina/v3 (1024 dims)',
    );
    expect(describeEmbeddingSpace({ family: 'h', model: 'm', dim: 8, charNgram: 3 })).toBe(
      'h/m (8 dims, charNgram=3)',
    );
  });
});
