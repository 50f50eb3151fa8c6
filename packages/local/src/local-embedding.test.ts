import { cosineSimilarity, InvalidConfigError, norm } from '@embedkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocal, type LocalEmbeddingFunction } from './local-embedding.js';
import { testModelPath } from './test-model.test-helpers.js';

const documents = [
  'The cat is sleeping on the warm windowsill.',
  'Interest rates were raised by the central bank to fight inflation.',
  'You can bake bread at home with flour, water, salt and yeast.',
  'The football match ended in a draw after extra time.',
];

/** Each word maps to at least one token, so 300 words are well past the model's 256-token limit. */
const longText = (tail: string) =>
  `${'Vector databases index embeddings so that similar texts can be found quickly. '.repeat(30)}${tail}`;

describe('createLocal on all-MiniLM-L6-v2 (ONNX, installed from PyPI)', () => {
  let embedding: LocalEmbeddingFunction;
  beforeAll(async () => {
    embedding = createLocal({
      model: 'all-MiniLM-L6-v2',
      modelPath: testModelPath(),
      batchSize: 3,
    });
    await embedding.load();
  });
  afterAll(async () => {
    await embedding.close();
  });

  it('returns 384-dimension unit vectors', async () => {
    expect(embedding.dim).toBe(384);
    const vectors = await embedding.encodeDocuments(documents);
    for (const vector of vectors) {
      expect(vector).toHaveLength(384);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('ranks the paraphrase of a query above unrelated sentences', async () => {
    const [query] = await embedding.encodeQueries(['How do I make my own loaf of bread?']);
    const vectors = await embedding.encodeDocuments(documents);
    const scores = vectors.map((vector) => cosineSimilarity(query!, vector));
    const best = scores.indexOf(Math.max(...scores));
    expect(documents[best]).toContain('bake bread');
    expect(scores[2]! - Math.max(scores[0]!, scores[1]!, scores[3]!)).toBeGreaterThan(0.3);
  });

  it('gives the same vectors batched, length-sorted and one by one, in input order', async () => {
    const mixed = [
      longText('first'),
      'short',
      documents[1]!,
      'tiny text',
      longText('second'),
      documents[0]!,
      'a',
    ];
    const batched = await embedding.encodeDocuments(mixed);
    for (let index = 0; index < mixed.length; index++) {
      const [alone] = await embedding.encodeDocuments([mixed[index]!]);
      for (let slot = 0; slot < alone!.length; slot++) {
        expect(Math.abs(batched[index]![slot]! - alone![slot]!)).toBeLessThan(1e-5);
      }
    }
    expect(cosineSimilarity(batched[1]!, batched[3]!)).toBeLessThan(0.99);
  });

  it('truncates inputs past 256 tokens, keeps their beginning and reports it in usage', async () => {
    const result = await embedding.embedWithUsage([
      longText('cats'),
      'short one',
      longText('dogs'),
    ]);
    expect(result.usage.truncated).toBe(2);
    expect(result.usage.truncatedTokens).toBeGreaterThan(2 * 100);
    expect(result.usage.tokens).toBe(256 + 4 + 256);
    expect(Array.from(result.vectors[0]!)).toEqual(Array.from(result.vectors[2]!));
    const plain = await embedding.embedWithUsage(['short one']);
    expect(plain.usage.truncated).toBe(0);
  });

  it('counts truncation per call even when calls overlap', async () => {
    const [withLong, withoutLong] = await Promise.all([
      embedding.embedWithUsage([longText('x')]),
      embedding.embedWithUsage(['no truncation here']),
    ]);
    expect(withLong.usage.truncated).toBe(1);
    expect(withoutLong.usage.truncated).toBe(0);
  });
});

describe('createLocal settings', () => {
  it('applies query and document prefixes, which change the vectors', async () => {
    const prefixed = createLocal({
      modelPath: testModelPath(),
      queryPrefix: 'query: ',
      documentPrefix: 'passage: ',
    });
    const [query] = await prefixed.encodeQueries(['solar panels']);
    const [document] = await prefixed.encodeDocuments(['solar panels']);
    expect(cosineSimilarity(query!, document!)).toBeLessThan(0.999);
    expect(prefixed.space).toMatchObject({ queryPrefix: 'query: ', documentPrefix: 'passage: ' });
    await prefixed.close();
  });

  it('shortens vectors to `dimensions` and renormalises them', async () => {
    const short = createLocal({ modelPath: testModelPath(), dimensions: 64 });
    expect(short.dim).toBe(64);
    const [vector] = await short.encodeDocuments(['Matryoshka dolls nest inside each other.']);
    expect(vector).toHaveLength(64);
    expect(norm(vector!)).toBeCloseTo(1, 5);
    await short.close();
  });

  it('leaves vectors unnormalised when asked', async () => {
    const raw = createLocal({ modelPath: testModelPath(), normalize: false });
    const [vector] = await raw.encodeDocuments(['Raw mean-pooled output.']);
    expect(Math.abs(norm(vector!) - 1)).toBeGreaterThan(0.01);
    await raw.close();
  });

  it('resolves the dim of a model it does not know from config.json', async () => {
    const unknown = createLocal({ model: 'someone/custom-minilm', modelPath: testModelPath() });
    expect(unknown.dim).toBe(0);
    expect(await unknown.resolveDim()).toBe(384);
    await unknown.close();
  });

  it('refuses `dimensions` larger than an unknown model turns out to have', async () => {
    const tooWide = createLocal({
      model: 'someone/custom-minilm',
      modelPath: testModelPath(),
      dimensions: 500,
    });
    const error = await tooWide.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('1..384');
    await tooWide.close();
  });

  it('names what is missing when modelPath is not a model directory', async () => {
    const broken = createLocal({ modelPath: new URL('.', import.meta.url).pathname });
    const error = await broken.encodeDocuments(['x']).catch((caught: unknown) => caught);
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('tokenizer.json is missing');
    expect((error as Error).message).toContain('onnx/model.onnx');
  });

  it('refuses unknown settings and impossible dimensions before loading anything', () => {
    expect(() => createLocal({ modelPth: 'x' } as never)).toThrow(/modelPth/);
    expect(() => createLocal({ model: 'all-MiniLM-L6-v2', dimensions: 1024 })).toThrow(/1\.\.384/);
  });
});
