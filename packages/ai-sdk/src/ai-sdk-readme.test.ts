import { createCohere } from '@ai-sdk/cohere';
import { createOpenAI } from '@embedkit/openai';
import { startCohereSimulator, startOpenAISimulator } from '@embedkit/testing';
import { embedMany } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromAiSdk } from './ai-sdk-embedding.js';
import { toAiSdk } from './embedkit-embedding-model.js';

// The README's examples as written, each pointed at a simulator (a baseURL is all that differs).
describe('README', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('quick start: fromAiSdk over @ai-sdk/cohere, the provider reading COHERE_API_KEY', async () => {
    const simulator = await startCohereSimulator();
    try {
      vi.stubEnv('COHERE_API_KEY', simulator.apiKey);
      const cohere = createCohere({ baseURL: `${simulator.baseURL}/v2` });
      const embedding = fromAiSdk(cohere.embedding('embed-v4.0'), {
        rateLimit: { requestsPerMinute: 20 },
        providerOptions: {
          document: { cohere: { inputType: 'search_document' } },
          query: { cohere: { inputType: 'search_query' } },
        },
      });
      const passages = await embedding.encodeDocuments([
        'Milvus is a vector database.',
        'Foxes hunt mice.',
      ]);
      const [query] = await embedding.encodeQueries(['which database stores vectors?']);
      expect([passages.length, query?.length]).toEqual([2, 1536]);
      // Each side sent its own input type.
      const sent = simulator.embedBodies().map((body) => body.input_type);
      expect(sent).toEqual(['search_document', 'search_query']);
    } finally {
      await simulator.close();
    }
  });

  it('toAiSdk: an embedkit function for embedMany, with usage', async () => {
    const simulator = await startOpenAISimulator();
    try {
      vi.stubEnv('OPENAI_API_KEY', simulator.apiKey);
      const model = toAiSdk(
        createOpenAI({ model: 'text-embedding-3-small', baseURL: simulator.baseURL }),
        { purpose: 'document' },
      );
      const { embeddings, usage } = await embedMany({
        model,
        values: ['a first text', 'a second text'],
      });
      expect([embeddings.length, usage.tokens > 0]).toEqual([2, true]);
    } finally {
      await simulator.close();
    }
  });

  it('migration: the five lines after embedMany embed every value, in order', async () => {
    const simulator = await startCohereSimulator();
    try {
      const cohere = createCohere({ baseURL: `${simulator.baseURL}/v2`, apiKey: simulator.apiKey });
      const values = Array.from({ length: 200 }, (_, index) => `document number ${index}`);
      const { embeddings: before } = await embedMany({
        model: cohere.embedding('embed-v4.0'),
        values,
      });
      const embedding = fromAiSdk(cohere.embedding('embed-v4.0'), {
        concurrency: 5,
        rateLimit: { requestsPerMinute: 500, tokensPerMinute: 1_000_000 },
      });
      const embeddings = await embedding.encodeDocuments(values);
      expect(embeddings.map((vector) => Array.from(vector))).toEqual(
        before.map((vector) => Array.from(Float32Array.from(vector))),
      );
    } finally {
      await simulator.close();
    }
  });
});
