import { describe, expect, it } from 'vitest';
import { estimateTokens } from './token-estimator.js';

describe('estimateTokens', () => {
  it('estimates Latin text on the high side of BPE (about 4 characters a token)', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(10);
    expect(estimateTokens(text)).toBeGreaterThanOrEqual(text.length / 4);
    expect(estimateTokens('')).toBe(1);
  });

  it('counts dense scripts as one token per character, and an emoji once', () => {
    expect(estimateTokens('東京タワー')).toBe(6);
    expect(estimateTokens('🙂')).toBe(2);
  });
});
