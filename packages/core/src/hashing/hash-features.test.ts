import { describe, expect, it } from 'vitest';
import { addFeature, fnv1a, words } from './hash-features.js';

describe('hash features', () => {
  it('hashes with FNV-1a, stable across releases', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('a', 1)).not.toBe(fnv1a('a'));
  });

  it('splits lower-cased words in any script', () => {
    expect(words('Hello, WORLD! Größe 42 東京')).toEqual(['hello', 'world', 'größe', '42', '東京']);
    expect(words('...')).toEqual([]);
  });

  it('adds a feature to one signed slot', () => {
    const vector = new Float32Array(16);
    addFeature(vector, 'w:milvus', 2);
    addFeature(vector, 'w:milvus', 2);
    const touched = Array.from(vector).filter((value) => value !== 0);
    expect(touched).toHaveLength(1);
    expect(Math.abs(touched[0]!)).toBe(4);
  });
});
