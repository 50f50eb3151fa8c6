import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSparseRegistry, InvalidConfigError, sparseDot } from '@embedkit/core';
import { describeSparseEmbeddingFunctionContract } from '@embedkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createBm25 } from './bm25-embedding.js';
import { bm25Provider } from './bm25-provider.js';

const corpus = [
  'Honey bees dance to tell the hive where the flowers are.',
  'A glacier looks blue because thick ice absorbs red light.',
  'Clients should wait and retry a failed request after a pause.',
  'Wolves hunt in packs across the frozen winter valley.',
];

const registry = createSparseRegistry([bm25Provider]);
const folder = mkdtempSync(join(tmpdir(), 'embedkit-bm25-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeSparseEmbeddingFunctionContract('BM25 (English analyzer)', () => ({
  create: () => createBm25().fit(corpus),
  documents: corpus,
  registry,
}));

/** The terms a query vector holds, by name, for a function fitted on `corpus`. */
async function queryTerms(bm25: ReturnType<typeof createBm25>, text: string) {
  const [vector] = await bm25.encodeQueries([text]);
  const words = bm25.toParameters().idf_word;
  return [...vector!.indices].map((index) => words[index]);
}

describe('BM25 settings, for their effect', () => {
  it('drops English stop words and stems by default', async () => {
    const bm25 = createBm25().fit(corpus);
    expect(await queryTerms(bm25, 'the dancing bees')).toEqual(['bee', 'danc']);
  });

  it('stem: false keeps words as they are', async () => {
    const bm25 = createBm25({ stem: false }).fit(corpus);
    expect(await queryTerms(bm25, 'dance bees dancing')).toEqual(['bees', 'dance']);
    expect(bm25.model).toBe('bm25-en-custom');
  });

  it('extraStopWords drops more words; stopWords replaces the list', async () => {
    const extra = createBm25({ extraStopWords: ['honey'] }).fit(corpus);
    expect(await queryTerms(extra, 'honey bees')).toEqual(['bee']);
    const replaced = createBm25({ stopWords: ['bees'] }).fit(corpus);
    const terms = await queryTerms(replaced, 'the bees');
    expect(terms).toContain('the');
    expect(terms).not.toContain('bee');
  });

  it('k1 and b change document weights as BM25 says (b = 0: no length normalisation)', async () => {
    const flat = createBm25({ k1: 1.2, b: 0 }).fit(corpus);
    const [query] = await flat.encodeQueries(['wolves']);
    const documents = await flat.encodeDocuments(['wolves', 'wolves roam the long winter valley']);
    // One occurrence with b = 0 weighs (k1 + 1) / (1 + k1) = 1 in any document length.
    expect(sparseDot(query!, documents[0]!)).toBeCloseTo(sparseDot(query!, documents[1]!), 6);
    const normalised = createBm25({ k1: 1.2, b: 1 }).fit(corpus);
    const [normalisedQuery] = await normalised.encodeQueries(['wolves']);
    const [short, long] = await normalised.encodeDocuments([
      'wolves',
      'wolves roam the long winter valley',
    ]);
    expect(sparseDot(normalisedQuery!, short!)).toBeGreaterThan(
      sparseDot(normalisedQuery!, long!) * 1.5,
    );
  });

  it('refuses to encode before it is fitted, and refuses an empty corpus', async () => {
    await expect(createBm25().encodeQueries(['bees'])).rejects.toThrow(InvalidConfigError);
    expect(() => createBm25().fit([])).toThrow(InvalidConfigError);
    expect(() => createBm25({ language: 'fr' as 'en' })).toThrow(InvalidConfigError);
    expect(() => createBm25({ model: 'bm25-en', stem: false })).toThrow(
      /settings build bm25-en-custom/,
    );
  });
});

describe('BM25 parameters as JSON', () => {
  it("saves pymilvus' JSON and loads it back into a function that encodes the same vectors", async () => {
    const fitted = createBm25({ k1: 1.1, b: 0.6 }).fit(corpus);
    const path = join(folder, 'bm25.json');
    fitted.save(path);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(Object.keys(saved).sort()).toEqual(
      ['avgdl', 'b', 'corpus_size', 'epsilon', 'idf_value', 'idf_word', 'k1', 'version'].sort(),
    );
    expect(saved).toMatchObject({ version: 'v1', corpus_size: 4, k1: 1.1, b: 0.6 });

    const byPath = createBm25({ path });
    const byMethod = createBm25().load(path);
    const expected = await fitted.encodeDocuments(corpus);
    expect(await byPath.encodeDocuments(corpus)).toEqual(expected);
    expect(await byMethod.encodeDocuments(corpus)).toEqual(expected);
    expect(byMethod.k1).toBe(1.1);
    expect(byPath.toConfig()).toMatchObject({ provider: 'bm25', path });
    expect(await registry.fromConfig(byPath.toConfig()).encodeQueries(['bees'])).toEqual(
      await fitted.encodeQueries(['bees']),
    );
  });

  it('says which file is broken when the JSON cannot be read or is not BM25 parameters', () => {
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(() => createBm25({ path: broken })).toThrow(/broken\.json cannot be read as JSON/);
    const wrong = join(folder, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ version: 'v1', idf_word: ['a'] }));
    expect(() => createBm25({ path: wrong })).toThrow(InvalidConfigError);
  });
});
