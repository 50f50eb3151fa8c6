import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sparseDot } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { createBm25 } from './bm25-embedding.js';
import type { Bm25Parameters } from './bm25-parameters.js';
import { createEnglishAnalyzer } from './english-analyzer.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const corpusFolder = fileURLToPath(new URL('../../../apps/demo-corpus/corpus/', import.meta.url));
/** Written by scripts/setup.sh (write-nltk-data.py): punkt_tab English and the stop words. */
const nltkData = join(packageRoot, '.nltk-data');

/** The demo corpus as paragraphs: 32 files, a few hundred documents of original prose. */
const corpus = readdirSync(corpusFolder)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .flatMap((name) =>
    readFileSync(join(corpusFolder, name), 'utf8')
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph !== ''),
  );

const queries = [
  'why do honey bees dance',
  'how should a client wait before retrying a failed request',
  'what makes glacier ice look blue',
  'Edgar F. Codd and the relational model',
  'the eruption of Mount St. Helens',
  'rate limits, 429 and Retry-After headers',
  "isn't the moon's surface covered in craters?",
  'sourdough starter fermentation yeast yeast yeast',
  'transistors replaced vacuum tubes in early computers',
  'wolves hunting in packs',
  'unknownword anotherunknownword',
];

interface PymilvusResult {
  terms: string[][];
  parameters: Bm25Parameters;
  top: { index: number; score: number }[][];
  dtype: string;
}

function runPymilvus(settings: { k1: number; b: number; epsilon: number }): PymilvusResult {
  if (!existsSync(join(nltkData, 'tokenizers', 'punkt_tab', 'english'))) {
    throw new Error(
      `${nltkData} has no NLTK punkt_tab data; run scripts/setup.sh (it installs pymilvus-model and writes the NLTK data offline).`,
    );
  }
  const result = spawnSync('python3', [join(packageRoot, 'scripts', 'pymilvus-bm25.py')], {
    input: JSON.stringify({ corpus, queries, top: 10, ...settings }),
    env: { ...process.env, NLTK_DATA: nltkData, TRANSFORMERS_VERBOSITY: 'error' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pymilvus-bm25.py failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as PymilvusResult;
}

async function embedkitTop(settings: { k1: number; b: number; epsilon: number }) {
  const bm25 = createBm25(settings).fit(corpus);
  const documents = await bm25.encodeDocuments(corpus);
  const encoded = await bm25.encodeQueries(queries);
  return {
    bm25,
    top: encoded.map((query) =>
      documents
        .map((document, index) => ({ index, score: sparseDot(query, document) }))
        .sort((left, right) => right.score - left.score || left.index - right.index)
        .slice(0, 10),
    ),
  };
}

function expectSameRanking(
  ours: { index: number; score: number }[][],
  theirs: { index: number; score: number }[][],
): number {
  let largest = 0;
  for (const [query, expected] of theirs.entries()) {
    const actual = ours[query]!;
    expect(
      actual.map((hit) => hit.index),
      queries[query],
    ).toEqual(expected.map((hit) => hit.index));
    for (const [rank, hit] of expected.entries()) {
      const score = actual[rank]!.score;
      if (hit.score !== 0) largest = Math.max(largest, Math.abs(score - hit.score) / hit.score);
      expect(Math.abs(score - hit.score), `${queries[query]} #${rank + 1}`).toBeLessThanOrEqual(
        1e-6 * Math.max(Math.abs(hit.score), Number.MIN_VALUE),
      );
    }
  }
  return largest;
}

describe('BM25 against pymilvus BM25EmbeddingFunction (same corpus, same parameters)', () => {
  const defaults = { k1: 1.5, b: 0.75, epsilon: 0.25 };
  const reference = runPymilvus(defaults);

  it(`analyzes every one of the ${corpus.length} documents into the same terms as pymilvus' default English analyzer`, () => {
    const analyzer = createEnglishAnalyzer();
    const mismatched = corpus.flatMap((text, index) => {
      const terms = analyzer.analyze(text);
      return JSON.stringify(terms) === JSON.stringify(reference.terms[index])
        ? []
        : [{ index, ours: terms, pymilvus: reference.terms[index] }];
    });
    expect(mismatched).toEqual([]);
  });

  it('fits the same vocabulary (in index order), IDF, average length and corpus size', async () => {
    const { bm25 } = await embedkitTop(defaults);
    const ours = bm25.toParameters();
    expect(ours.idf_word).toEqual(reference.parameters.idf_word);
    expect(ours.corpus_size).toBe(reference.parameters.corpus_size);
    expect(ours.avgdl).toBeCloseTo(reference.parameters.avgdl, 12);
    for (const [index, value] of reference.parameters.idf_value.entries()) {
      expect(Math.abs(ours.idf_value[index]! - value)).toBeLessThanOrEqual(1e-12 * Math.abs(value));
    }
    expect(bm25.dim).toBe(reference.parameters.idf_word.length);
  });

  it('ranks the same top 10 documents for every query, scores within 1e-6 relative', async () => {
    expect(reference.dtype).toBe('float32');
    const { top } = await embedkitTop(defaults);
    const largest = expectSameRanking(top, reference.top);
    // A figure, not an assertion beyond the 1e-6 above: how close float32 scores come.
    console.info(
      `${queries.length} queries, top 10 each: largest relative score difference ${largest.toExponential(2)}`,
    );
    expect(top.at(-1)).toEqual([...top.at(-1)!].map((hit) => ({ ...hit, score: 0 })));
  });

  it('matches with other k1, b and epsilon too (each setting changes the scores)', async () => {
    const other = { k1: 0.9, b: 0.4, epsilon: 0.5 };
    const theirs = runPymilvus(other);
    const { top } = await embedkitTop(other);
    const largest = expectSameRanking(top, theirs.top);
    console.info(
      `k1 0.9, b 0.4, epsilon 0.5: largest relative score difference ${largest.toExponential(2)}`,
    );
    expect(theirs.top[0]![0]!.score).not.toBeCloseTo(reference.top[0]![0]!.score, 3);
  });

  it("loads the parameters pymilvus saved and scores like pymilvus' fitted function", async () => {
    const loaded = createBm25({ parameters: reference.parameters });
    const documents = await loaded.encodeDocuments(corpus);
    const [query] = await loaded.encodeQueries([queries[0]!]);
    const best = reference.top[0]![0]!;
    const score = sparseDot(query!, documents[best.index]!);
    expect(Math.abs(score - best.score)).toBeLessThanOrEqual(1e-6 * best.score);
  });
});
