import { createHashingEmbedding } from '@embedkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgvectorStore } from './pgvector-store.js';
import { pgliteDirectory, uniqueCollection } from './pgvector-store.test-helpers.js';

const dimensions = 64;

/** Deterministic standard-normal-ish numbers (sum of uniforms from a linear congruential generator). */
function randomVectors(count: number, seed: number): Float32Array[] {
  let state = seed;
  const uniform = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: dimensions }, () => uniform() + uniform() + uniform() - 1.5),
  );
}

function cosine(left: Float32Array, right: Float32Array): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! ** 2;
    rightNorm += right[index]! ** 2;
  }
  return dot / Math.sqrt(leftNorm * rightNorm);
}

describe('efSearch', () => {
  const embedding = createHashingEmbedding({ dimensions });
  const path = pgliteDirectory('embedkit-pglite-ef-search-');
  const collection = uniqueCollection('ef_search');
  // Two stores on one PGlite and one table: only efSearch differs.
  const narrow = createPgvectorStore({ embedding, collection, path, efSearch: 10 });
  const wide = createPgvectorStore({ embedding, collection, path, efSearch: 1000 });
  afterAll(async () => {
    await narrow.close();
    await wide.close();
  });

  it('trades recall for candidates: a wider HNSW scan finds the true nearest rows a narrow one misses', async () => {
    const rows = randomVectors(1_500, 7);
    await narrow.addVectors(
      rows.map((vector, index) => ({ id: `row-${index}`, text: `row ${index}`, vector })),
    );
    const queries = randomVectors(40, 11);
    const topK = 10;
    const recall = async (store: typeof narrow) => {
      let found = 0;
      for (const query of queries) {
        const exact = rows
          .map((vector, index) => ({ id: `row-${index}`, score: cosine(query, vector) }))
          .sort((left, right) => right.score - left.score)
          .slice(0, topK)
          .map((hit) => hit.id);
        const hits = await store.searchByVector(query, { topK });
        found += hits.filter((hit) => exact.includes(hit.id)).length;
      }
      return found / (queries.length * topK);
    };
    const narrowRecall = await recall(narrow);
    const wideRecall = await recall(wide);
    expect(wideRecall).toBeGreaterThanOrEqual(0.99);
    expect(narrowRecall).toBeLessThan(wideRecall - 0.05);
  }, 120_000);
});
