import { cosineSimilarity } from '@embedkit/core';
import { sampleDocuments } from '@embedkit/testing';
import { expect, it } from 'vitest';
import { createLocal } from './local-embedding.js';
import { testModelPath } from './test-model.test-helpers.js';

/** Questions worded to share almost no words with the document they ask about (as in bench/). */
const questions = [
  { query: 'Which planet is the biggest in our solar system?', source: 'g.md' },
  { query: 'How do I make a loaf with natural leavening?', source: 'e.md' },
  { query: 'What insects communicate by moving in patterns?', source: 'd.md' },
  { query: 'Clever sea creatures that camouflage themselves', source: 'h.md' },
  { query: 'An open-source engine for nearest-neighbour lookups over embeddings', source: 'a.md' },
  { query: 'Adding embeddings to an SQL server', source: 'b.md' },
  { query: 'A wild canine chasing rodents early in the morning', source: 'c.md' },
  { query: 'Easy Italian noodle topping recipe', source: 'f.md' },
];

it('finds each sample document from a paraphrased question (the hashing embedding finds 3 of 8)', async () => {
  const embedding = createLocal({ modelPath: testModelPath() });
  const documents = await embedding.encodeDocuments(
    sampleDocuments.map((document) => document.text),
  );
  const queries = await embedding.encodeQueries(questions.map((question) => question.query));
  const found = queries.map((query) => {
    const scores = documents.map((document) => cosineSimilarity(query, document));
    return sampleDocuments[scores.indexOf(Math.max(...scores))]!.metadata.source;
  });
  expect(found).toEqual(questions.map((question) => question.source));
  await embedding.close();
});
