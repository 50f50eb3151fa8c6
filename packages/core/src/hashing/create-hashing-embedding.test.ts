import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { createRegistry } from '../registry/create-registry.js';
import { norm } from '../vectors/normalize.js';
import { cosineSimilarity } from '../vectors/similarity.js';
import { createHashingEmbedding } from './create-hashing-embedding.js';
import { hashingProvider } from './hashing-provider.js';

const embedding = createHashingEmbedding({ dimensions: 256 });

describe('createHashingEmbedding', () => {
  it('is deterministic across calls and instances, for documents and queries alike', async () => {
    const text = 'Milvus stores vectors.';
    const [first] = await embedding.encodeDocuments([text]);
    const [again] = await createHashingEmbedding({ dimensions: 256 }).encodeQueries([text]);
    expect(Array.from(again!)).toEqual(Array.from(first!));
  });

  it('returns unit vectors of the configured length, even for text without words', async () => {
    for (const dimensions of [8, 100, 1024]) {
      const vectors = await createHashingEmbedding({ dimensions }).embed([
        'hello world',
        '!!! ???',
        '東京タワー',
        '🙂',
      ]);
      for (const vector of vectors) {
        expect(vector).toHaveLength(dimensions);
        expect(norm(vector)).toBeCloseTo(1, 5);
      }
    }
  });

  it('puts texts that share words and word pieces closer than unrelated ones', async () => {
    const [query, near, partial, far] = await embedding.embed([
      'vector database search',
      'searching a vector database',
      'databases',
      'the cat sat on the mat',
    ]);
    const score = (vector: Float32Array | undefined) => cosineSimilarity(query!, vector!);
    expect(score(near)).toBeGreaterThan(score(partial));
    expect(score(partial)).toBeGreaterThan(score(far));
  });

  it('is lexical, not semantic: synonyms with no shared letters are not close', async () => {
    const [car, automobile, cars] = await embedding.embed(['car', 'automobile', 'cars']);
    expect(cosineSimilarity(car!, cars!)).toBeGreaterThan(cosineSimilarity(car!, automobile!));
  });

  it('changes its space with every setting that changes the vectors', () => {
    const base = createHashingEmbedding();
    expect(base.dim).toBe(384);
    expect(base.space).toEqual({
      family: 'hashing',
      model: 'hashing-v1',
      dim: 384,
      charNgram: 3,
      wordBigrams: true,
      normalized: true,
    });
    expect(createHashingEmbedding({ charNgram: 0 }).space).not.toEqual(base.space);
  });

  it('refuses bad settings with every problem listed', () => {
    const attempt = (settings: unknown) => {
      try {
        createHashingEmbedding(settings as never);
      } catch (error) {
        expect(InvalidConfigError.isInstance(error)).toBe(true);
        return (error as InvalidConfigError).issues.map((issue) => issue.path);
      }
      throw new Error('expected InvalidConfigError');
    };
    expect(attempt({ dimensions: 4 })).toEqual(['dimensions']);
    expect(attempt({ dimensions: 10.5, charNgram: 9, wordBigrams: 'yes' })).toEqual([
      'dimensions',
      'charNgram',
      'wordBigrams',
    ]);
    expect(attempt({ model: 'bert' })).toEqual(['model']);
    expect(attempt({ dimension: 64 })).toEqual(['']);
  });

  it('round-trips through the registry', async () => {
    const original = createHashingEmbedding({ dimensions: 64, wordBigrams: false });
    const rebuilt = createRegistry([hashingProvider]).fromConfig(original.toConfig());
    expect(rebuilt.toConfig()).toEqual({
      provider: 'hashing',
      model: 'hashing-v1',
      dim: 64,
      dimensions: 64,
      charNgram: 3,
      wordBigrams: false,
    });
    expect(await rebuilt.embed(['x y'])).toEqual(await original.embed(['x y']));
  });
});
