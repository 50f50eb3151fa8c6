// Top-1 search results of the hashing embedding and of @embedkit/local on the same documents and
// queries: paraphrased questions that share (almost) no words with the document they ask about.
// Usage: node bench/compare-hashing.mjs [modelPath]   (after `pnpm build`)
import { cosineSimilarity, createHashingEmbedding } from '@embedkit/core';
import { sampleDocuments } from '@embedkit/testing';
import { createLocal } from '../dist/index.js';
import { benchModelPath } from './model-path.mjs';
import { paraphraseQueries } from './paraphrase-queries.mjs';

const modelPath = benchModelPath();
const texts = sampleDocuments.map((document) => document.text);

async function topHits(embedding) {
  const documents = await embedding.encodeDocuments(texts);
  const queries = await embedding.encodeQueries(paraphraseQueries.map((query) => query.query));
  return queries.map((query) => {
    const scores = documents.map((document) => cosineSimilarity(query, document));
    return scores.indexOf(Math.max(...scores));
  });
}

const hashing = await topHits(createHashingEmbedding());
const local = await topHits(createLocal({ modelPath }));
const short = (text) => (text.length > 38 ? `${text.slice(0, 36)}…` : text);
console.log('| query | hashing top-1 | local top-1 |\n|---|---|---|');
let hashingRight = 0;
let localRight = 0;
paraphraseQueries.forEach(({ query, expected }, index) => {
  const mark = (hit) => (hit === expected ? '✓' : '✗');
  hashingRight += hashing[index] === expected ? 1 : 0;
  localRight += local[index] === expected ? 1 : 0;
  console.log(
    `| ${query} | ${mark(hashing[index])} ${short(texts[hashing[index]])} | ${mark(local[index])} ${short(texts[local[index]])} |`,
  );
});
console.log(
  `\nhit@1: hashing ${hashingRight}/${paraphraseQueries.length}, local ${localRight}/${paraphraseQueries.length}`,
);
